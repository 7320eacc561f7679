#include "engine/density/kde.h"

#include "engine/core/parallel_for.h"
#include "engine/core/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "engine/core/length.h"

namespace hotspot {

namespace {

constexpr double kPi = std::numbers::pi;


// The power m of (1 - (d/r)^2) for the polynomial kernels, or -1 for the others.
int polynomial_power(KdeKernel k) {
  switch (k) {
    case KdeKernel::kUniform: return 0;
    case KdeKernel::kEpanechnikov: return 1;
    case KdeKernel::kQuartic: return 2;
    case KdeKernel::kTriweight: return 3;
    default: return -1;
  }
}

// The constant making the kernel integrate to 1 (per square CRS unit).
double normalising_constant(const KdeOptions& o) {
  const double r2 = o.radius_crs * o.radius_crs;
  switch (o.kernel) {
    case KdeKernel::kQuartic: return 3.0 / (kPi * r2);
    case KdeKernel::kEpanechnikov: return 2.0 / (kPi * r2);
    case KdeKernel::kTriweight: return 4.0 / (kPi * r2);
    case KdeKernel::kUniform: return 1.0 / (kPi * r2);
    case KdeKernel::kTriangular: return 3.0 / (kPi * r2);
    case KdeKernel::kGaussian: return 1.0 / (2.0 * kPi * o.sigma_crs * o.sigma_crs);
  }
  return 0.0;
}

struct SortedPoint {
  double x, y, w;
  double xc;  // (x - x_min) / cell - 0.5: the point in column coordinates (column j's centre is at j)
};

// Points that can reach the grid, bucketed by the grid row they lie in (rows extended by `margin_rows` on both
// sides), in input order within a bucket: a stable counting sort, so the order is fixed whatever the threads.
struct RowBuckets {
  std::vector<SortedPoint> points;
  std::vector<int64_t> start;  // bucket k holds points[start[k] .. start[k+1])
  int64_t margin_rows = 0;
};

RowBuckets bucket_points(PointSpan input, const GridSpec& g, double support) {
  RowBuckets b;
  b.margin_rows = static_cast<int64_t>(std::ceil(support / g.cell_size)) + 2;
  const int64_t nb = g.nrows + 2 * b.margin_rows;
  const double x_lo = g.x_min - support, x_hi = g.x_max() + support;
  const double y_lo = g.y_min - support, y_hi = g.y_max() + support;
  const double y_top = g.y_max();
  std::vector<int64_t> bucket_of(input.size(), -1);
  std::vector<int64_t> count(static_cast<size_t>(nb) + 1, 0);
  for (size_t i = 0; i < input.size(); ++i) {
    const Point& p = input[i];
    if (!(p.x > x_lo && p.x < x_hi && p.y > y_lo && p.y < y_hi) || p.weight == 0.0 || !std::isfinite(p.weight))
      continue;
    int64_t k = static_cast<int64_t>(std::floor((y_top - p.y) / g.cell_size)) + b.margin_rows;
    k = std::clamp<int64_t>(k, 0, nb - 1);
    bucket_of[i] = k;
    ++count[static_cast<size_t>(k) + 1];
  }
  for (int64_t k = 0; k < nb; ++k) count[static_cast<size_t>(k) + 1] += count[static_cast<size_t>(k)];
  b.start = count;
  b.points.resize(static_cast<size_t>(count[static_cast<size_t>(nb)]));
  std::vector<int64_t> next(count.begin(), count.end() - 1);
  for (size_t i = 0; i < input.size(); ++i) {
    if (bucket_of[i] < 0) continue;
    const Point& p = input[i];
    b.points[static_cast<size_t>(next[static_cast<size_t>(bucket_of[i])]++)] = {
        p.x, p.y, p.weight, (p.x - g.x_min) / g.cell_size - 0.5};
  }
  return b;
}

// Coefficients (ascending powers of X) of w (g + b X - X^2)^M.
template <int M>
inline void power_coefficients(double g, double b, double w, double* c) {
  if constexpr (M == 0) {
    c[0] = w;
  } else if constexpr (M == 1) {
    c[0] = w * g;
    c[1] = w * b;
    c[2] = -w;
  } else if constexpr (M == 2) {
    c[0] = w * g * g;
    c[1] = w * 2.0 * g * b;
    c[2] = w * (b * b - 2.0 * g);
    c[3] = w * -2.0 * b;
    c[4] = w;
  } else {
    static_assert(M == 3);
    const double g2 = g * g, b2 = b * b;
    c[0] = w * g2 * g;
    c[1] = w * 3.0 * g2 * b;
    c[2] = w * 3.0 * g * (b2 - g);
    c[3] = w * b * (b2 - 6.0 * g);
    c[4] = w * 3.0 * (g - b2);
    c[5] = w * 3.0 * b;
    c[6] = -w;
  }
}

// Per-thread state for one row at a time.
class RowEvaluator {
 public:
  RowEvaluator(const GridSpec& g, const KdeOptions& o, const RowBuckets& b)
      : g_(g), o_(o), b_(b), power_(polynomial_power(o.kernel)) {
    support_ = kde_support_crs(o);
    s2_ = support_ * support_;
    support_rows_ = static_cast<int64_t>(std::ceil(support_ / g.cell_size)) + 1;
    norm_ = normalising_constant(o);
    if (power_ >= 0) {
      // Blocks of 2-4 r / cell columns: the point's offset from the block centre stays within about 3 r,
      // so the expanded coefficients stay of order 10-100 (no cancellation worth mentioning), while a chord
      // rarely crosses more than two blocks.
      // The largest power of two up to 4 r / cell (so the block of a column is a shift), at most 1024.
      const double target = 4.0 * o.radius_crs / g.cell_size;
      while (block_shift_ < 10 && static_cast<double>(int64_t{1} << (block_shift_ + 1)) <= target) ++block_shift_;
      block_ = int64_t{1} << block_shift_;
      k_ = 2 * power_ + 1;
      diff_.assign(static_cast<size_t>(g.ncols * k_), 0.0);
      x_local_.resize(static_cast<size_t>(block_));
      const double half = 0.5 * static_cast<double>(block_ - 1);
      for (int64_t m = 0; m < block_; ++m)
        x_local_[static_cast<size_t>(m)] = (static_cast<double>(m) - half) * g.cell_size / o.radius_crs;
    }
  }

  void row(int64_t i, double* out) {
    const double yc = g_.row_center_y(i);
    const int64_t k_lo = std::max<int64_t>(0, i - support_rows_ + b_.margin_rows);
    const int64_t k_hi = std::min<int64_t>(static_cast<int64_t>(b_.start.size()) - 2, i + support_rows_ + b_.margin_rows);
    std::fill(out, out + g_.ncols, 0.0);
    if (k_lo > k_hi) return;
    const SortedPoint* first = b_.points.data() + b_.start[static_cast<size_t>(k_lo)];
    const SortedPoint* last = b_.points.data() + b_.start[static_cast<size_t>(k_hi) + 1];
    switch (power_) {
      case 0: poly_row<0>(yc, first, last, out); break;
      case 1: poly_row<1>(yc, first, last, out); break;
      case 2: poly_row<2>(yc, first, last, out); break;
      case 3: poly_row<3>(yc, first, last, out); break;
      default:
        if (o_.kernel == KdeKernel::kTriangular) triangular_row(yc, first, last, out);
        else gaussian_row(yc, first, last, out);
    }
  }

 private:
  // The columns j whose centre is strictly within the support of a point, decided by the brute-force test.
  // Returns false when none is.
  bool chord(double px, double dy2, int64_t& j0, int64_t& j1) const {
    const double c = g_.cell_size;
    const double half = std::sqrt(s2_ - dy2);
    const double lo = (px - half - g_.x_min) / c - 0.5;
    const double hi = (px + half - g_.x_min) / c - 0.5;
    const double last_col = static_cast<double>(g_.ncols - 1);
    if (!(hi >= -1.0) || !(lo <= last_col + 1.0)) return false;
    // Candidates from the square root, then made exact with the brute-force test at both ends (inside the grid).
    const double j0d = std::ceil(lo), j1d = std::floor(hi);
    const bool clipped0 = j0d < 0.0, clipped1 = j1d > last_col;
    j0 = clipped0 ? 0 : static_cast<int64_t>(j0d);
    j1 = clipped1 ? g_.ncols - 1 : static_cast<int64_t>(j1d);
    auto inside = [&](int64_t j) {
      const double dx = g_.col_center_x(j) - px;
      return dx * dx + dy2 < s2_;
    };
    if (!clipped0)
      while (j0 > 0 && inside(j0 - 1)) --j0;
    if (!clipped1)
      while (j1 < g_.ncols - 1 && inside(j1 + 1)) ++j1;
    while (j0 <= j1 && !inside(j0)) ++j0;
    while (j1 >= j0 && !inside(j1)) --j1;
    return j0 <= j1;
  }

  template <int M>
  void poly_row(double yc, const SortedPoint* first, const SortedPoint* last, double* out) {
    constexpr int K = 2 * M + 1;
    const double r = o_.radius_crs;
    const double inv_r = 1.0 / r;
    const double inv_r2 = 1.0 / (r * r);
    const double c = g_.cell_size;
    const int64_t B = block_;
    double* diff = diff_.data();
    const double inv_c = 1.0 / c;
    const double c_over_r = c * inv_r;
    const double half_block = 0.5 * static_cast<double>(B - 1);
    const double last_col = static_cast<double>(g_.ncols - 1);
    for (const SortedPoint* p = first; p != last; ++p) {
      const double dy = yc - p->y;
      const double dy2 = dy * dy;
      if (!(dy2 < s2_)) continue;
      int64_t j0, j1;
      if constexpr (M == 0) {
        // The uniform kernel jumps at the support edge: decide edge cells by the brute-force test.
        if (!chord(p->x, dy2, j0, j1)) continue;
      } else {
        // The kernel is zero at the support edge, so a cell misjudged by rounding there adds ~(1e-12)^M: the
        // square-root chord is enough.
        const double half = std::sqrt(s2_ - dy2) * inv_c;
        const double lo = p->xc - half, hi = p->xc + half;
        if (!(hi >= 0.0) || !(lo <= last_col)) continue;
        j0 = lo <= -1.0 ? 0 : std::max<int64_t>(0, static_cast<int64_t>(lo + 1.0));  // ~ceil(lo)
        j1 = hi >= last_col ? g_.ncols - 1 : static_cast<int64_t>(hi);              // floor(hi)
        if (j0 > j1) continue;
      }
      const double a = 1.0 - dy2 * inv_r2;
      const int shift = block_shift_;
      for (int64_t b = j0 >> shift; b <= j1 >> shift; ++b) {
        const int64_t jb = b * B;
        const int64_t start = std::max(j0, jb);
        const int64_t end = std::min(j1, jb + B - 1);
        const double e = (static_cast<double>(jb) + half_block - p->xc) * c_over_r;
        double coef[K];
        power_coefficients<M>(a - e * e, -2.0 * e, p->w, coef);
        double* d0 = diff + start * K;
        for (int k = 0; k < K; ++k) d0[k] += coef[k];
        if (end + 1 < std::min(jb + B, g_.ncols)) {
          double* d1 = diff + (end + 1) * K;
          for (int k = 0; k < K; ++k) d1[k] -= coef[k];
        }
      }
    }
    evaluate_row<K>(out);
  }

  // Prefix sums of the difference array per block, Horner evaluation at each cell centre, and reset of the array.
  template <int K>
  void evaluate_row(double* out) {
    const int64_t B = block_;
    double* diff = diff_.data();
    const double* xl = x_local_.data();
    for (int64_t jb = 0; jb < g_.ncols; jb += B) {
      const int64_t je = std::min(jb + B, g_.ncols);
      double acc[K] = {};
      for (int64_t j = jb; j < je; ++j) {
        double* d = diff + j * K;
        for (int k = 0; k < K; ++k) {
          acc[k] += d[k];
          d[k] = 0.0;
        }
        const double x = xl[j - jb];
        double v = acc[K - 1];
        for (int k = K - 2; k >= 0; --k) v = v * x + acc[k];
        out[j] = v * norm_;
      }
    }
  }

  void triangular_row(double yc, const SortedPoint* first, const SortedPoint* last, double* out) const {
    const double inv_r = 1.0 / o_.radius_crs;
    for (const SortedPoint* p = first; p != last; ++p) {
      const double dy = yc - p->y;
      const double dy2 = dy * dy;
      if (!(dy2 < s2_)) continue;
      int64_t j0, j1;
      if (!chord(p->x, dy2, j0, j1)) continue;
      for (int64_t j = j0; j <= j1; ++j) {
        const double dx = g_.col_center_x(j) - p->x;
        out[j] += p->w * (1.0 - std::sqrt(dx * dx + dy2) * inv_r);
      }
    }
    for (int64_t j = 0; j < g_.ncols; ++j) out[j] *= norm_;
  }

  // exp(-(dx^2 + dy^2) / (2 s^2)) = exp(-dy^2/(2s^2)) * exp(-dx^2/(2s^2)); along the row the x factor follows a
  // product recurrence from the column nearest the point outwards (relative drift about 1e-13 over 8 sigma).
  void gaussian_row(double yc, const SortedPoint* first, const SortedPoint* last, double* out) const {
    const double c = g_.cell_size;
    const double inv_2s2 = 1.0 / (2.0 * o_.sigma_crs * o_.sigma_crs);
    const double q = std::exp(-2.0 * c * c * inv_2s2);  // ratio of successive step factors
    for (const SortedPoint* p = first; p != last; ++p) {
      const double dy = yc - p->y;
      const double dy2 = dy * dy;
      if (!(dy2 < s2_)) continue;
      int64_t j0, j1;
      if (!chord(p->x, dy2, j0, j1)) continue;
      const double wy = p->w * std::exp(-dy2 * inv_2s2);
      int64_t jc = static_cast<int64_t>(std::floor((p->x - g_.x_min) / c));
      jc = std::clamp(jc, j0, j1);
      const double dxc = g_.col_center_x(jc) - p->x;
      const double ec = std::exp(-dxc * dxc * inv_2s2);
      out[jc] += wy * ec;
      // forward: E(j+1) = E(j) * exp(-(2 dx c + c^2)/(2s^2))
      double e = ec, step = std::exp(-(2.0 * dxc * c + c * c) * inv_2s2);
      for (int64_t j = jc + 1; j <= j1; ++j) {
        e *= step;
        step *= q;
        out[j] += wy * e;
      }
      // backward: E(j-1) = E(j) * exp((2 dx c - c^2)/(2s^2))
      e = ec;
      step = std::exp((2.0 * dxc * c - c * c) * inv_2s2);
      for (int64_t j = jc - 1; j >= j0; --j) {
        e *= step;
        step *= q;
        out[j] += wy * e;
      }
    }
    for (int64_t j = 0; j < g_.ncols; ++j) out[j] *= norm_;
  }

  const GridSpec& g_;
  const KdeOptions& o_;
  const RowBuckets& b_;
  int power_;
  double support_ = 0.0, s2_ = 0.0, norm_ = 0.0;
  int64_t support_rows_ = 0;
  int64_t block_ = 1;
  int block_shift_ = 0;
  int k_ = 1;
  std::vector<double> diff_;
  std::vector<double> x_local_;
};

}  // namespace

KdeKernel parse_kde_kernel(std::string_view name) {
  const std::string n = lower(name);
  if (n == "quartic" || n == "biweight") return KdeKernel::kQuartic;
  if (n == "epanechnikov") return KdeKernel::kEpanechnikov;
  if (n == "triweight") return KdeKernel::kTriweight;
  if (n == "triangular" || n == "cone") return KdeKernel::kTriangular;
  if (n == "uniform") return KdeKernel::kUniform;
  if (n == "gaussian") return KdeKernel::kGaussian;
  throw std::invalid_argument("unknown kernel '" + std::string(name) +
                              "' (use quartic, epanechnikov, triweight, triangular, uniform or gaussian)");
}

std::string to_string(KdeKernel k) {
  switch (k) {
    case KdeKernel::kQuartic: return "quartic";
    case KdeKernel::kEpanechnikov: return "epanechnikov";
    case KdeKernel::kTriweight: return "triweight";
    case KdeKernel::kTriangular: return "triangular";
    case KdeKernel::kUniform: return "uniform";
    case KdeKernel::kGaussian: return "gaussian";
  }
  return "?";
}

double kde_kernel_value(KdeKernel kernel, double d2, double h, double support) {
  if (!(d2 < support * support)) return 0.0;
  const double h2 = h * h;
  const double t = 1.0 - d2 / h2;
  switch (kernel) {
    case KdeKernel::kQuartic: return 3.0 / (kPi * h2) * t * t;
    case KdeKernel::kEpanechnikov: return 2.0 / (kPi * h2) * t;
    case KdeKernel::kTriweight: return 4.0 / (kPi * h2) * t * t * t;
    case KdeKernel::kUniform: return 1.0 / (kPi * h2);
    case KdeKernel::kTriangular: return 3.0 / (kPi * h2) * (1.0 - std::sqrt(d2) / h);
    case KdeKernel::kGaussian: return 1.0 / (2.0 * kPi * h2) * std::exp(-d2 / (2.0 * h2));
  }
  return 0.0;
}

double kde_support_crs(const KdeOptions& o) {
  return o.kernel == KdeKernel::kGaussian ? o.sigma_crs * o.gaussian_truncation_sigmas : o.radius_crs;
}

void validate_kde_options(const KdeOptions& o, const GridSpec& g) {
  if (o.kernel == KdeKernel::kGaussian) {
    if (!std::isfinite(o.sigma_crs) || o.sigma_crs <= 0.0)
      throw std::invalid_argument("gaussian sigma must be a positive length, got " + std::to_string(o.sigma_crs));
    if (!std::isfinite(o.gaussian_truncation_sigmas) || o.gaussian_truncation_sigmas <= 0.0)
      throw std::invalid_argument("gaussian truncation must be a positive number of sigmas");
  } else if (!std::isfinite(o.radius_crs) || o.radius_crs <= 0.0) {
    throw std::invalid_argument("search radius must be a positive length, got " + std::to_string(o.radius_crs));
  }
  if (!std::isfinite(g.cell_size) || g.cell_size <= 0.0)
    throw std::invalid_argument("cell size must be a positive length, got " + std::to_string(g.cell_size));
  if (g.ncols <= 0 || g.nrows <= 0) throw std::invalid_argument("the density grid has no cells");
  if (!o.mask.empty() && static_cast<int64_t>(o.mask.size()) != g.cell_count())
    throw std::invalid_argument("density mask size does not match the grid");
}

Raster kernel_density(PointSpan points, const GridSpec& grid, const KdeOptions& options, Progress* progress) {
  validate_kde_options(options, grid);
  const RowBuckets buckets = bucket_points(points, grid, kde_support_crs(options));
  Raster out(grid, 0.0);
  constexpr size_t kRowsPerChunk = 8;
  const ParallelFor how(options.threads, kRowsPerChunk, progress, "kernel density");
  parallel_for(
      static_cast<size_t>(grid.nrows), how, [&]() { return RowEvaluator(grid, options, buckets); },
      [&](RowEvaluator& ev, const ChunkRange& rows) {
        for (size_t i = rows.begin; i < rows.end; ++i) {
          double* row = out.values.data() + i * static_cast<size_t>(grid.ncols);
          ev.row(static_cast<int64_t>(i), row);
          // Weights are non-negative, so a negative value is cancellation in the running sums (-5e-12 was seen):
          // exactly 0, as the brute-force sum gives.
          for (int64_t j = 0; j < grid.ncols; ++j) row[j] = std::max(row[j], 0.0);
          if (options.mask.empty()) continue;
          const uint8_t* m = options.mask.data() + i * static_cast<size_t>(grid.ncols);
          for (int64_t j = 0; j < grid.ncols; ++j)
            if (!m[j]) row[j] = Raster::nodata();
        }
      });
  return out;
}

Raster kernel_density_brute_force(PointSpan points, const GridSpec& g, const KdeOptions& o) {
  validate_kde_options(o, g);
  const double s = kde_support_crs(o);
  const double h = o.kernel == KdeKernel::kGaussian ? o.sigma_crs : o.radius_crs;
  Raster out(g, 0.0);
  for (const Point& p : points) {
    const int64_t r0 = std::max<int64_t>(0, static_cast<int64_t>(std::floor((g.y_max() - p.y - s) / g.cell_size)) - 1);
    const int64_t r1 = std::min<int64_t>(g.nrows - 1, static_cast<int64_t>(std::floor((g.y_max() - p.y + s) / g.cell_size)) + 1);
    const int64_t c0 = std::max<int64_t>(0, static_cast<int64_t>(std::floor((p.x - s - g.x_min) / g.cell_size)) - 1);
    const int64_t c1 = std::min<int64_t>(g.ncols - 1, static_cast<int64_t>(std::floor((p.x + s - g.x_min) / g.cell_size)) + 1);
    for (int64_t i = r0; i <= r1; ++i) {
      const double dy = g.row_center_y(i) - p.y;
      for (int64_t j = c0; j <= c1; ++j) {
        const double dx = g.col_center_x(j) - p.x;
        out.at(i, j) += p.weight * kde_kernel_value(o.kernel, dx * dx + dy * dy, h, s);
      }
    }
  }
  if (!o.mask.empty())
    for (size_t k = 0; k < out.values.size(); ++k)
      if (!o.mask[k]) out.values[k] = Raster::nodata();
  return out;
}

DensityUnit parse_density_unit(std::string_view name) {
  const std::string n = lower(name);
  if (n == "per-sq-mile" || n == "per-square-mile" || n == "sqmi") return DensityUnit::kPerSquareMile;
  if (n == "per-sq-km" || n == "per-square-kilometre" || n == "per-square-kilometer" || n == "sqkm")
    return DensityUnit::kPerSquareKilometre;
  if (n == "count-per-cell" || n == "expected-count" || n == "count") return DensityUnit::kCountPerCell;
  if (n == "per-sq-crs-unit") return DensityUnit::kPerSquareCrsUnit;
  throw std::invalid_argument("unknown density unit '" + std::string(name) +
                              "' (use per-sq-mile, per-sq-km or count-per-cell)");
}

std::string to_string(DensityUnit u) {
  switch (u) {
    case DensityUnit::kPerSquareMile: return "per-sq-mile";
    case DensityUnit::kPerSquareKilometre: return "per-sq-km";
    case DensityUnit::kCountPerCell: return "count-per-cell";
    case DensityUnit::kPerSquareCrsUnit: return "per-sq-crs-unit";
  }
  return "?";
}

std::string density_unit_label(DensityUnit u, const std::string& what) {
  switch (u) {
    case DensityUnit::kPerSquareMile: return what + " per square mile";
    case DensityUnit::kPerSquareKilometre: return what + " per square kilometre";
    case DensityUnit::kCountPerCell: return "expected " + what + " per cell";
    case DensityUnit::kPerSquareCrsUnit: return what + " per square CRS unit";
  }
  return what;
}

double kde_scale_factor(DensityUnit u, double crs_unit_m, double cell_size_crs) {
  switch (u) {
    case DensityUnit::kPerSquareMile: {
      const double units_per_mile = kMileM / crs_unit_m;
      return units_per_mile * units_per_mile;
    }
    case DensityUnit::kPerSquareKilometre: {
      const double units_per_km = kKilometreM / crs_unit_m;
      return units_per_km * units_per_km;
    }
    case DensityUnit::kCountPerCell: return cell_size_crs * cell_size_crs;
    case DensityUnit::kPerSquareCrsUnit: return 1.0;
  }
  return 1.0;
}

void scale_raster(Raster& raster, double factor) {
  for (double& v : raster.values)
    if (!std::isnan(v)) v *= factor;
}

}  // namespace hotspot
