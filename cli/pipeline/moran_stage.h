// Global Moran's I and Anselin Local Moran's I (cluster and outlier analysis): the Moran stage of `hotspot moran`.
// Incident counts are aggregated into a fishnet, hexagons or polygon zones with the same units and weights options
// as the Gistar stage; the weights exclude the unit itself and are row-standardised by default (ArcGIS). With
// `local`, the layer carries ArcGIS's fields (SOURCE_ID, Join_Count, LMiIndex, LMiZScore, LMiPValue, COType,
// NNeighbors) with a QGIS .qml in a cluster/outlier palette beside it. Not part of `hotspot run`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/extent.h"
#include "engine/core/length.h"
#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/incremental_moran.h"
#include "engine/hotspot/local_moran.h"
#include "engine/hotspot/moran.h"

namespace hotspot::cli {

// What the Moran stage leaves for the command's summary.
struct MoranOutcome {
  std::optional<AnalysisGrid> grid;  // empty for zones
  size_t n_cells = 0;                // grid cells or zones
  size_t units = 0;                  // analysed (grid cells inside the study area, or every cell / zone)
  int64_t points_in = 0, points_outside = 0;
  std::string weights_description;
  double band_crs = 0.0;             // 0 for k nearest and contiguity
  SpatialWeights::Summary neighbours;
  MoranResult global;
  std::optional<LocalMoranResult> local;
  std::optional<IncrementalMoranResult> incremental;
  std::string incremental_csv, incremental_png;  // written by --incremental
  std::vector<std::string> paths;    // layers written
  size_t features = 0;
};

class MoranStage : public Stage {
 public:
  enum class Scope { kGlobal, kLocal };

  struct Options {
    // Fishnet cell side, or hexagon centre spacing. REQUIRES: given unless zones are.
    std::optional<Length> cell_size;
    // Hexagons instead of square cells. DEFAULT: false (fishnet).
    bool hex = false;
    // Grid extent in analysis CRS units. DEFAULT: the study area's bounds, else the data's.
    std::optional<Extent> extent;
    // Polygon zones as the analysis units (instead of a grid), their layer and id field.
    std::string zones, zones_layer, zone_id;
    // band, idw1, idw2, knn:K, indifference, contiguity-edges or contiguity-corners (zones only). DEFAULT: band.
    std::string weights = "band";
    // Distance band or cutoff. DEFAULT: the cell size for a whole fishnet; else the smallest distance giving every
    // unit a neighbour.
    std::optional<Length> band;
    // Row-standardised weights (ArcGIS's choice for Moran's I). DEFAULT: row.
    WeightsStandardisation standardisation = WeightsStandardisation::kRow;
    // Local Moran's I per unit and its layer, besides the global statistic. DEFAULT: global only.
    Scope scope = Scope::kGlobal;
    // Local moments: conditional on x_i (spdep's default) or total randomisation. DEFAULT: conditional.
    LocalMoranMoments moments = LocalMoranMoments::kConditional;
    // Conditional permutations for LMiPValue (local only). DEFAULT: 0 (normal p). REQUIRES: 0..99999.
    int permutations = 0;
    uint64_t seed = 12345;
    // Significance level of COType. REQUIRES: 0 < alpha < 1. DEFAULT: 0.05.
    double alpha = 0.05;
    // COType with the Benjamini-Hochberg false discovery rate correction. DEFAULT: off (ArcGIS's default).
    FdrCorrection fdr = FdrCorrection::kOff;
    // Output layer (local only): .geojson (WGS 84), .shp or .gpkg. REQUIRES: given with local, absent without.
    std::string output;
    // Incremental spatial autocorrelation: Global Moran's I over increasing fixed distance bands between the unit
    // centres, written to this .csv with its z-score plot (.png) beside it. DEFAULT: not run. REQUIRES: band weights.
    std::string incremental;
    int incremental_bands = 10;                   // REQUIRES: 2..100
    std::optional<Length> incremental_start;      // DEFAULT: the distance that gives every unit a neighbour
    std::optional<Length> incremental_increment;  // DEFAULT: the mean nearest-neighbour distance

    void declare(OptionTable& table);
  };

  explicit MoranStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "moran"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const MoranOutcome& outcome() const { return r_; }

 private:
  Options o_;
  MoranOutcome r_;
};

}  // namespace hotspot::cli
