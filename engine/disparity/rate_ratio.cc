#include "engine/disparity/rate_ratio.h"

#include <cmath>
#include <limits>

namespace hotspot {

RateRatio katz_rate_ratio(int64_t k1, int64_t n1, int64_t k0, int64_t n0, double z) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (k1 <= 0 || k0 <= 0 || n1 <= 0 || n0 <= 0) return {kNaN, kNaN, kNaN};
  const double a = static_cast<double>(k1), b = static_cast<double>(n1);
  const double c = static_cast<double>(k0), d = static_cast<double>(n0);
  const double log_rr = std::log(a / b) - std::log(c / d);
  const double se = std::sqrt(1.0 / a - 1.0 / b + 1.0 / c - 1.0 / d);
  return {std::exp(log_rr), std::exp(log_rr - z * se), std::exp(log_rr + z * se)};
}

double relative_difference(double rate_group, double rate_reference) {
  if (!(rate_reference > 0.0) || !std::isfinite(rate_group)) return std::numeric_limits<double>::quiet_NaN();
  return (rate_group - rate_reference) / rate_reference;
}

}  // namespace hotspot
