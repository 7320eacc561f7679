// What the Gistar stage leaves for later stages (uncovered hot-spot clusters, the report, the maps) and for the
// command's summary.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/fdr.h"
#include "engine/hotspot/gistar.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot::cli {

struct GistarOutcome {
  std::optional<AnalysisGrid> grid;     // fishnet or hexagons; empty for zones
  bool zones = false;                   // units are polygon zones
  size_t n_cells = 0;                   // grid cells or zones
  std::vector<int64_t> unit_of_cell;    // cell -> analysis unit, -1 = not analysed (outside the study area, undefined)
  std::vector<size_t> cell_of_unit;
  std::vector<double> cell_counts;      // incidents (or weights) per cell, every cell
  std::vector<double> values;           // per unit: the analysed value
  GiStarResult gi;                      // per unit
  std::vector<int> bins;                // per unit, -3..3
  BinThresholds thresholds;
  SpatialWeights::Summary neighbours;
  double band_crs = 0.0;
  std::string band_note;
  std::string weights_description;      // "inverse distance (power 1)", "k nearest neighbours (k = 8)", ...
  std::string value_field;              // "Join_Count", "RATE", or the summed field
  int64_t points_in = 0, points_outside = 0;
  std::map<int, int64_t> bin_counts;
  std::string description;              // one line for reports and map notes
  std::vector<std::string> paths;       // layers written
  size_t features = 0;                  // features per layer

  size_t units() const { return cell_of_unit.size(); }
  // Per grid cell, the bin of its unit, or `not_analysed` for cells left out.
  std::vector<int> cell_bins(int not_analysed) const;
};

}  // namespace hotspot::cli
