// The trend of a monthly count series: Mann-Kendall (engine/spacetime/mann_kendall.h: ties corrected, continuity
// corrected Z, two-sided p) and Sen's slope with its rank-based 95 % interval (sen_slope.h), on the whole months
// only: a partial month (the data's first and last, usually) is left out, not counted as a whole month.
//
// Sen's slope is fitted to the counts against the month number (change in incidents per month, per month) and
// reported x 144 as the change of the yearly rate per year: "incidents per year, per year" (12 months x 12).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/spacetime/mann_kendall.h"
#include "engine/trend/month_bins.h"
#include "engine/trend/sen_slope.h"

namespace hotspot {

inline constexpr double kMonthlySlopeToYearly = 144.0;

struct CountTrend {
  std::vector<int64_t> monthly;   // per month of the series, partial months included
  size_t whole_months = 0;        // the months tested
  MannKendall mann_kendall;       // of the whole months' counts
  TheilSenSlope sen_per_month;    // incidents per month, per month
  TheilSenSlope sen_per_year;     // x 144: incidents per year, per year
};

// `monthly` per month of `months`; `z` the interval's normal quantile.
CountTrend count_trend(const std::vector<MonthBin>& months, std::vector<int64_t> monthly, double z = 1.959963984540054);

}  // namespace hotspot
