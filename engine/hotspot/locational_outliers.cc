#include "engine/hotspot/locational_outliers.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/hotspot/spatial_weights.h"

namespace hotspot {

std::vector<Point> distinct_locations(PointSpan points) {
  std::vector<Point> sorted(points.begin(), points.end());
  std::sort(sorted.begin(), sorted.end(), [](const Point& a, const Point& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  std::vector<Point> out;
  for (const Point& p : sorted) {
    if (!out.empty() && out.back().x == p.x && out.back().y == p.y) out.back().weight += 1.0;
    else out.push_back({p.x, p.y, 1.0});
  }
  return out;
}

namespace {

double median_of(std::vector<double> v) {
  const size_t n = v.size(), mid = n / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (n % 2 == 1) return upper;
  return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)));
}

// Mean and population standard deviation.
void moments(const std::vector<double>& d, double& mean, double& sd) {
  double sum = 0.0;
  for (double x : d) sum += x;
  mean = sum / static_cast<double>(d.size());
  double ss = 0.0;
  for (double x : d) ss += (x - mean) * (x - mean);
  sd = std::sqrt(ss / static_cast<double>(d.size()));
}

}  // namespace

NearestNeighbourSummary nearest_neighbour_summary(PointSpan points, double sd_multiple, int threads) {
  if (!(sd_multiple > 0.0)) throw std::invalid_argument("locational outliers: the standard deviation multiple must be positive");
  NearestNeighbourSummary s;
  s.locations = distinct_locations(points);
  if (s.locations.size() < 2)
    throw std::invalid_argument("all " + std::to_string(points.size()) +
                                " incidents are at one location: there is no distance between them to measure");
  s.distance_crs = nearest_neighbor_distances(s.locations, threads);
  moments(s.distance_crs, s.mean_all_crs, s.sd_all_crs);
  s.outlier_above_crs = s.mean_all_crs + sd_multiple * s.sd_all_crs;
  s.outlier.assign(s.locations.size(), false);
  std::vector<double> kept;
  kept.reserve(s.locations.size());
  for (size_t i = 0; i < s.locations.size(); ++i) {
    if (s.sd_all_crs > 0.0 && s.distance_crs[i] > s.outlier_above_crs) {
      s.outlier[i] = true;
      ++s.outliers;
      s.outlier_incidents += static_cast<int64_t>(s.locations[i].weight);
      continue;
    }
    kept.push_back(s.distance_crs[i]);
  }
  double sd_kept = 0.0;
  moments(kept, s.mean_crs, sd_kept);
  s.median_crs = median_of(kept);
  s.max_crs = *std::max_element(kept.begin(), kept.end());
  return s;
}

}  // namespace hotspot
