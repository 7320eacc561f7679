// The before/after comparison of a priority area around a start date (the Violence Reduction Framework's, say), as
// rates per year of exposure, so partial months and years count for the days they cover:
//   - the area's rate ratio, after / before, with a 95 % Wald interval on the log scale;
//   - with a comparison (the rest of the city), the same ratio there, and the area's ratio relative to it (the
//     difference-in-differences ratio, exp of the area x after interaction), from one model of the monthly counts:
//       log E[y_gm] = log(years covered_gm) + b0 + b1 area_g + b2 after_m + b3 area_g after_m,
//     one row per group and month piece (a month holding the start date is split at it).
// The model is Poisson unless Cameron and Trivedi's test of its counts says overdispersed at `dispersion_level`;
// then negative binomial (NB2, alpha by maximum likelihood). count_regression.h has the fits.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/trend/count_regression.h"
#include "engine/trend/month_bins.h"

namespace hotspot {

struct RatioInterval {
  double ratio = 0.0;  // NaN when not computed
  double low = 0.0;
  double high = 0.0;
};

struct BeforeAfterOptions {
  int64_t start_day = 0;          // the first day "after"
  double z = 1.959963984540054;   // 95 % intervals
  double dispersion_level = 0.05; // overdispersed when the test's p is below this
};

struct BeforeAfter {
  int64_t before = 0, after = 0;            // incidents in the area
  double years_before = 0.0, years_after = 0.0;
  double rate_before = 0.0, rate_after = 0.0;  // incidents per year
  RatioInterval area;                       // after / before in the area
  RatioInterval rest;                       // after / before in the comparison (with one)
  RatioInterval relative;                   // area / rest (with one)
  CountFamily family = CountFamily::kPoisson;
  double nb_alpha = 0.0;                    // NB2 alpha when negative binomial
  DispersionTest dispersion;
  std::string unavailable;                  // why there is no ratio; empty when computed
};

// Whether the area is compared with the rest of the city (the difference-in-differences ratio) or stands alone
// (the citywide figures).
enum class Comparison { kNone, kRestOfCity };

// `area_days` and `comparison_days` the incidents' UTC days (`comparison_days` unused with Comparison::kNone);
// `months` the data's months (month_bins).
BeforeAfter before_after(const std::vector<MonthBin>& months, std::span<const int64_t> area_days,
                         std::span<const int64_t> comparison_days, Comparison comparison,
                         const BeforeAfterOptions& options);

// The design before_after fits (exposed for the golden test against statsmodels).
CountDesign before_after_design(const std::vector<MonthBin>& months, std::span<const int64_t> area_days,
                                std::span<const int64_t> comparison_days, Comparison comparison, int64_t start_day);

}  // namespace hotspot
