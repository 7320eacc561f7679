#include "engine/core/grid.h"

#include <stdexcept>
#include <string>

namespace hotspot {

GridSpec GridSpec::covering(const Extent& extent, double cell_size) {
  if (!std::isfinite(cell_size) || cell_size <= 0.0)
    throw std::invalid_argument("cell size must be a positive number, got " + std::to_string(cell_size));
  if (extent.empty() || !std::isfinite(extent.width()) || !std::isfinite(extent.height()))
    throw std::invalid_argument("grid extent is empty or not finite");
  GridSpec g;
  g.x_min = extent.min_x;
  g.y_min = extent.min_y;
  g.cell_size = cell_size;
  // A tiny relative tolerance keeps an extent that is an exact multiple of the cell from gaining a sliver column.
  const double cols = extent.width() / cell_size;
  const double rows = extent.height() / cell_size;
  g.ncols = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(cols - 1e-9 * std::max(1.0, cols))));
  g.nrows = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(rows - 1e-9 * std::max(1.0, rows))));
  return g;
}

std::optional<GridSpec::Cell> GridSpec::locate(double x, double y) const {
  if (!(x >= x_min && x <= x_max() && y >= y_min && y <= y_max())) return std::nullopt;
  int64_t col = static_cast<int64_t>(std::floor((x - x_min) / cell_size));
  int64_t row = static_cast<int64_t>(std::floor((y_max() - y) / cell_size));
  if (col >= ncols) col = ncols - 1;
  if (row >= nrows) row = nrows - 1;
  if (col < 0) col = 0;
  if (row < 0) row = 0;
  return Cell{row, col};
}

}  // namespace hotspot
