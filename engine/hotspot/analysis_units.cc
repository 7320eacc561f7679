#include "engine/hotspot/analysis_units.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace hotspot {

namespace {

constexpr double kSqrt3 = 1.7320508075688772;
constexpr int64_t kMaxUnits = int64_t{1} << 31;

void check_size(double cell, const Extent& extent, const char* what) {
  if (!std::isfinite(cell) || cell <= 0.0)
    throw std::invalid_argument(std::string(what) + " must be a positive length, got " + std::to_string(cell));
  if (extent.empty() || !std::isfinite(extent.width()) || !std::isfinite(extent.height()))
    throw std::invalid_argument("analysis grid extent is empty or not finite");
}

void check_count(int64_t ncols, int64_t nrows) {
  if (ncols <= 0 || nrows <= 0 || ncols > kMaxUnits / nrows)
    throw std::invalid_argument("analysis grid of " + std::to_string(ncols) + " x " + std::to_string(nrows) +
                                " cells is too large (at most 2^31 cells); use a larger cell size");
}

}  // namespace

AnalysisGrid AnalysisGrid::square(const Extent& extent, double cell_size_crs) {
  check_size(cell_size_crs, extent, "fishnet cell size");
  const double cols = extent.width() / cell_size_crs, rows = extent.height() / cell_size_crs;
  if (cols > 1e10 || rows > 1e10) check_count(int64_t{1} << 40, 1);
  const GridSpec g = GridSpec::covering(extent, cell_size_crs);
  check_count(g.ncols, g.nrows);
  AnalysisGrid a;
  a.shape_ = UnitShape::kSquare;
  a.x0_ = g.x_min;
  a.y0_ = g.y_max();
  a.y_min_ = g.y_min;
  a.cell_size_ = cell_size_crs;
  a.ncols_ = g.ncols;
  a.nrows_ = g.nrows;
  return a;
}

AnalysisGrid AnalysisGrid::hexagon(const Extent& extent, double spacing_crs) {
  check_size(spacing_crs, extent, "hexagon spacing");
  const double side = spacing_crs / kSqrt3;
  const double cols = extent.width() / (1.5 * side), rows = extent.height() / spacing_crs;
  if (cols > 1e10 || rows > 1e10) check_count(int64_t{1} << 40, 1);
  AnalysisGrid a;
  a.shape_ = UnitShape::kHexagon;
  a.x0_ = extent.min_x;
  a.y0_ = extent.max_y;
  a.cell_size_ = spacing_crs;
  // Column c covers x in [x0 + 1.5 s c - s/2, x0 + 1.5 s c + s/2] entirely; one more column than the width needs.
  a.ncols_ = static_cast<int64_t>(std::ceil(cols)) + 1;
  // Even columns reach down to y0 - (nrows - 0.5) d; odd ones up to y0 exactly.
  a.nrows_ = static_cast<int64_t>(std::ceil(rows)) + 1;
  check_count(a.ncols_, a.nrows_);
  return a;
}

GridSpec AnalysisGrid::spec() const {
  if (shape_ != UnitShape::kSquare) throw std::logic_error("AnalysisGrid::spec: not a fishnet");
  GridSpec g;
  g.x_min = x0_;
  g.cell_size = cell_size_;
  g.ncols = ncols_;
  g.nrows = nrows_;
  g.y_min = y_min_;
  return g;
}

int64_t AnalysisGrid::locate(double x, double y) const {
  if (!std::isfinite(x) || !std::isfinite(y)) return -1;
  if (shape_ == UnitShape::kSquare) {
    const GridSpec g = spec();
    const auto c = g.locate(x, y);
    return c ? c->row * ncols_ + c->col : -1;
  }
  const double d = cell_size_, side = d / kSqrt3, dx = 1.5 * side;
  const double fc = std::floor((x - x0_) / dx);
  double best = std::numeric_limits<double>::infinity();
  int64_t best_row = 0, best_col = 0;
  for (int k = -1; k <= 2; ++k) {
    const double cf = fc + k;
    const int64_t c = static_cast<int64_t>(cf);
    const double off = (c % 2 != 0) ? 0.5 * d : 0.0;
    const double rf = std::round((y0_ - off - y) / d);
    const double cx = x0_ + cf * dx, cy = y0_ - off - rf * d;
    const double dist = (x - cx) * (x - cx) + (y - cy) * (y - cy);
    const int64_t r = static_cast<int64_t>(rf);
    // nearest centre; ties go to the lower id (row-major)
    if (dist < best || (dist == best && (r < best_row || (r == best_row && c < best_col)))) {
      best = dist;
      best_row = r;
      best_col = c;
    }
  }
  if (best_row < 0 || best_row >= nrows_ || best_col < 0 || best_col >= ncols_) return -1;
  return best_row * ncols_ + best_col;
}

Point AnalysisGrid::centroid(int64_t id) const {
  const int64_t r = id / ncols_, c = id % ncols_;
  if (shape_ == UnitShape::kSquare)
    return {x0_ + (static_cast<double>(c) + 0.5) * cell_size_, y0_ - (static_cast<double>(r) + 0.5) * cell_size_, 1.0};
  const double d = cell_size_, side = d / kSqrt3;
  const double off = (c % 2 != 0) ? 0.5 * d : 0.0;
  return {x0_ + static_cast<double>(c) * 1.5 * side, y0_ - off - static_cast<double>(r) * d, 1.0};
}

std::vector<Point> AnalysisGrid::centroids() const {
  std::vector<Point> out(size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = centroid(static_cast<int64_t>(i));
  return out;
}

std::vector<std::pair<double, double>> AnalysisGrid::polygon(int64_t id) const {
  const Point c = centroid(id);
  std::vector<std::pair<double, double>> ring;
  if (shape_ == UnitShape::kSquare) {
    const double h = 0.5 * cell_size_;
    ring = {{c.x - h, c.y - h}, {c.x + h, c.y - h}, {c.x + h, c.y + h}, {c.x - h, c.y + h}, {c.x - h, c.y - h}};
    return ring;
  }
  const double side = cell_size_ / kSqrt3, half_d = 0.5 * cell_size_;
  // flat-topped: vertices at 0, 60, ..., 300 degrees, counter-clockwise
  ring = {{c.x + side, c.y},          {c.x + 0.5 * side, c.y + half_d}, {c.x - 0.5 * side, c.y + half_d},
          {c.x - side, c.y},          {c.x - 0.5 * side, c.y - half_d}, {c.x + 0.5 * side, c.y - half_d},
          {c.x + side, c.y}};
  return ring;
}

double AnalysisGrid::unit_area() const {
  return shape_ == UnitShape::kSquare ? cell_size_ * cell_size_ : cell_size_ * cell_size_ * kSqrt3 / 2.0;
}

double UnitAggregation::value(size_t i, UnitValueKind kind) const {
  switch (kind) {
    case UnitValueKind::kCount: return count[i];
    case UnitValueKind::kSum: return numerator[i];
    case UnitValueKind::kRate:
      return denominator[i] != 0.0 ? numerator[i] / denominator[i] : std::numeric_limits<double>::quiet_NaN();
  }
  return count[i];
}

std::vector<double> UnitAggregation::values(UnitValueKind kind) const {
  std::vector<double> out(count.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = value(i, kind);
  return out;
}

UnitAggregation aggregate_units(std::span<const int64_t> unit_of_point, size_t unit_count,
                                std::span<const double> weights, std::span<const double> numerators,
                                std::span<const double> denominators) {
  const size_t n = unit_of_point.size();
  if ((!weights.empty() && weights.size() != n) || (!numerators.empty() && numerators.size() != n) ||
      (!denominators.empty() && denominators.size() != n))
    throw std::invalid_argument("aggregate_units: per-point arrays differ in length");
  UnitAggregation a;
  a.count.assign(unit_count, 0.0);
  if (!numerators.empty()) a.numerator.assign(unit_count, 0.0);
  if (!denominators.empty()) a.denominator.assign(unit_count, 0.0);
  for (size_t p = 0; p < n; ++p) {
    const int64_t u = unit_of_point[p];
    if (u < 0 || static_cast<size_t>(u) >= unit_count) {
      ++a.points_outside;
      continue;
    }
    ++a.points_in;
    a.count[static_cast<size_t>(u)] += weights.empty() ? 1.0 : weights[p];
    if (!numerators.empty()) a.numerator[static_cast<size_t>(u)] += numerators[p];
    if (!denominators.empty()) a.denominator[static_cast<size_t>(u)] += denominators[p];
  }
  return a;
}

std::vector<int64_t> assign_to_grid(const AnalysisGrid& grid, PointSpan points) {
  std::vector<int64_t> out(points.size());
  for (size_t i = 0; i < points.size(); ++i) out[i] = grid.locate(points[i].x, points[i].y);
  return out;
}

}  // namespace hotspot
