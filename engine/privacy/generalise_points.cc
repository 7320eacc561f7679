#include "engine/privacy/generalise_points.h"

#include <map>
#include <stdexcept>

#include "engine/privacy/proximity_index.h"
#include "engine/privacy/snap_to_reference.h"

namespace hotspot {

GeneralisedPoints hundred_block_points(PointSpan incidents, PointSpan references, int min_count,
                                       const Length& snap_distance, const Length& avoid_distance, double crs_unit_m) {
  if (min_count < 1) throw std::invalid_argument("hundred-block points need k >= 1");
  const SnapResult s = snap_to_reference(incidents, references, snap_distance, crs_unit_m);
  std::map<int64_t, int64_t> per_reference;  // ordered by reference index: a fixed output order
  for (int64_t r : s.reference)
    if (r >= 0) ++per_reference[r];
  const ProximityIndex near(std::vector<Point>(incidents.begin(), incidents.end()));
  const double avoid = avoid_distance.in_crs_units(crs_unit_m);
  GeneralisedPoints g;
  g.dropped_unplaced = s.unsnapped;
  for (const auto& [index, n] : per_reference) {
    const Point& ref = references[static_cast<size_t>(index)];
    const size_t close = near.count_within(ref.x, ref.y, avoid);
    if (n < min_count || (close > 0 && close < static_cast<size_t>(min_count))) {
      g.dropped_below_k += static_cast<size_t>(n);
      continue;
    }
    g.points.push_back({ref.x, ref.y, static_cast<double>(n)});
    g.incidents.push_back(n);
  }
  return g;
}

GeneralisedPoints donut_points(PointSpan incidents, const DonutOptions& o, const Length& avoid_distance,
                               double crs_unit_m) {
  if (!(avoid_distance.in_crs_units(crs_unit_m) < o.min_displacement.in_crs_units(crs_unit_m)))
    throw std::invalid_argument("donut points: the distance to keep clear of incidents must be below the minimum "
                                "displacement");
  const ProximityIndex near(std::vector<Point>(incidents.begin(), incidents.end()));
  const double avoid = avoid_distance.in_crs_units(crs_unit_m);
  std::vector<Point> moved = donut_mask(incidents, o, crs_unit_m);
  std::vector<size_t> pending;  // incidents whose draw is not clear yet
  const auto collect = [&](const std::vector<size_t>& of) {
    std::vector<size_t> out;
    for (size_t i : of)
      if (near.count_within(moved[i].x, moved[i].y, avoid) > 0) out.push_back(i);
    return out;
  };
  std::vector<size_t> all(incidents.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  pending = collect(all);
  for (int attempt = 1; attempt <= kDonutAttempts && !pending.empty(); ++attempt) {
    std::vector<Point> again;
    for (size_t i : pending) again.push_back(incidents[i]);
    DonutOptions retry = o;
    retry.seed = o.seed + 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(attempt);
    const std::vector<Point> drawn = donut_mask(again, retry, crs_unit_m);
    for (size_t j = 0; j < pending.size(); ++j) moved[pending[j]] = drawn[j];
    pending = collect(pending);
  }
  std::vector<bool> dropped(incidents.size(), false);
  for (size_t i : pending) dropped[i] = true;
  GeneralisedPoints g;
  g.dropped_unplaced = pending.size();
  for (size_t i = 0; i < incidents.size(); ++i)
    if (!dropped[i]) {
      g.points.push_back(moved[i]);
      g.incidents.push_back(1);
    }
  return g;
}

}  // namespace hotspot
