// What the PriorityAreas stage leaves for the clusters, the map and the report: the areas placed, each with its
// figures, and the citywide figures they are compared with.
#pragma once

#include <string>
#include <vector>

#include "engine/report/area_report.h"
#include "geo/read/priority_areas.h"

namespace hotspot::cli {

struct PriorityAreaInfo {
  std::string id;
  std::string name;
  std::string intersection;     // as written in the areas file; empty for polygon areas
  std::string placed_by;        // e.g. "intersection CDOT signal 'BEATTIES FORD RD_LASALLE ST' (score 100)"
  double radius_mi = 0.0;       // 0 for polygon areas
  double area_sq_mi = 0.0;
  double lon = 0.0, lat = 0.0;  // centre, WGS 84
  std::vector<std::string> overlaps;  // ids of areas it overlaps
  bool outside_data_extent = false;
};

struct AreasOutcome {
  std::vector<PriorityArea> areas;      // geometry and membership, analysis CRS
  std::vector<PriorityAreaInfo> info;   // same order as areas
  std::vector<AreaFigures> figures;     // same order as areas
  AreaFigures city;
  double city_area_sq_mi = 0.0;         // city limits (or the study area); 0 = unknown
};

}  // namespace hotspot::cli
