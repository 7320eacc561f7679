#include "engine/privacy/proximity_index.h"

namespace hotspot {

ProximityIndex::ProximityIndex(std::vector<Point> incidents)
    : incidents_(std::move(incidents)), index_(PointSpan(incidents_)) {}

std::optional<Neighbor> ProximityIndex::nearest_within(double x, double y, double distance_crs) const {
  if (incidents_.empty()) return std::nullopt;
  // A radius query, not nearest(x, y, 1): exact for many incidents at one spot (sorted by distance, then index).
  std::vector<Neighbor> within;
  index_.within_radius(x, y, distance_crs, within);
  if (within.empty()) return std::nullopt;
  return within.front();
}

size_t ProximityIndex::count_within(double x, double y, double distance_crs) const {
  return incidents_.empty() ? 0 : index_.count_within_radius(x, y, distance_crs);
}

}  // namespace hotspot
