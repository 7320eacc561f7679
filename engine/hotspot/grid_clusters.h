// Contiguous clusters of flagged cells on a grid (queen contiguity: edges and corners), e.g. significant Gi* hot
// cells outside every priority area. Deterministic: clusters are numbered in order of their first cell (row-major).
#pragma once

#include <cstdint>
#include <vector>

namespace hotspot {

struct GridCluster {
  std::vector<int64_t> cells;  // cell ids (row * ncols + col), ascending
};

// `flagged` has nrows * ncols entries. Returns the clusters; cells that are not flagged belong to none.
std::vector<GridCluster> find_grid_clusters(const std::vector<bool>& flagged, int64_t nrows, int64_t ncols);

}  // namespace hotspot
