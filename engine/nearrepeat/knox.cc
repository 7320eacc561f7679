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

// The pairs within the last distance edge as compressed rows over the incidents in space-filling-curve order (so
// that a row's partners' dates lie near its own in memory): row r lists the partners p > r with their distance
// band. order[r] is the incident at row r.
struct SpatialPairs {
  std::vector<uint32_t> order;
  struct Entry {
    uint32_t partner;  // a row number
    uint32_t band;     // side by side, so that the rare pair within a time band costs no second cache miss
  };
  std::vector<uint64_t> offsets;  // rows + 1
  std::vector<Entry> entries;
  size_t size() const { return entries.size(); }
};

// Interleaves the bits of two 16-bit numbers (a Morton code).
uint32_t interleave(uint32_t x, uint32_t y) {
  auto spread = [](uint32_t v) {
    v = (v | (v << 8)) & 0x00FF00FF;
    v = (v | (v << 4)) & 0x0F0F0F0F;
    v = (v | (v << 2)) & 0x33333333;
    return (v | (v << 1)) & 0x55555555;
  };
  return spread(x) | (spread(y) << 1);
}

// The incidents sorted by their Morton code on a 65,536 x 65,536 grid over their extent (ties by index).
std::vector<uint32_t> curve_order(PointSpan points) {
  double x0 = points[0].x, x1 = x0, y0 = points[0].y, y1 = y0;
  for (const Point& p : points) x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  const double sx = x1 > x0 ? 65535.0 / (x1 - x0) : 0.0, sy = y1 > y0 ? 65535.0 / (y1 - y0) : 0.0;
  std::vector<std::pair<uint32_t, uint32_t>> keyed(points.size());
  for (size_t i = 0; i < points.size(); ++i)
    keyed[i] = {interleave(static_cast<uint32_t>((points[i].x - x0) * sx), static_cast<uint32_t>((points[i].y - y0) * sy)),
                static_cast<uint32_t>(i)};
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order(points.size());
  for (size_t r = 0; r < keyed.size(); ++r) order[r] = keyed[r].second;
  return order;
}

SpatialPairs spatial_pairs(PointSpan points, std::span<const double> edges, int threads) {
  SpatialPairs sp;
  sp.order = curve_order(points);
  const size_t n = points.size();
  std::vector<Point> sorted(n);
  for (size_t r = 0; r < n; ++r) sorted[r] = points[sp.order[r]];
  const PointIndex index(sorted);
  std::vector<std::vector<SpatialPairs::Entry>> chunks(chunk_count(n, kUnitsPerChunk));
  std::vector<uint32_t> row_size(n, 0);
  parallel_for(n, ParallelFor{threads, kUnitsPerChunk}, []() { return std::vector<Neighbor>(); },
               [&](std::vector<Neighbor>& found, const ChunkRange& rows) {
    for (size_t r = rows.begin; r < rows.end; ++r) {
      index.within_radius(sorted[r].x, sorted[r].y, edges.back(), found);
      std::sort(found.begin(), found.end(), [](const Neighbor& a, const Neighbor& b) { return a.index < b.index; });
      for (const Neighbor& nb : found) {
        if (nb.index <= r) continue;
        const int b = band_of(nb.distance, edges);
        if (b < 0) continue;
        chunks[rows.index].push_back({nb.index, static_cast<uint32_t>(b)});
        ++row_size[r];
      }
    }
  });
  sp.offsets.assign(n + 1, 0);
  for (size_t r = 0; r < n; ++r) sp.offsets[r + 1] = sp.offsets[r] + row_size[r];
  for (const auto& c : chunks) sp.entries.insert(sp.entries.end(), c.begin(), c.end());
  return sp;
}

// The table of one set of dates (`days_by_row` in the pairs' row order).
void count_pairs(const SpatialPairs& sp, std::span<const double> days_by_row, std::span<const double> time_edges,
                 size_t time_bands, std::vector<int64_t>& counts) {
  std::fill(counts.begin(), counts.end(), 0);
  const double t_min = time_edges.front(), t_max = time_edges.back();
  const size_t rows = sp.offsets.size() - 1;
  for (size_t r = 0; r < rows; ++r) {
    const double dr = days_by_row[r];
    for (uint64_t k = sp.offsets[r]; k < sp.offsets[r + 1]; ++k) {
      const SpatialPairs::Entry e = sp.entries[k];
      const double dt = std::fabs(dr - days_by_row[e.partner]);
      if (dt > t_max || dt < t_min) continue;  // most pairs: outside every time band
      const int t = band_of(dt, time_edges);
      ++counts[e.band * time_bands + static_cast<size_t>(t)];
    }
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

struct ShuffleScratch {
  std::vector<double> shuffled, by_row;
  std::vector<int64_t> table;
};

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
  const SpatialPairs pairs = spatial_pairs(points, o.distance_edges_crs, o.threads);
  r.spatial_pairs = static_cast<int64_t>(pairs.size());
  r.observed.assign(cells, 0);
  std::vector<double> by_row(days.size());
  for (size_t row = 0; row < by_row.size(); ++row) by_row[row] = days[pairs.order[row]];
  count_pairs(pairs, by_row, o.time_edges_days, r.time_bands, r.observed);
  // Each permutation's table in its own slot, summed in order afterwards: identical for any thread count.
  const size_t R = static_cast<size_t>(o.permutations);
  std::vector<int64_t> tables(R * cells, 0);
  parallel_for(R, ParallelFor{o.threads, 1, progress, "permutations"},
               [&]() { return ShuffleScratch{{}, std::vector<double>(days.size()), std::vector<int64_t>(cells)}; },
               [&](ShuffleScratch& state, const ChunkRange& reps) {
    for (size_t rep = reps.begin; rep < reps.end; ++rep) {
      // The shuffle is of the dates in the input's order (so it is the same for any pair layout), then read by row.
      state.shuffled.assign(days.begin(), days.end());
      shuffle(state.shuffled, o.seed, rep);
      for (size_t row = 0; row < state.by_row.size(); ++row) state.by_row[row] = state.shuffled[pairs.order[row]];
      count_pairs(pairs, state.by_row, o.time_edges_days, r.time_bands, state.table);
      std::copy(state.table.begin(), state.table.end(), tables.begin() + static_cast<std::ptrdiff_t>(rep * cells));
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
