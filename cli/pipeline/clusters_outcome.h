// What the UncoveredHotspots stage leaves for the report: the clusters of significant hot cells outside every
// priority area, ranked.
#pragma once

#include <cstdint>
#include <string>

namespace hotspot::cli {

struct HotspotClusterFigures {
  int rank = 0;
  int64_t cells = 0;
  double area_sq_mi = 0.0;
  int64_t incidents = 0;
  double max_z = 0.0;
  double lon = 0.0, lat = 0.0;          // hottest cell's centre, WGS 84
  std::string nearest_intersection;     // reverse-geocoded label
  double intersection_distance_ft = 0.0;
  std::string division;
  std::string neighborhood;
};

}  // namespace hotspot::cli
