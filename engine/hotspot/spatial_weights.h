// Sparse spatial weights between analysis units, for Getis-Ord Gi* and other local statistics.
//
// Stored as compressed rows (CSR): row i lists unit i's neighbours j (self included when asked, as Gi* needs) in
// increasing j with their weights w_ij. Never an n x n matrix: distance schemes search neighbours through the
// KD-tree (engine/core/point_index.h), and a regular fishnet uses a stencil of cell offsets, which gives the same
// lists without any tree query. Schemes (ArcGIS's conceptualisations, as far as they are documented):
//   - fixed distance band: w = 1 for d <= band (inclusive, as spdep::dnearneigh and ArcGIS), else 0;
//   - inverse distance: w = 1 / max(d, 1)^power for d <= cutoff (power 1 or 2; distances under one CRS unit are
//     taken as one unit, so coincident centroids do not get an infinite weight);
//   - k nearest neighbours: w = 1 for the k nearest other units (ties at the k-th distance broken by index);
//   - zone of indifference: w = 1 for d <= band, band / d beyond it (continuous at the band), up to a cutoff;
//   - contiguity: w = 1 for the lists the caller supplies (built from polygons in geo/read/zone_units.h).
// The self weight w_ii is 1 in every scheme. Distances are compared with a relative tolerance of 1e-9 of the
// band, so that a neighbour exactly one band away (an exact multiple of the cell size) counts in every path.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/core/point.h"
#include "engine/core/progress.h"

namespace hotspot {

enum class WeightScheme { kFixedBand, kInverseDistance, kKNearest, kZoneOfIndifference, kContiguity };

struct SpatialWeights {
  size_t n = 0;
  std::vector<uint64_t> offsets;    // n + 1 entries; row i is [offsets[i], offsets[i+1])
  std::vector<uint32_t> neighbors;  // column indices, increasing within a row
  std::vector<double> weights;      // w_ij per entry; empty when every weight is 1 (binary)
  bool self_included = false;

  bool binary() const { return weights.empty(); }
  size_t row_size(size_t i) const { return static_cast<size_t>(offsets[i + 1] - offsets[i]); }
  double weight_at(uint64_t k) const { return weights.empty() ? 1.0 : weights[k]; }
  // Neighbours of i other than i itself.
  size_t neighbor_count(size_t i) const;
  size_t nonzero() const { return neighbors.size(); }
  // Smallest / mean / largest number of neighbours other than self.
  struct Summary {
    size_t min = 0, max = 0;
    double mean = 0.0;
    size_t without_neighbors = 0;
  };
  Summary summary() const;
};

struct WeightsOptions {
  WeightScheme scheme = WeightScheme::kFixedBand;
  double band_crs = 0.0;    // band (fixed, zone of indifference) or cutoff (inverse distance); <= 0: default band
  double power = 1.0;       // inverse distance power (1 or 2)
  double zoi_cutoff_crs = 0.0;  // zone of indifference outer cutoff; <= 0: twice the band
  int k = 8;                // k nearest neighbours
  bool include_self = true; // Gi* (true) or Gi (false)
  int threads = 0;          // 0: all hardware threads
};

// Each unit's distance to its nearest other unit (0 for a duplicate centroid; infinity for a lone unit).
std::vector<double> nearest_neighbor_distances(PointSpan centroids, int threads = 0);

// The smallest distance that gives every unit at least one neighbour: the largest nearest-neighbour distance.
// 0 for fewer than two units.
double default_band(PointSpan centroids, int threads = 0);

// Distance-based weights (fixed band, inverse distance, k nearest, zone of indifference) through the KD-tree.
// Throws std::invalid_argument for a scheme that needs a band when it is not positive after defaulting, k < 1,
// or a contiguity scheme (use weights_from_lists).
SpatialWeights distance_weights(PointSpan centroids, const WeightsOptions& options, Progress* progress = nullptr);

// The same for the cells of a square fishnet (ncols x nrows, cell size in CRS units), computed with a stencil of
// cell offsets instead of tree queries. `unit_of_cell` maps grid cell id (row * ncols + col) to a unit index or
// -1 for a cell that is not an analysis unit (outside the study area); empty = every cell, unit = cell id.
// Units must be numbered in increasing cell order. k nearest neighbours falls back to the KD-tree path.
SpatialWeights fishnet_weights(int64_t ncols, int64_t nrows, double cell_size_crs, std::span<const int64_t> unit_of_cell,
                               const WeightsOptions& options, Progress* progress = nullptr);

// Binary weights from explicit neighbour lists (contiguity); self added when include_self. Lists need not be
// sorted or free of duplicates or of i itself.
SpatialWeights weights_from_lists(const std::vector<std::vector<uint32_t>>& lists, bool include_self);

std::string to_string(WeightScheme scheme);

}  // namespace hotspot
