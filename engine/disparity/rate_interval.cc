#include "engine/disparity/rate_interval.h"

#include <cmath>
#include <limits>

namespace hotspot {

RateInterval wilson_interval(int64_t k, int64_t n, double z) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (n <= 0) return {kNaN, kNaN, kNaN};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace hotspot
