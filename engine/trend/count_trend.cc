#include "engine/trend/count_trend.h"

#include <stdexcept>

namespace hotspot {

CountTrend count_trend(const std::vector<MonthBin>& months, std::vector<int64_t> monthly, double z) {
  if (months.size() != monthly.size()) throw std::invalid_argument("count_trend: one count per month");
  CountTrend t;
  std::vector<double> x, y;
  for (size_t i = 0; i < months.size(); ++i) {
    if (months[i].partial()) continue;
    x.push_back(static_cast<double>(i));
    y.push_back(static_cast<double>(monthly[i]));
  }
  t.monthly = std::move(monthly);
  t.whole_months = y.size();
  t.mann_kendall = mann_kendall(y);
  t.sen_per_month = sen_slope(x, y, z);
  t.sen_per_year = t.sen_per_month;
  t.sen_per_year.slope *= kMonthlySlopeToYearly;
  t.sen_per_year.low *= kMonthlySlopeToYearly;
  t.sen_per_year.high *= kMonthlySlopeToYearly;
  return t;
}

}  // namespace hotspot
