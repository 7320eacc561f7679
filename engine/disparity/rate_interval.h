// A rate k / n with its Wilson score interval (Wilson 1927; Agresti and Coull 1998 recommend it over the Wald
// interval for small counts and rates near 0 or 1):
//   centre = (p + z^2/2n) / (1 + z^2/n),  half = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n),  p = k / n.
// z defaults to the 95 % normal quantile. statsmodels' proportion_confint(method="wilson") computes the same.
#pragma once

#include <cstdint>

namespace hotspot {

inline constexpr double kZ95 = 1.959963984540054;  // the 0.975 quantile of the standard normal

struct RateInterval {
  double rate = 0.0;  // k / n; NaN when n = 0
  double low = 0.0;   // NaN when n = 0
  double high = 0.0;
};

// REQUIRES: 0 <= k <= n. n = 0 gives NaN for all three.
RateInterval wilson_interval(int64_t k, int64_t n, double z = kZ95);

}  // namespace hotspot
