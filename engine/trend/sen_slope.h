// Sen's slope (Theil 1950, Sen 1968): the median of the slopes (y_j - y_i) / (x_j - x_i) over every pair with
// x_j > x_i, with its rank-based confidence interval (Sen 1968, eq. 2.6; Gilbert 1987, section 16.5; Hollander and
// Wolfe): with N the number of slopes, Var(S) the Mann-Kendall variance with the ties of x and of y removed,
//   Var(S) = [n (n - 1) (2n + 5) - sum over tie groups of x and of y of t (t - 1) (2t + 5)] / 18,
//   C = z sqrt(Var(S)) (z the 1 - (1 - confidence) / 2 normal quantile),
// the limits are the slopes of ranks round((N - C) / 2) and round((N + C) / 2) + 1 (1-based, rounding half to even,
// clamped to 1..N), exactly as scipy.stats.theilslopes computes them (data/golden/trends checks it).
#pragma once

#include <span>

namespace hotspot {

struct TheilSenSlope {
  double slope = 0.0;  // NaN without any pair of distinct x
  double low = 0.0;    // NaN when undefined
  double high = 0.0;
  size_t pairs = 0;    // N
};

// `z` the two-sided normal quantile of the interval (1.959963984540054 for 95 %). Throws std::invalid_argument when
// x and y differ in length.
TheilSenSlope sen_slope(std::span<const double> x, std::span<const double> y, double z);

}  // namespace hotspot
