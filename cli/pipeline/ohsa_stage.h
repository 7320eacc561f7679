// Optimized Hot Spot Analysis for incident points (ArcGIS Pro's tool of that name): the Ohsa stage of `hotspot
// ohsa`. It chooses what `hotspot gistar` would be told, then runs the Gistar stage with those choices:
//   1. locational outliers among the incidents' distinct locations (engine/hotspot/locational_outliers.h);
//   2. the cell size from the other incidents' nearest-neighbour distances (engine/hotspot/optimized_scale.h), or
//      --cell-size as given;
//   3. the analysis units: the fishnet (or hexagon) cells holding at least one incident, or with a study area every
//      cell inside it (ArcGIS's bounding polygon);
//   4. the distance band from Incremental Spatial Autocorrelation over the units' counts, or --band as given;
//   5. Gi* on the counts with FDR-corrected Gi_Bin, ArcGIS's fields (the Gistar stage).
// ArcGIS's minimums are checked before anything is written: 60 incidents (30 with a study area), 30 analysis units,
// counts that differ. Every choice and why is in the outcome (the command prints it) and written with the layer
// (GeoJSON member "hotspot_ohsa", GeoPackage metadata HOTSPOT_OHSA_*, Shapefile sidecar .ohsa.json); the Moran's I
// curve goes to --curve (CSV, with its PNG plot beside it). Not part of `hotspot run`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/extent.h"
#include "engine/core/length.h"
#include "engine/hotspot/optimized_scale.h"

namespace hotspot::cli {

// What the Ohsa stage chose and why, for the command's summary and the layer's metadata.
struct OhsaOutcome {
  int64_t incidents = 0;
  size_t locations = 0;                  // distinct incident locations (0 when --cell-size was given)
  size_t outlier_locations = 0;
  int64_t outlier_incidents = 0;
  std::optional<CellSizeChoice> cell;    // empty when --cell-size was given
  double cell_size_crs = 0.0;
  size_t units = 0, cells = 0;
  std::optional<BandChoice> band;        // empty when --band was given
  double band_crs = 0.0;
  // Each choice in words, in order: ("outliers", "..."), ("cell_size", "..."), ("units", ...), ("band", "...").
  std::vector<std::pair<std::string, std::string>> choices;
  std::string curve_csv, curve_png;      // written by --curve
};

class OhsaStage : public Stage {
 public:
  enum class CellShape { kFishnet, kHexagon };

  struct Options {
    // Cell size; DEFAULT: chosen from the incidents' nearest-neighbour distances.
    std::optional<Length> cell_size;
    CellShape cell_shape = CellShape::kFishnet;
    // Grid extent in analysis CRS units. DEFAULT: the study area's bounds, else the incidents'.
    std::optional<Extent> extent;
    // Distance band; DEFAULT: chosen by Incremental Spatial Autocorrelation.
    std::optional<Length> band;
    // The Moran's I curve (.csv, with its .png beside it). DEFAULT: not written. REQUIRES: no --band.
    std::string curve;
    // Output layer: .geojson (WGS 84), .shp or .gpkg, with a .qml beside it.
    std::string output;

    void declare(OptionTable& table);
  };

  explicit OhsaStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "ohsa"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const OhsaOutcome& outcome() const { return r_; }

 private:
  Options o_;
  OhsaOutcome r_;
};

}  // namespace hotspot::cli
