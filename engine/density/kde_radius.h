// ArcGIS Pro's default search radius for Kernel Density ("the spatial variant of Silverman's rule of thumb"):
//
//   radius = 0.9 * min(SD, sqrt(1 / ln 2) * Dm) * n^-0.2
//
// SD: the standard distance of the points about their mean centre; Dm: the median distance to the mean centre;
// n: the number of points, or the sum of the weights when a weight (population) field is used, in which case the
// mean centre, SD and Dm are weighted too. The weighted median is the smallest distance whose cumulative weight
// reaches half the total, averaged with the next distance when it reaches exactly half (the ordinary median when
// all weights are equal).
#pragma once

#include <string>

#include "engine/core/point.h"

namespace hotspot {

struct DefaultRadius {
  double radius_crs = 0.0;         // the search radius, CRS units
  double mean_x = 0.0, mean_y = 0.0;
  double standard_distance = 0.0;  // SD, CRS units
  double median_distance = 0.0;    // Dm, CRS units
  double n = 0.0;                  // count or weight sum
  bool weighted = false;
  bool used_standard_distance = false;  // min() picked SD rather than sqrt(1/ln 2) Dm
};

// Throws std::invalid_argument when there are no points, the weight sum is not positive, a weight is negative,
// or all points coincide (the radius would be zero).
DefaultRadius arcgis_default_radius(PointSpan points, bool weighted);

// One line for reports: "default search radius 1234.5 (ArcGIS rule: 0.9 * min(SD=..., sqrt(1/ln2)*Dm=...) * n^-0.2, n=...)".
std::string describe(const DefaultRadius& r, const std::string& unit_name);

}  // namespace hotspot
