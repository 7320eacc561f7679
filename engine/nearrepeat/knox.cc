#include "engine/nearrepeat/knox.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include "engine/core/parallel_for.h"
#include "engine/core/point_index.h"

namespace hotspot {

namespace {

constexpr size_t kUnitsPerChunk = 256;

void check_edges(std::span<const double> edges, const std::string& what) {
  if (edges.size() < 2) throw std::invalid_argument("Knox test: give at least two " + what + " band edges");
  for (size_t k = 0; k < edges.size(); ++k) {
    if (!std::isfinite(edges[k]) || edges[k] < 0.0)
      throw std::invalid_argument("Knox test: " + what + " band edge " + std::to_string(k + 1) + " is negative or not finite");
    if (k > 0 && !(edges[k] > edges[k - 1]))
      throw std::invalid_argument("Knox test: " + what + " bands are not increasing (edge " + std::to_string(k + 1) +
                                  " is not larger than edge " + std::to_string(k) + ")");
  }
}

void check_inputs(PointSpan points, std::span<const double> days, const KnoxOptions& o) {
  if (points.size() != days.size())
    throw std::invalid_argument("Knox test: " + std::to_string(points.size()) + " incidents but " +
                                std::to_string(days.size()) + " dates");
  if (points.size() < 2) throw std::invalid_argument("Knox test: needs at least 2 incidents, got " + std::to_string(points.size()));
  for (size_t i = 0; i < days.size(); ++i)
    if (!std::isfinite(days[i]) || days[i] < 0.0)
      throw std::invalid_argument("Knox test: the time of incident " + std::to_string(i) + " is negative or not finite");
  check_edges(o.distance_edges_crs, "distance");
  check_edges(o.time_edges_days, "time");
  if (o.permutations < 1) throw std::invalid_argument("Knox test: needs at least 1 permutation");
}

// A pair within the last distance edge: its two incidents and its distance band.
struct SpatialPair {
  uint32_t i, j;
  uint32_t band;
};

std::vector<SpatialPair> spatial_pairs(PointSpan points, std::span<const double> edges, int threads) {
  const PointIndex index(points);
  const size_t n = points.size();
  std::vector<std::vector<SpatialPair>> chunks(chunk_count(n, kUnitsPerChunk));
  parallel_for(n, ParallelFor{threads, kUnitsPerChunk}, []() { return std::vector<Neighbor>(); },
               [&](std::vector<Neighbor>& found, const ChunkRange& units) {
    for (size_t i = units.begin; i < units.end; ++i) {
      index.within_radius(points[i].x, points[i].y, edges.back(), found);
      for (const Neighbor& nb : found) {
        if (nb.index <= i) continue;
        const int b = band_of(nb.distance, edges);
        if (b >= 0) chunks[units.index].push_back({static_cast<uint32_t>(i), nb.index, static_cast<uint32_t>(b)});
      }
    }
  });
  std::vector<SpatialPair> all;
  for (const auto& c : chunks) all.insert(all.end(), c.begin(), c.end());
  return all;
}

void count_pairs(const std::vector<SpatialPair>& pairs, std::span<const double> days, std::span<const double> time_edges,
                 size_t time_bands, std::vector<int64_t>& counts) {
  std::fill(counts.begin(), counts.end(), 0);
  for (const SpatialPair& p : pairs) {
    const int t = band_of(std::fabs(days[p.i] - days[p.j]), time_edges);
    if (t >= 0) ++counts[p.band * time_bands + static_cast<size_t>(t)];
  }
}

// Exactly uniform in [0, range) from 64-bit draws (rejection of the incomplete last block).
uint64_t uniform_below(std::mt19937_64& g, uint64_t range) {
  const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % range;
  uint64_t v;
  do v = g();
  while (v >= limit);
  return v % range;
}

void shuffle(std::vector<double>& v, uint64_t seed, uint64_t rep) {
  std::seed_seq seq{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32), static_cast<uint32_t>(rep),
                    static_cast<uint32_t>(rep >> 32)};
  std::mt19937_64 g(seq);
  for (size_t k = v.size(); k > 1; --k) std::swap(v[k - 1], v[uniform_below(g, k)]);
}

}  // namespace

int band_of(double value, std::span<const double> edges) {
  if (edges.empty() || value < edges.front() || value > edges.back()) return -1;
  // The first edge >= value closes the band (bands are (e_b, e_{b+1}], the first one closed at e_0 too).
  const auto it = std::lower_bound(edges.begin() + 1, edges.end(), value);
  return static_cast<int>(it - edges.begin()) - 1;
}

KnoxResult knox_test(PointSpan points, std::span<const double> days, const KnoxOptions& o, Progress* progress) {
  check_inputs(points, days, o);
  KnoxResult r;
  r.distance_bands = o.distance_edges_crs.size() - 1;
  r.time_bands = o.time_edges_days.size() - 1;
  const size_t cells = r.distance_bands * r.time_bands;
  const std::vector<SpatialPair> pairs = spatial_pairs(points, o.distance_edges_crs, o.threads);
  r.spatial_pairs = static_cast<int64_t>(pairs.size());
  r.observed.assign(cells, 0);
  count_pairs(pairs, days, o.time_edges_days, r.time_bands, r.observed);
  // Each permutation's table in its own slot, summed in order afterwards: identical for any thread count.
  const size_t R = static_cast<size_t>(o.permutations);
  std::vector<int64_t> tables(R * cells, 0);
  parallel_for(R, ParallelFor{o.threads, 1, progress, "permutations"},
               [&]() { return std::make_pair(std::vector<double>(), std::vector<int64_t>(cells)); },
               [&](std::pair<std::vector<double>, std::vector<int64_t>>& state, const ChunkRange& reps) {
    for (size_t rep = reps.begin; rep < reps.end; ++rep) {
      state.first.assign(days.begin(), days.end());
      shuffle(state.first, o.seed, rep);
      count_pairs(pairs, state.first, o.time_edges_days, r.time_bands, state.second);
      std::copy(state.second.begin(), state.second.end(), tables.begin() + static_cast<std::ptrdiff_t>(rep * cells));
    }
  });
  r.expected.assign(cells, 0.0);
  std::vector<int64_t> at_least(cells, 0);
  for (size_t rep = 0; rep < R; ++rep)
    for (size_t c = 0; c < cells; ++c) {
      const int64_t v = tables[rep * cells + c];
      r.expected[c] += static_cast<double>(v);
      at_least[c] += v >= r.observed[c];
    }
  r.knox_ratio.assign(cells, std::numeric_limits<double>::quiet_NaN());
  r.pseudo_p.assign(cells, 0.0);
  for (size_t c = 0; c < cells; ++c) {
    r.expected[c] /= static_cast<double>(R);
    if (r.expected[c] > 0.0) r.knox_ratio[c] = static_cast<double>(r.observed[c]) / r.expected[c];
    r.pseudo_p[c] = static_cast<double>(at_least[c] + 1) / static_cast<double>(R + 1);
  }
  return r;
}

}  // namespace hotspot
