#include "engine/hotspot/spatial_weights.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/core/parallel_for.h"
#include "engine/core/point_index.h"

namespace hotspot {

namespace {

constexpr double kBandTolerance = 1e-9;
constexpr size_t kUnitsPerChunk = 256;  // parallel work items of the KD-tree paths
constexpr size_t kRowsPerChunk = 8;     // parallel work items of the fishnet stencil

double inclusive(double band) { return band * (1.0 + kBandTolerance); }

bool needs_band(WeightScheme s) {
  return s == WeightScheme::kFixedBand || s == WeightScheme::kInverseDistance || s == WeightScheme::kZoneOfIndifference;
}

// Weight of a neighbour at distance d (not self) under a distance scheme.
double distance_weight(const WeightsOptions& o, double band, double d) {
  switch (o.scheme) {
    case WeightScheme::kInverseDistance: return 1.0 / std::pow(std::max(d, 1.0), o.power);
    case WeightScheme::kZoneOfIndifference: return d <= inclusive(band) ? 1.0 : std::pow(band / d, o.power);
    default: return 1.0;
  }
}

// The outer search radius of a scheme.
double search_radius(const WeightsOptions& o, double band) {
  if (o.scheme == WeightScheme::kZoneOfIndifference) return o.zoi_cutoff_crs > 0.0 ? o.zoi_cutoff_crs : 2.0 * band;
  return band;
}

void validate(const WeightsOptions& o) {
  if (o.scheme == WeightScheme::kContiguity)
    throw std::invalid_argument("contiguity weights come from polygons, not distances");
  if (o.scheme == WeightScheme::kKNearest && o.k < 1)
    throw std::invalid_argument("k nearest neighbours needs k >= 1, got " + std::to_string(o.k));
  if (o.scheme == WeightScheme::kInverseDistance && !(o.power > 0.0))
    throw std::invalid_argument("inverse distance power must be positive");
  if (o.scheme == WeightScheme::kZoneOfIndifference && o.zoi_cutoff_crs > 0.0 && o.zoi_cutoff_crs < o.band_crs)
    throw std::invalid_argument("zone of indifference cutoff is smaller than its band");
}

// Concatenates per-chunk rows (each chunk: per-row sizes, neighbours, weights) into one CSR.
struct Chunk {
  std::vector<uint32_t> sizes;
  std::vector<uint32_t> nbr;
  std::vector<double> w;
};

SpatialWeights assemble(size_t n, std::vector<Chunk>& chunks, bool binary, bool self) {
  SpatialWeights sw;
  sw.n = n;
  sw.self_included = self;
  sw.offsets.resize(n + 1);
  size_t row = 0, total = 0;
  sw.offsets[0] = 0;
  for (const Chunk& c : chunks) {
    for (uint32_t s : c.sizes) {
      total += s;
      sw.offsets[++row] = total;
    }
  }
  sw.neighbors.reserve(total);
  if (!binary) sw.weights.reserve(total);
  for (Chunk& c : chunks) {
    sw.neighbors.insert(sw.neighbors.end(), c.nbr.begin(), c.nbr.end());
    if (!binary) sw.weights.insert(sw.weights.end(), c.w.begin(), c.w.end());
    c = Chunk{};
  }
  return sw;
}

}  // namespace

size_t SpatialWeights::neighbor_count(size_t i) const {
  size_t c = row_size(i);
  if (self_included) {
    for (uint64_t k = offsets[i]; k < offsets[i + 1]; ++k)
      if (neighbors[k] == i) {
        --c;
        break;
      }
  }
  return c;
}

SpatialWeights::Summary SpatialWeights::summary() const {
  Summary s;
  if (n == 0) return s;
  s.min = std::numeric_limits<size_t>::max();
  double total = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const size_t c = neighbor_count(i);
    s.min = std::min(s.min, c);
    s.max = std::max(s.max, c);
    total += static_cast<double>(c);
    if (c == 0) ++s.without_neighbors;
  }
  s.mean = total / static_cast<double>(n);
  return s;
}

std::vector<double> nearest_neighbor_distances(PointSpan centroids, int threads) {
  const size_t n = centroids.size();
  if (n < 2) return std::vector<double>(n, std::numeric_limits<double>::infinity());
  PointIndex index(centroids);
  std::vector<double> per(n, 0.0);
  parallel_for(n, ParallelFor{threads, kUnitsPerChunk}, [&](const ChunkRange& units) {
    for (size_t i = units.begin; i < units.end; ++i) {
      // the nearest unit other than i (a duplicate centroid counts, at distance 0)
      const auto nb = index.nearest(centroids[i].x, centroids[i].y, 2);
      double d = std::numeric_limits<double>::infinity();
      for (const Neighbor& x : nb)
        if (x.index != i) d = std::min(d, x.distance);
      per[i] = d;
    }
  });
  return per;
}

double default_band(PointSpan centroids, int threads) {
  if (centroids.size() < 2) return 0.0;
  double band = 0.0;
  for (double d : nearest_neighbor_distances(centroids, threads)) band = std::max(band, d);
  return band;
}

SpatialWeights distance_weights(PointSpan c, const WeightsOptions& o, Progress* progress) {
  validate(o);
  const size_t n = c.size();
  double band = o.band_crs;
  if (needs_band(o.scheme) && !(band > 0.0)) band = default_band(c, o.threads);
  if (needs_band(o.scheme) && n > 1 && !(band > 0.0))
    throw std::invalid_argument("the distance band is zero: every unit has a duplicate centroid");
  PointIndex index(c);
  std::vector<Chunk> chunks(chunk_count(n, kUnitsPerChunk));
  const bool binary = o.scheme == WeightScheme::kFixedBand || o.scheme == WeightScheme::kKNearest;
  const double radius = search_radius(o, band);
  auto fill = [&](std::vector<Neighbor>& found, const ChunkRange& units) {
    Chunk& ch = chunks[units.index];
    ch.sizes.reserve(units.end - units.begin);
    std::vector<std::pair<uint32_t, double>> row;
    for (size_t i = units.begin; i < units.end; ++i) {
      row.clear();
      if (o.scheme == WeightScheme::kKNearest) {
        found = index.nearest(c[i].x, c[i].y, static_cast<size_t>(o.k) + 1);
        size_t taken = 0;
        for (const Neighbor& nb : found) {
          if (nb.index == i || taken == static_cast<size_t>(o.k)) continue;
          row.push_back({nb.index, 1.0});
          ++taken;
        }
      } else {
        index.within_radius(c[i].x, c[i].y, inclusive(radius), found);
        for (const Neighbor& nb : found)
          if (nb.index != i) row.push_back({nb.index, distance_weight(o, band, nb.distance)});
      }
      if (o.include_self) row.push_back({static_cast<uint32_t>(i), 1.0});
      std::sort(row.begin(), row.end());
      ch.sizes.push_back(static_cast<uint32_t>(row.size()));
      for (const auto& [j, w] : row) {
        ch.nbr.push_back(j);
        if (!binary) ch.w.push_back(w);
      }
    }
  };
  parallel_for(n, ParallelFor{o.threads, kUnitsPerChunk, progress, "spatial weights"},
               []() { return std::vector<Neighbor>(); }, fill);
  return assemble(n, chunks, binary, o.include_self);
}

SpatialWeights fishnet_weights(int64_t ncols, int64_t nrows, double cell, std::span<const int64_t> unit_of_cell,
                               const WeightsOptions& o, Progress* progress) {
  validate(o);
  if (ncols <= 0 || nrows <= 0 || !(cell > 0.0)) throw std::invalid_argument("fishnet_weights: empty grid");
  const size_t cells = static_cast<size_t>(ncols * nrows);
  if (!unit_of_cell.empty() && unit_of_cell.size() != cells)
    throw std::invalid_argument("fishnet_weights: unit_of_cell has the wrong size");
  const bool masked = !unit_of_cell.empty();
  // Unit centroids (relative to the grid origin), for the default band and the k-nearest fallback.
  auto centroids = [&]() {
    std::vector<Point> pts;
    for (size_t id = 0; id < cells; ++id) {
      if (masked && unit_of_cell[id] < 0) continue;
      const int64_t r = static_cast<int64_t>(id) / ncols, col = static_cast<int64_t>(id) % ncols;
      pts.push_back({(static_cast<double>(col) + 0.5) * cell, -(static_cast<double>(r) + 0.5) * cell, 1.0});
    }
    return pts;
  };
  if (o.scheme == WeightScheme::kKNearest) {
    const std::vector<Point> pts = centroids();
    return distance_weights(pts, o, progress);
  }
  double band = o.band_crs;
  if (!(band > 0.0)) {
    if (!masked) band = cells > 1 ? cell : 0.0;
    else band = default_band(centroids(), o.threads);
  }
  size_t n_units = cells;
  if (masked) {
    n_units = 0;
    int64_t last = -1;
    for (int64_t u : unit_of_cell) {
      if (u < 0) continue;
      if (u != last + 1) throw std::invalid_argument("fishnet_weights: units must be numbered in increasing cell order");
      last = u;
      ++n_units;
    }
  }
  if (n_units > 1 && !(band > 0.0)) throw std::invalid_argument("the distance band is zero");
  // The stencil: every (dr, dc) within the search radius, row-major so that neighbours come out in index order.
  const double radius = search_radius(o, band);
  const double lim = inclusive(radius);
  const int64_t reach = static_cast<int64_t>(std::floor(lim / cell));
  struct Offset {
    int64_t dr, dc;
    double w;
    bool self;
  };
  std::vector<Offset> stencil;
  for (int64_t dr = -reach; dr <= reach; ++dr)
    for (int64_t dc = -reach; dc <= reach; ++dc) {
      const double d = cell * std::sqrt(static_cast<double>(dr * dr + dc * dc));
      const bool self = dr == 0 && dc == 0;
      if (self ? !o.include_self : d > lim) continue;
      stencil.push_back({dr, dc, self ? 1.0 : distance_weight(o, band, d), self});
    }
  const bool binary = o.scheme == WeightScheme::kFixedBand;
  auto unit = [&](int64_t id) -> int64_t { return masked ? unit_of_cell[static_cast<size_t>(id)] : id; };
  SpatialWeights sw;
  sw.n = n_units;
  sw.self_included = o.include_self;
  sw.offsets.assign(n_units + 1, 0);
  // Pass 1: row sizes, by grid row.
  std::vector<uint32_t> sizes(n_units, 0);
  parallel_for(static_cast<size_t>(nrows), ParallelFor{o.threads, kRowsPerChunk}, [&](const ChunkRange& rows) {
    for (int64_t r = static_cast<int64_t>(rows.begin); r < static_cast<int64_t>(rows.end); ++r)
      for (int64_t col = 0; col < ncols; ++col) {
        const int64_t u = unit(r * ncols + col);
        if (u < 0) continue;
        uint32_t s = 0;
        const bool interior = r >= reach && r < nrows - reach && col >= reach && col < ncols - reach;
        if (interior && !masked) {
          s = static_cast<uint32_t>(stencil.size());
        } else {
          for (const Offset& of : stencil) {
            const int64_t rr = r + of.dr, cc = col + of.dc;
            if (rr < 0 || rr >= nrows || cc < 0 || cc >= ncols) continue;
            if (unit(rr * ncols + cc) >= 0) ++s;
          }
        }
        sizes[static_cast<size_t>(u)] = s;
      }
  });
  for (size_t i = 0; i < n_units; ++i) sw.offsets[i + 1] = sw.offsets[i] + sizes[i];
  sizes = {};
  sw.neighbors.resize(sw.offsets[n_units]);
  if (!binary) sw.weights.resize(sw.offsets[n_units]);
  // Pass 2: fill.
  parallel_for(static_cast<size_t>(nrows), ParallelFor{o.threads, kRowsPerChunk, progress, "spatial weights"},
               [&](const ChunkRange& rows) {
    for (int64_t r = static_cast<int64_t>(rows.begin); r < static_cast<int64_t>(rows.end); ++r) {
      for (int64_t col = 0; col < ncols; ++col) {
        const int64_t id = r * ncols + col;
        const int64_t u = unit(id);
        if (u < 0) continue;
        uint64_t k = sw.offsets[static_cast<size_t>(u)];
        const bool interior = r >= reach && r < nrows - reach && col >= reach && col < ncols - reach;
        if (interior && !masked) {
          for (const Offset& of : stencil) {
            sw.neighbors[k] = static_cast<uint32_t>(id + of.dr * ncols + of.dc);
            if (!binary) sw.weights[k] = of.w;
            ++k;
          }
          continue;
        }
        for (const Offset& of : stencil) {
          const int64_t rr = r + of.dr, cc = col + of.dc;
          if (rr < 0 || rr >= nrows || cc < 0 || cc >= ncols) continue;
          const int64_t v = unit(rr * ncols + cc);
          if (v < 0) continue;
          sw.neighbors[k] = static_cast<uint32_t>(v);
          if (!binary) sw.weights[k] = of.w;
          ++k;
        }
      }
    }
  });
  return sw;
}

SpatialWeights weights_from_lists(const std::vector<std::vector<uint32_t>>& lists, bool include_self) {
  SpatialWeights sw;
  sw.n = lists.size();
  sw.self_included = include_self;
  sw.offsets.assign(sw.n + 1, 0);
  std::vector<uint32_t> row;
  for (size_t i = 0; i < sw.n; ++i) {
    row.clear();
    for (uint32_t j : lists[i]) {
      if (j >= sw.n) throw std::invalid_argument("weights_from_lists: neighbour index out of range");
      if (j != i) row.push_back(j);
    }
    if (include_self) row.push_back(static_cast<uint32_t>(i));
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    sw.neighbors.insert(sw.neighbors.end(), row.begin(), row.end());
    sw.offsets[i + 1] = sw.neighbors.size();
  }
  return sw;
}

std::string to_string(WeightScheme s) {
  switch (s) {
    case WeightScheme::kFixedBand: return "fixed distance band";
    case WeightScheme::kInverseDistance: return "inverse distance";
    case WeightScheme::kKNearest: return "k nearest neighbours";
    case WeightScheme::kZoneOfIndifference: return "zone of indifference";
    case WeightScheme::kContiguity: return "contiguity";
  }
  return "?";
}

}  // namespace hotspot
