// The nearest of a set of points within a distance (the audit: "is this published position an incident's?"; snapping:
// "which reference point is nearest?"), answered through the KD-tree (engine/core/point_index.h), never all pairs.
#pragma once

#include <optional>
#include <vector>

#include "engine/core/point.h"
#include "engine/core/point_index.h"

namespace hotspot {

class ProximityIndex {
 public:
  // The incidents in the analysis CRS.
  explicit ProximityIndex(std::vector<Point> incidents);

  // The nearest incident at most distance_crs from (x, y) (ties: the lower index), or none.
  std::optional<Neighbor> nearest_within(double x, double y, double distance_crs) const;

  // How many incidents lie at most distance_crs from (x, y).
  size_t count_within(double x, double y, double distance_crs) const;

  size_t size() const { return incidents_.size(); }

 private:
  std::vector<Point> incidents_;
  PointIndex index_;
};

}  // namespace hotspot
