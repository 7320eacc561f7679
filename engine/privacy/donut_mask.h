// Donut geomasking (Hampton et al. 2010, "Mapping health data: improved privacy protection with donut method
// geomasking", Am. J. Epidemiol. 172(9)): each point moves in a random direction by a random distance between a
// stated minimum and maximum, uniform over the area of the annulus (distance = sqrt(U (max^2 - min^2) + min^2)),
// so no point stays within the minimum of where it was and none goes farther than the maximum.
//
// Seeded per point: point i's draw depends only on the seed and i, so any thread count gives identical output.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/length.h"
#include "engine/core/point.h"

namespace hotspot {

struct DonutOptions {
  Length min_displacement{50.0, LengthUnit::kMetre};   // REQUIRES: > 0
  Length max_displacement{250.0, LengthUnit::kMetre};  // REQUIRES: > min_displacement
  uint64_t seed = 12345;
  int threads = 0;                                      // 0 = all cores; the result is the same for any count
};

// The points moved; weights kept. `crs_unit_m`: metres per analysis CRS unit. Throws std::invalid_argument for
// bounds that are not 0 < min < max.
std::vector<Point> donut_mask(PointSpan points, const DonutOptions& options, double crs_unit_m);

}  // namespace hotspot
