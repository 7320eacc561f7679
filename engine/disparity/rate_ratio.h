// Comparing a group's rate with a reference group's.
//
// Rate ratio RR = (k1/n1) / (k0/n0) with the Katz log interval (Katz, Baptista, Azen and Pike 1978):
//   exp(log RR +/- z sqrt(1/k1 - 1/n1 + 1/k0 - 1/n0)),
// the interval statsmodels' Table2x2.riskratio_confint and R epitools' riskratio(method="wald") give. Undefined
// (NaN) when either count of outcomes is 0 or either group has no records.
//
// The North Carolina "likelihood" measure used in the NC State Bureau of Investigation traffic stop analyses, per stop
// purpose: (rate_g - rate_ref) / rate_ref, i.e. RR - 1 (0.5 = 50 % more likely than the reference group).
#pragma once

#include <cstdint>

#include "engine/disparity/rate_interval.h"

namespace hotspot {

struct RateRatio {
  double ratio = 0.0;  // NaN when undefined
  double low = 0.0;
  double high = 0.0;
};

RateRatio katz_rate_ratio(int64_t k1, int64_t n1, int64_t k0, int64_t n0, double z = kZ95);

// (r_g - r_ref) / r_ref; NaN when r_ref is 0 or either rate is undefined.
double relative_difference(double rate_group, double rate_reference);

}  // namespace hotspot
