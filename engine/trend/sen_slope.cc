#include "engine/trend/sen_slope.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "engine/spacetime/mann_kendall.h"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();


double median_of_sorted(const std::vector<double>& s) {
  const size_t n = s.size();
  return n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

}  // namespace

TheilSenSlope sen_slope(std::span<const double> x, std::span<const double> y, double z) {
  if (x.size() != y.size()) throw std::invalid_argument("sen_slope: x and y differ in length");
  std::vector<double> slopes;
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t j = 0; j < x.size(); ++j)
      if (x[j] > x[i]) slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
  TheilSenSlope r;
  r.pairs = slopes.size();
  if (slopes.empty()) {
    r.slope = r.low = r.high = kNaN;
    return r;
  }
  std::sort(slopes.begin(), slopes.end());
  r.slope = median_of_sorted(slopes);
  const double n = static_cast<double>(y.size());
  const double var_s = (n * (n - 1.0) * (2.0 * n + 5.0) - mann_kendall_tie_term(x) - mann_kendall_tie_term(y)) / 18.0;
  if (!(var_s >= 0.0)) {
    r.low = r.high = kNaN;
    return r;
  }
  const double c = std::abs(z) * std::sqrt(var_s), big_n = static_cast<double>(slopes.size());
  // 0-based ranks; std::nearbyint rounds half to even in the default rounding mode, as numpy's round does.
  const double upper = std::min(std::nearbyint((big_n + c) / 2.0), big_n - 1.0);
  const double lower = std::max(std::nearbyint((big_n - c) / 2.0) - 1.0, 0.0);
  r.low = slopes[static_cast<size_t>(lower)];
  r.high = slopes[static_cast<size_t>(upper)];
  return r;
}

}  // namespace hotspot
