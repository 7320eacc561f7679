// An axis-aligned bounding box in CRS units.
#pragma once

#include <limits>

#include "engine/core/point.h"

namespace hotspot {

struct Extent {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  bool empty() const { return !(min_x <= max_x && min_y <= max_y); }
  double width() const { return empty() ? 0.0 : max_x - min_x; }
  double height() const { return empty() ? 0.0 : max_y - min_y; }
  void include(double x, double y) {
    if (x < min_x) min_x = x;
    if (x > max_x) max_x = x;
    if (y < min_y) min_y = y;
    if (y > max_y) max_y = y;
  }
  bool contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
  Extent grown(double margin) const { return {min_x - margin, min_y - margin, max_x + margin, max_y + margin}; }
};

Extent extent_of(PointSpan points);

}  // namespace hotspot
