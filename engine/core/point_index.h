// A 2-D KD-tree over projected points for radius and k-nearest-neighbour queries.
// nanoflann is the implementation; it never appears in this header. Distances are plain CRS units in and out
// (nanoflann 1.4 works in squared distances internally; that stays inside point_index.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/point.h"

namespace hotspot {

struct Neighbor {
  uint32_t index = 0;     // position in the span the index was built on
  double distance = 0.0;  // CRS units
};

class PointIndex {
 public:
  // Indexes the points (the span must outlive the index). At most 2^32 - 1 points.
  explicit PointIndex(PointSpan points);
  ~PointIndex();
  PointIndex(const PointIndex&) = delete;
  PointIndex& operator=(const PointIndex&) = delete;
  PointIndex(PointIndex&&) noexcept;
  PointIndex& operator=(PointIndex&&) noexcept;

  size_t size() const;

  // Every point with distance <= radius_crs (inclusive, like spdep's dnearneigh), sorted by distance then index.
  // Clears and fills `out`. Thread-safe for concurrent queries.
  void within_radius(double x, double y, double radius_crs, std::vector<Neighbor>& out) const;

  // Number of points with distance <= radius_crs.
  size_t count_within_radius(double x, double y, double radius_crs) const;

  // The k nearest points, nearest first (ties broken by index); fewer when the index is smaller than k.
  std::vector<Neighbor> nearest(double x, double y, size_t k) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotspot
