#include "engine/hotspot/optimized_scale.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/core/parallel_for.h"
#include "engine/core/point_index.h"

namespace hotspot {

namespace {

constexpr double kMinimumCellDivisor = 250.0;  // ArcGIS's default raster cell size: the shorter side / 250
constexpr double kMaximumCellShare = 0.1;      // ArcGIS's bound: a tenth of the longer side
constexpr double kStartShareOfCap = 0.2;       // a start beyond the standard distance becomes a fifth of it

}  // namespace

CellSizeChoice optimized_cell_size(const NearestNeighbourSummary& nn, const Extent& e) {
  const double longer = std::max(e.width(), e.height());
  if (e.empty() || !(longer > 0.0)) throw std::invalid_argument("cell size: the incidents' extent has no size");
  const double shorter = std::min(e.width(), e.height());
  CellSizeChoice c;
  c.nearest_neighbour_crs = 2.0 * std::max(nn.mean_crs, nn.median_crs);
  c.minimum_crs = (shorter > 0.0 ? shorter : longer) / kMinimumCellDivisor;
  c.maximum_crs = longer * kMaximumCellShare;
  c.cell_size_crs = c.nearest_neighbour_crs;
  if (c.cell_size_crs < c.minimum_crs) {
    c.cell_size_crs = c.minimum_crs;
    c.rule = CellSizeRule::kRaisedToMinimum;
  } else if (c.cell_size_crs > c.maximum_crs) {
    c.cell_size_crs = c.maximum_crs;
    c.rule = CellSizeRule::kLoweredToMaximum;
  }
  return c;
}

double standard_distance(PointSpan points) {
  if (points.empty()) return 0.0;
  double mx = 0.0, my = 0.0;
  for (const Point& p : points) {
    mx += p.x;
    my += p.y;
  }
  const double n = static_cast<double>(points.size());
  mx /= n;
  my /= n;
  double ss = 0.0;
  for (const Point& p : points) ss += (p.x - mx) * (p.x - mx) + (p.y - my) * (p.y - my);
  return std::sqrt(ss / n);
}

size_t fallback_neighbour_count(size_t units) {
  return std::clamp<size_t>(units / 20, 3, 30);
}

double mean_kth_neighbour_distance(PointSpan points, size_t k, int threads) {
  const size_t n = points.size();
  if (k < 1 || k >= n) throw std::invalid_argument("k-th nearest neighbour: k must be 1..units - 1");
  const PointIndex index(points);
  std::vector<double> kth(n, 0.0);
  parallel_for(n, ParallelFor{threads, 1024}, [&](const ChunkRange& r) {
    for (size_t i = r.begin; i < r.end; ++i) {
      size_t taken = 0;
      for (const Neighbor& nb : index.nearest(points[i].x, points[i].y, k + 1)) {
        if (nb.index == i) continue;
        if (++taken == k) kth[i] = nb.distance;
      }
    }
  });
  double sum = 0.0;
  for (double d : kth) sum += d;
  return sum / static_cast<double>(n);
}

CurvePick pick_band(std::span<const double> z, double critical_z) {
  CurvePick pick;
  for (size_t k : z_peaks(z))
    if (z[k] > critical_z) {
      pick.rule = BandRule::kFirstPeak;
      pick.index = k;
      return pick;
    }
  if (z.empty()) return pick;
  const size_t best = static_cast<size_t>(std::max_element(z.begin(), z.end()) - z.begin());
  if (z[best] > critical_z) {
    pick.rule = BandRule::kMaximumZ;
    pick.index = best;
  }
  return pick;
}

BandSeries optimized_band_series(PointSpan centroids, int bands, int threads) {
  if (bands < 2) throw std::invalid_argument("distance bands: need at least 2");
  const NearestNeighbourSummary nn = nearest_neighbour_summary(centroids, 3.0, threads);
  BandSeries s;
  s.unit_outliers = nn.outliers;
  s.start_crs = nn.max_crs;
  s.increment_crs = nn.mean_crs;
  s.standard_distance_crs = standard_distance(nn.locations.empty() ? centroids : PointSpan(nn.locations));
  const double last = s.start_crs + (bands - 1) * s.increment_crs;
  if (last > s.standard_distance_crs && s.standard_distance_crs > 0.0) {
    s.capped = true;
    if (s.start_crs > s.standard_distance_crs) s.start_crs = kStartShareOfCap * s.standard_distance_crs;
    s.increment_crs = (s.standard_distance_crs - s.start_crs) / (bands - 1);
  }
  return s;
}

BandChoice optimized_band(PointSpan centroids, std::span<const double> values, const OptimizedBandOptions& o,
                          const BandWeights& weights, Progress* progress) {
  if (centroids.size() != values.size())
    throw std::invalid_argument("distance band: " + std::to_string(centroids.size()) + " units but " +
                                std::to_string(values.size()) + " values");
  BandChoice c;
  c.series = optimized_band_series(centroids, o.bands, o.threads);
  IncrementalMoranOptions io;
  io.bands = o.bands;
  io.start_crs = c.series.start_crs;
  io.increment_crs = c.series.increment_crs;
  io.threads = o.threads;
  c.curve = incremental_moran(centroids, values, io, weights, progress);
  std::vector<double> z;
  for (const IncrementalMoranBand& b : c.curve.bands) z.push_back(b.moran.z);
  const CurvePick pick = pick_band(z, o.critical_z);
  c.rule = pick.rule;
  c.band_index = pick.index;
  if (pick.index) {
    c.band_crs = c.curve.bands[*pick.index].distance_crs;
    return c;
  }
  c.k = fallback_neighbour_count(centroids.size());
  c.mean_kth_crs = mean_kth_neighbour_distance(centroids, c.k, o.threads);
  const double sd = standard_distance(centroids);
  c.limited_to_standard_distance = c.mean_kth_crs > sd;
  c.band_crs = c.limited_to_standard_distance ? sd : c.mean_kth_crs;
  return c;
}

const char* to_string(CellSizeRule rule) {
  switch (rule) {
    case CellSizeRule::kNearestNeighbour: return "nearest-neighbour";
    case CellSizeRule::kRaisedToMinimum: return "minimum";
    case CellSizeRule::kLoweredToMaximum: return "maximum";
  }
  return "";
}

const char* to_string(BandRule rule) {
  switch (rule) {
    case BandRule::kFirstPeak: return "first-peak";
    case BandRule::kMaximumZ: return "maximum-z";
    case BandRule::kNearestNeighbours: return "nearest-neighbours";
  }
  return "";
}

}  // namespace hotspot
