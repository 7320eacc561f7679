#include "engine/hotspot/grid_clusters.h"

#include <algorithm>
#include <stdexcept>

namespace hotspot {

std::vector<GridCluster> find_grid_clusters(const std::vector<bool>& flagged, int64_t nrows, int64_t ncols) {
  if (static_cast<int64_t>(flagged.size()) != nrows * ncols)
    throw std::invalid_argument("find_grid_clusters: mask size does not match the grid");
  std::vector<int64_t> label(flagged.size(), -1);
  std::vector<GridCluster> out;
  std::vector<int64_t> stack;
  for (int64_t start = 0; start < nrows * ncols; ++start) {
    if (!flagged[static_cast<size_t>(start)] || label[static_cast<size_t>(start)] >= 0) continue;
    const auto id = static_cast<int64_t>(out.size());
    out.emplace_back();
    stack.assign(1, start);
    label[static_cast<size_t>(start)] = id;
    while (!stack.empty()) {
      const int64_t c = stack.back();
      stack.pop_back();
      out.back().cells.push_back(c);
      const int64_t r = c / ncols, q = c % ncols;
      for (int64_t dr = -1; dr <= 1; ++dr)
        for (int64_t dc = -1; dc <= 1; ++dc) {
          const int64_t rr = r + dr, cc = q + dc;
          if ((dr == 0 && dc == 0) || rr < 0 || cc < 0 || rr >= nrows || cc >= ncols) continue;
          const int64_t n = rr * ncols + cc;
          if (flagged[static_cast<size_t>(n)] && label[static_cast<size_t>(n)] < 0) {
            label[static_cast<size_t>(n)] = id;
            stack.push_back(n);
          }
        }
    }
    std::sort(out.back().cells.begin(), out.back().cells.end());
  }
  return out;
}

}  // namespace hotspot
