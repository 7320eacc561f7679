// Analysis units for hot spot statistics: a square fishnet or a hexagon grid laid over an extent, and the
// aggregation of incident points into units (count, weighted sum, rate = sum of one field over another).
// Empty units are kept: a Gi* over only the non-empty cells answers a different question.
//
// Square fishnet: the GridSpec convention of the peers (origin at the extent's lower left, ncols = ceil(width /
// cell), row 0 north, id = row * ncols + col).
// Hexagon grid: flat-topped hexagons whose centres lie `spacing_crs` apart (the distance between neighbouring
// centres, so a 1000 ft hexagon grid has the same nearest-neighbour distance as a 1000 ft fishnet; side =
// spacing / sqrt(3), area = spacing^2 * sqrt(3) / 2). Columns are 1.5 * side apart; row 0 is the northern-most,
// the centre of (row 0, col 0) is the extent's upper left corner, odd columns are shifted half a spacing south,
// id = row * ncols + col, and the grid covers the whole extent. A point belongs to the hexagon with the nearest
// centre (ties: lowest id).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/core/extent.h"
#include "engine/core/grid.h"
#include "engine/core/point.h"

namespace hotspot {

enum class UnitShape { kSquare, kHexagon };

class AnalysisGrid {
 public:
  // Throws std::invalid_argument for a non-positive cell size, an empty extent, or more than 2^31 cells.
  static AnalysisGrid square(const Extent& extent, double cell_size_crs);
  static AnalysisGrid hexagon(const Extent& extent, double spacing_crs);

  UnitShape shape() const { return shape_; }
  double cell_size() const { return cell_size_; }  // fishnet side, or hexagon centre spacing
  int64_t ncols() const { return ncols_; }
  int64_t nrows() const { return nrows_; }
  size_t size() const { return static_cast<size_t>(ncols_ * nrows_); }
  // The fishnet's GridSpec (square grids only; throws std::logic_error for hexagons).
  GridSpec spec() const;

  // Unit id holding (x, y), or -1 outside the grid.
  int64_t locate(double x, double y) const;
  // Centre of unit `id`.
  Point centroid(int64_t id) const;
  // Centres of all units, in id order (weight 1).
  std::vector<Point> centroids() const;
  // Closed ring (first == last), counter-clockwise, in CRS units.
  std::vector<std::pair<double, double>> polygon(int64_t id) const;
  // Area of one unit in square CRS units.
  double unit_area() const;

 private:
  UnitShape shape_ = UnitShape::kSquare;
  double x0_ = 0, y0_ = 0;  // square: x_min, y_max (north edge); hexagon: centre of (row 0, col 0)
  double y_min_ = 0;        // square: the south edge, as GridSpec::covering set it
  double cell_size_ = 1;
  int64_t ncols_ = 0, nrows_ = 0;
};

// What each unit's value is.
enum class UnitValueKind { kCount, kSum, kRate };

// Per-unit sums of the points assigned to them.
struct UnitAggregation {
  std::vector<double> count;        // points in the unit (sum of point weights when weights are used)
  std::vector<double> numerator;    // sum of the value field (kSum, kRate); empty for kCount
  std::vector<double> denominator;  // sum of the denominator field (kRate); empty otherwise
  int64_t points_in = 0;            // points assigned to a unit
  int64_t points_outside = 0;       // points in no unit (reported, never dropped silently)

  // The analysis value of unit i: count, sum, or numerator / denominator (NaN when the denominator is 0).
  double value(size_t i, UnitValueKind kind) const;
  std::vector<double> values(UnitValueKind kind) const;
};

// Sums points into units given each point's unit (-1 = none). `weights` (count), `numerators` and
// `denominators` are per point; pass empty spans for unused ones (count then counts points).
UnitAggregation aggregate_units(std::span<const int64_t> unit_of_point, size_t unit_count,
                                std::span<const double> weights, std::span<const double> numerators,
                                std::span<const double> denominators);

// Each point's unit in the grid (-1 outside).
std::vector<int64_t> assign_to_grid(const AnalysisGrid& grid, PointSpan points);

}  // namespace hotspot
