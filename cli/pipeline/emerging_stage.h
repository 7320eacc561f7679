// Emerging hot spots: the Emerging stage of `hotspot emerging`. Incidents are binned into a space-time cube (the
// fishnet or hexagons of the Gi* stage x calendar time steps), space-time Gi* is computed per bin, and each
// location gets a Mann-Kendall trend of its Gi* z-scores and of its counts and ArcGIS's emerging pattern
// (engine/spacetime/emerging.h). The location layer goes through the vector writer with a .qml beside it; the long
// CSV and the netCDF of the cube on request.
#pragma once

#include <optional>
#include <string>

#include "cli/pipeline/emerging_outcome.h"
#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/extent.h"
#include "engine/core/length.h"
#include "engine/spacetime/emerging.h"
#include "engine/spacetime/space_time_cube.h"

namespace hotspot::cli {

class EmergingStage : public Stage {
 public:
  struct Options {
    // Fishnet cell side, or hexagon spacing. REQUIRES: given.
    std::optional<Length> cell_size;
    // Hexagons instead of square cells. DEFAULT: false (fishnet).
    bool hex = false;
    // Grid extent in analysis CRS units. DEFAULT: the study area's bounds, else the data's.
    std::optional<Extent> extent;
    // 1month, 3months or 1year. DEFAULT: 3months.
    std::string time_step = "3months";
    // end (ArcGIS's default: the final step ends with the data), start, or reference. DEFAULT: end.
    std::string time_alignment = "end";
    // YYYY-MM-DD a step boundary falls on. REQUIRES: given with time_alignment reference, and only then.
    std::string reference_time;
    // Earlier time steps in a bin's neighbourhood. DEFAULT: 1 (ArcGIS's). REQUIRES: 0..100.
    int neighborhood_steps = 1;
    // Fixed distance band of the spatial neighbours. DEFAULT: the cell size (a cell's 4 edge neighbours).
    std::optional<Length> band;
    // cube (ArcGIS's default: mean and variance over the whole cube) or step (over each time step). DEFAULT: cube.
    std::string global_window = "cube";
    // Significance level of hot/cold steps and trends: 0.10, 0.05 or 0.01. DEFAULT: 0.05.
    double alpha = 0.05;
    // Per-step bins with the Benjamini-Hochberg false discovery rate correction (ArcGIS's). DEFAULT: true.
    bool fdr = true;
    // Output layer (command line only): .gpkg, .shp or .geojson; a .qml goes beside it.
    std::string output;
    // The long CSV of the cube, one row per location and step (command line only). DEFAULT: not written.
    std::string cube_csv;
    // The cube as netCDF (GDAL's multidimensional API), fishnets only (command line only). DEFAULT: not written.
    std::string cube_netcdf;

    void declare(OptionTable& table);
  };

  explicit EmergingStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "emerging"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const EmergingOutcome& outcome() const { return outcome_; }

 private:
  Options o_;
  EmergingOutcome outcome_;
};

}  // namespace hotspot::cli
