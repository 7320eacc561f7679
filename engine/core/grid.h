// A north-up raster grid, the convention every peer in shared/peers uses:
// origin (x_min, y_min), ncols = ceil(width / cell), nrows = ceil(height / cell),
// row 0 is the northern-most row, values are taken at cell centres, cell id = row * ncols + col.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "engine/core/extent.h"

namespace hotspot {

struct GridSpec {
  double x_min = 0.0;
  double y_min = 0.0;
  double cell_size = 1.0;  // CRS units
  int64_t ncols = 0;
  int64_t nrows = 0;

  // Covers [x_min, x_max] x [y_min, y_max] with whole cells (the top/right edge may extend past the extent).
  // Throws std::invalid_argument for a non-positive or non-finite cell size or an empty extent.
  static GridSpec covering(const Extent& extent, double cell_size);

  double x_max() const { return x_min + static_cast<double>(ncols) * cell_size; }
  double y_max() const { return y_min + static_cast<double>(nrows) * cell_size; }
  int64_t cell_count() const { return ncols * nrows; }
  double col_center_x(int64_t col) const { return x_min + (static_cast<double>(col) + 0.5) * cell_size; }
  double row_center_y(int64_t row) const { return y_max() - (static_cast<double>(row) + 0.5) * cell_size; }
  double cell_area() const { return cell_size * cell_size; }
  Extent extent() const { return {x_min, y_min, x_max(), y_max()}; }

  // The (row, col) cell holding (x, y); points on the outer top/right edge belong to the last cell.
  // nullopt outside the grid.
  struct Cell {
    int64_t row;
    int64_t col;
  };
  std::optional<Cell> locate(double x, double y) const;
};

// A grid of doubles; NaN marks nodata.
struct Raster {
  GridSpec spec;
  std::vector<double> values;  // row-major, row 0 north

  Raster() = default;
  explicit Raster(const GridSpec& s, double fill = 0.0)
      : spec(s), values(static_cast<size_t>(s.cell_count()), fill) {}
  double& at(int64_t row, int64_t col) { return values[static_cast<size_t>(row * spec.ncols + col)]; }
  double at(int64_t row, int64_t col) const { return values[static_cast<size_t>(row * spec.ncols + col)]; }
  static constexpr double nodata() { return std::numeric_limits<double>::quiet_NaN(); }
};

}  // namespace hotspot
