// A projected incident point: x = easting, y = northing, in the units of the analysis CRS.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace hotspot {

struct Point {
  double x = 0.0;       // easting (CRS units)
  double y = 0.0;       // northing (CRS units)
  double weight = 1.0;  // population / weight field; 1 when none is used
};

using PointSpan = std::span<const Point>;

// Sum of weights (the "n" of weighted statistics).
double total_weight(PointSpan points);

}  // namespace hotspot
