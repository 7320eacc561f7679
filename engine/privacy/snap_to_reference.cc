#include "engine/privacy/snap_to_reference.h"

#include "engine/privacy/proximity_index.h"

namespace hotspot {

SnapResult snap_to_reference(PointSpan points, PointSpan references, const Length& max_distance, double crs_unit_m) {
  const ProximityIndex near(std::vector<Point>(references.begin(), references.end()));
  const double limit = max_distance.in_crs_units(crs_unit_m);
  SnapResult r;
  r.points.assign(points.begin(), points.end());
  r.reference.assign(points.size(), -1);
  for (size_t i = 0; i < points.size(); ++i) {
    const auto hit = near.nearest_within(points[i].x, points[i].y, limit);
    if (!hit) {
      ++r.unsnapped;
      continue;
    }
    r.points[i].x = references[hit->index].x;
    r.points[i].y = references[hit->index].y;
    r.reference[i] = hit->index;
  }
  return r;
}

}  // namespace hotspot
