#include "engine/hotspot/incremental_moran.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/hotspot/spatial_weights.h"

namespace hotspot {

namespace {

void check(PointSpan centroids, std::span<const double> x, const IncrementalMoranOptions& o) {
  if (o.bands < 2 || o.bands > 100)
    throw std::invalid_argument("Incremental spatial autocorrelation: the number of distance bands must be 2..100, got " +
                                std::to_string(o.bands));
  if (centroids.size() != x.size())
    throw std::invalid_argument("Incremental spatial autocorrelation: " + std::to_string(centroids.size()) +
                                " units but " + std::to_string(x.size()) + " values");
  if (x.size() < 2) throw std::invalid_argument("Incremental spatial autocorrelation: needs at least 2 units");
}

// The start and increment after defaulting from the nearest-neighbour distances.
void resolve_distances(PointSpan centroids, const IncrementalMoranOptions& o, IncrementalMoranResult& r) {
  r.start_crs = o.start_crs;
  r.increment_crs = o.increment_crs;
  if (!(r.start_crs > 0.0) || !(r.increment_crs > 0.0)) {
    const std::vector<double> nn = nearest_neighbor_distances(centroids, o.threads);
    double largest = 0.0, sum = 0.0;
    for (double d : nn) {
      largest = std::max(largest, d);
      sum += d;
    }
    if (!(r.start_crs > 0.0)) r.start_crs = largest;
    if (!(r.increment_crs > 0.0)) r.increment_crs = sum / static_cast<double>(nn.size());
  }
  if (!std::isfinite(r.start_crs) || !(r.start_crs > 0.0) || !std::isfinite(r.increment_crs) || !(r.increment_crs > 0.0))
    throw std::invalid_argument("Incremental spatial autocorrelation: the start distance and the increment must be "
                                "positive (are all units in one place?)");
}

void find_peaks(IncrementalMoranResult& r) {
  std::vector<double> z;
  for (const IncrementalMoranBand& b : r.bands) z.push_back(b.moran.z);
  r.peaks = z_peaks(z);
  if (r.peaks.empty()) return;
  r.first_peak = r.peaks.front();
  size_t best = r.peaks.front();
  for (size_t k : r.peaks)
    if (r.bands[k].moran.z > r.bands[best].moran.z) best = k;
  r.max_peak = best;
}

}  // namespace

std::vector<size_t> z_peaks(std::span<const double> z) {
  std::vector<size_t> peaks;
  for (size_t k = 1; k + 1 < z.size(); ++k)
    if (z[k] > z[k - 1] && z[k] > z[k + 1]) peaks.push_back(k);
  return peaks;
}

IncrementalMoranResult incremental_moran(PointSpan centroids, std::span<const double> x,
                                         const IncrementalMoranOptions& o, Progress* progress) {
  return incremental_moran(centroids, x, o, BandWeights{}, progress);
}

IncrementalMoranResult incremental_moran(PointSpan centroids, std::span<const double> x, const IncrementalMoranOptions& o,
                                         const BandWeights& weights, Progress* progress) {
  check(centroids, x, o);
  IncrementalMoranResult r;
  resolve_distances(centroids, o, r);
  for (int b = 0; b < o.bands; ++b) {
    WeightsOptions wo;
    wo.band_crs = r.start_crs + b * r.increment_crs;
    wo.include_self = false;
    wo.threads = o.threads;
    const SpatialWeights w = weights ? weights(wo) : distance_weights(centroids, wo);
    try {
      r.bands.push_back({wo.band_crs, global_moran(x, w, MoranOptions{o.standardisation})});
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("distance band " + std::to_string(b + 1) + ": " + e.what());
    }
    if (progress) progress->update("distance bands", b + 1, o.bands);
  }
  find_peaks(r);
  return r;
}

}  // namespace hotspot
