// Checks with answers known in closed form: calendar months cut by the data, Sen's slope of a straight line, and the
// saturated Poisson model of the before/after comparison, whose ratios and Wald intervals are ratios of totals.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "engine/core/timestamp.h"
#include "engine/trend/before_after.h"
#include "engine/trend/count_regression.h"
#include "engine/trend/count_trend.h"
#include "engine/trend/month_bins.h"
#include "engine/trend/sen_slope.h"

namespace hotspot {
namespace {

TEST(MonthBins, FirstAndLastMonthsCutByTheDataArePartial) {
  const int64_t first = days_from_civil(2017, 1, 1), last = days_from_civil(2025, 11, 7);
  const std::vector<MonthBin> m = month_bins(first, last);
  ASSERT_EQ(m.size(), 8u * 12u + 11u);
  EXPECT_FALSE(m.front().partial());
  EXPECT_EQ(m.back().label(), "2025-11");
  EXPECT_TRUE(m.back().partial());
  EXPECT_EQ(m.back().days(), 7);
  EXPECT_EQ(m.back().calendar_days, 30);
  EXPECT_EQ(m[1].calendar_days, 28);  // February 2017
  const std::vector<MonthBin> mid = month_bins(days_from_civil(2020, 2, 10), days_from_civil(2020, 3, 31));
  ASSERT_EQ(mid.size(), 2u);
  EXPECT_TRUE(mid[0].partial());
  EXPECT_EQ(mid[0].days(), 20);  // 10..29 February 2020, a leap year
  EXPECT_FALSE(mid[1].partial());
  const std::vector<int64_t> days{days_from_civil(2020, 2, 10), days_from_civil(2020, 2, 29),
                                  days_from_civil(2020, 3, 1), days_from_civil(2020, 4, 1)};
  EXPECT_EQ(monthly_counts(mid, days), (std::vector<int64_t>{2, 1}));
}

TEST(SenSlope, AStraightLineHasItsSlopeAndAZeroWidthInterval) {
  std::vector<double> x, y;
  for (int i = 0; i < 30; ++i) x.push_back(i), y.push_back(3.0 + 0.5 * i);
  const TheilSenSlope s = sen_slope(x, y, 1.959963984540054);
  EXPECT_DOUBLE_EQ(s.slope, 0.5);
  EXPECT_DOUBLE_EQ(s.low, 0.5);
  EXPECT_DOUBLE_EQ(s.high, 0.5);
  EXPECT_EQ(s.pairs, 30u * 29u / 2u);
}

TEST(CountTrend, PartialMonthsAreLeftOutAndTheSlopeIsPerYearPerYear) {
  const std::vector<MonthBin> m = month_bins(days_from_civil(2020, 1, 15), days_from_civil(2021, 12, 10));
  std::vector<int64_t> counts;
  for (size_t i = 0; i < m.size(); ++i) counts.push_back(static_cast<int64_t>(2 * i));
  counts.front() = counts.back() = 1000;  // partial: must not count
  const CountTrend t = count_trend(m, counts);
  EXPECT_EQ(t.whole_months, m.size() - 2);
  EXPECT_DOUBLE_EQ(t.sen_per_month.slope, 2.0);
  EXPECT_DOUBLE_EQ(t.sen_per_year.slope, 288.0);
  EXPECT_GT(t.mann_kendall.z, 0.0);
}

// One piece per side and group: the model is saturated, its fit reproduces the four rates exactly.
TEST(BeforeAfter, SaturatedPoissonRatiosAreRatiosOfRatesWithKatzStyleIntervals) {
  const int64_t first = days_from_civil(2019, 1, 1), start = days_from_civil(2021, 1, 1),
                last = days_from_civil(2022, 12, 31);
  const std::vector<MonthBin> months = month_bins(first, last);
  std::vector<int64_t> area, rest;
  // Spread evenly so that no month is overdispersed: the Poisson model is kept.
  for (int64_t d = first; d <= last; ++d) {
    if (d < start ? (d % 20 == 0) : (d % 25 == 0)) area.push_back(d);
    if (d % 3 == 0) rest.push_back(d);
  }
  const BeforeAfter r = before_after(months, area, rest, Comparison::kRestOfCity, {start});
  ASSERT_TRUE(r.unavailable.empty()) << r.unavailable;
  ASSERT_EQ(r.family, CountFamily::kPoisson);
  double a0 = 0, a1 = 0, r0 = 0, r1 = 0;
  for (int64_t d : area) (d < start ? a0 : a1) += 1;
  for (int64_t d : rest) (d < start ? r0 : r1) += 1;
  const double t0 = static_cast<double>(start - first) / 365.25, t1 = static_cast<double>(last + 1 - start) / 365.25;
  EXPECT_NEAR(r.area.ratio, (a1 / t1) / (a0 / t0), 1e-9);
  EXPECT_NEAR(r.rest.ratio, (r1 / t1) / (r0 / t0), 1e-9);
  EXPECT_NEAR(r.relative.ratio, r.area.ratio / r.rest.ratio, 1e-9);
  const double se_area = std::sqrt(1 / a0 + 1 / a1), se_did = std::sqrt(1 / a0 + 1 / a1 + 1 / r0 + 1 / r1);
  EXPECT_NEAR(std::log(r.area.high / r.area.ratio), 1.959963984540054 * se_area, 1e-7);
  EXPECT_NEAR(std::log(r.relative.ratio / r.relative.low), 1.959963984540054 * se_did, 1e-7);
  EXPECT_NEAR(r.rate_before, a0 / t0, 1e-12);
}

TEST(BeforeAfter, NoIncidentOnOneSideOrAStartOutsideTheDataGivesNoRatio) {
  const std::vector<MonthBin> months = month_bins(days_from_civil(2019, 1, 1), days_from_civil(2020, 12, 31));
  const std::vector<int64_t> before_only{days_from_civil(2019, 5, 1)}, rest{days_from_civil(2019, 6, 1),
                                                                          days_from_civil(2020, 6, 1)};
  const BeforeAfter a = before_after(months, before_only, rest, Comparison::kRestOfCity, {days_from_civil(2020, 1, 1)});
  EXPECT_EQ(a.unavailable, "no incident from the start date on");
  EXPECT_TRUE(std::isnan(a.area.ratio));
  const BeforeAfter b = before_after(months, rest, {}, Comparison::kNone, {days_from_civil(2030, 1, 1)});
  EXPECT_EQ(b.unavailable, "the start date is not inside the data's dates");
}

TEST(CountRegression, NegativeBinomialRefusesCountsThatAreNotOverdispersed) {
  CountDesign d;
  for (int i = 0; i < 40; ++i) d.add(std::vector<double>{1.0}, 5.0, 1.0);  // variance 0 < mean
  EXPECT_THROW(fit_negative_binomial(d), std::domain_error);
  EXPECT_LT(cameron_trivedi_test(d, fit_poisson(d)).t, 0.0);
}

}  // namespace
}  // namespace hotspot
