// What the Emerging stage leaves for the command's summary and, in a run, for the report (the pattern mix inside
// each priority area).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/hotspot/analysis_units.h"
#include "engine/spacetime/emerging.h"
#include "engine/spacetime/space_time_cube.h"

namespace hotspot::cli {

struct EmergingOutcome {
  std::optional<AnalysisGrid> grid;
  SpaceTimeCube cube;
  EmergingResult result;
  double band_crs = 0.0;
  std::vector<std::string> paths;  // the layer, then the cube CSV and netCDF when written
};

}  // namespace hotspot::cli
