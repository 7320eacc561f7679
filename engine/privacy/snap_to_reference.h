// Snapping incident points to reference points: each point takes the position of the nearest reference point (the
// hundred block's centre from the geocoder's gazetteer, or the nearest named intersection), found through the
// KD-tree. A point with no reference point within `max_distance` is not snapped and is reported, so the caller
// can leave it out rather than publish it where it was.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/length.h"
#include "engine/core/point.h"

namespace hotspot {

struct SnapResult {
  std::vector<Point> points;          // snapped positions (weights kept); unsnapped points keep their own
  std::vector<int64_t> reference;     // per point, the reference point taken, or -1 when none was near enough
  size_t unsnapped = 0;
};

// `crs_unit_m`: metres per analysis CRS unit. REQUIRES: max_distance > 0.
SnapResult snap_to_reference(PointSpan points, PointSpan references, const Length& max_distance, double crs_unit_m);

}  // namespace hotspot
