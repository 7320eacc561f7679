// The outputs of `hotspot emerging`: the location layer (one fishnet or hexagon cell per cube location with its
// emerging pattern and trends, written through the vector writer), its QGIS style, and the long CSV of the cube
// (one row per location and time step).
//
// Layer fields (names fit shapefiles): SOURCE_ID (grid cell id), LOCATION (cube location), PATTERN and CATEGORY
// (ArcGIS's names and codes), TREND_Z, TREND_P, TREND_SIGN (Mann-Kendall of the Gi* z-scores; sign +1 rising, -1
// falling, 0 none), COUNT_Z, COUNT_P, COUNT_SIGN (the same for the counts), HOT_STEPS, COLD_STEPS (significant
// steps at the chosen level), SUM_COUNT (incidents over the kept steps).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/hotspot/analysis_units.h"
#include "engine/spacetime/emerging.h"
#include "geo/write/vector_writer.h"

namespace hotspot {

VectorLayer emerging_layer(const AnalysisGrid& grid, const SpaceTimeCube& cube, const EmergingResult& result);

// A categorized QGIS style on CATEGORY, one colour per pattern (README, "Emerging hot spots", says where they
// come from).
std::string emerging_qml();

// The same palette for other renderers (the HTML map): ArcGIS's CATEGORY and its colour "#RRGGBB", in the style's
// order.
std::vector<std::pair<int, std::string>> emerging_palette();

// LOCATION,SOURCE_ID,TIME_STEP,START_DATE,END_DATE,COUNT,GiZScore,GiPValue,Gi_Bin; END_DATE is the last day in the
// step. Written through AtomicOutput; throws std::runtime_error naming the path.
void write_cube_csv(const std::string& path, bool overwrite, const SpaceTimeCube& cube, const EmergingResult& result);

}  // namespace hotspot
