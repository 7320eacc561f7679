// The trend figures of the bundled incidents, citywide and in four 0.5-mile circles, against scipy
// (theilslopes, kendalltau) and statsmodels (GLM Poisson, NegativeBinomial, GLM NegativeBinomial):
// data/golden/trends/, made by make_golden.py there from the raw CSV, independently of this code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/trend/before_after.h"
#include "engine/trend/count_regression.h"
#include "engine/trend/count_trend.h"
#include "engine/trend/month_bins.h"

namespace hotspot {
namespace {

const std::string kGolden = std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/trends/";

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream f(kGolden + name);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(f, line);) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    rows.push_back(cells);
  }
  return rows;
}

struct Golden {
  std::vector<std::string> series;                     // "city", "area1", ...
  std::map<std::string, std::vector<int64_t>> days;    // series -> its incidents' days
  std::map<std::string, std::vector<int64_t>> rest;    // area -> the other incidents' days
  std::map<std::string, std::map<std::string, double>> expected;
};

const Golden& golden() {
  static const Golden loaded = [] {
    Golden g;
    const auto rows = read_csv("incident_days.csv");
    g.series = {"city"};
    for (size_t c = 1; c < rows.at(0).size(); ++c) g.series.push_back(rows[0][c]);
    for (size_t r = 1; r < rows.size(); ++r) {
      const int64_t day = std::stoll(rows[r][0]);
      g.days["city"].push_back(day);
      for (size_t c = 1; c < rows[r].size(); ++c) (rows[r][c] == "1" ? g.days[rows[0][c]] : g.rest[rows[0][c]]).push_back(day);
    }
    for (const auto& row : read_csv("expected.csv"))
      if (row.size() == 3 && row[0] != "series") g.expected[row[0]][row[1]] = std::stod(row[2]);
    return g;
  }();
  return loaded;
}

std::vector<MonthBin> months() {
  const std::vector<int64_t>& d = golden().days.at("city");
  return month_bins(*std::min_element(d.begin(), d.end()), *std::max_element(d.begin(), d.end()));
}

CountDesign design(const std::string& s) {
  const Golden& g = golden();
  const int64_t start = 18513;  // 2020-09-08
  if (s == "city_x4") {  // the citywide counts x 4: overdispersed, for the negative binomial
    CountDesign d = before_after_design(months(), g.days.at("city"), {}, Comparison::kNone, start);
    for (double& y : d.y) y *= 4.0;
    return d;
  }
  if (s == "city") return before_after_design(months(), g.days.at(s), {}, Comparison::kNone, start);
  return before_after_design(months(), g.days.at(s), g.rest.at(s), Comparison::kRestOfCity, start);
}

TEST(TrendGolden, FilesAreThere) {
  ASSERT_EQ(golden().series.size(), 5u);
  ASSERT_EQ(golden().expected.size(), 6u);
  EXPECT_GT(golden().days.at("city").size(), 4000u);
}

TEST(TrendGolden, MannKendallAndSensSlopeEqualScipy) {
  for (const std::string& s : golden().series) {
    const auto& e = golden().expected.at(s);
    const std::vector<MonthBin> m = months();
    ASSERT_EQ(static_cast<double>(m.size()), e.at("months")) << s;
    const CountTrend t = count_trend(m, monthly_counts(m, golden().days.at(s)));
    EXPECT_EQ(static_cast<double>(t.whole_months), e.at("whole_months")) << s;
    EXPECT_EQ(t.mann_kendall.s, e.at("mk_s")) << s;
    EXPECT_NEAR(t.mann_kendall.var_s, e.at("mk_var_s"), 1e-9 * e.at("mk_var_s")) << s;
    EXPECT_NEAR(t.mann_kendall.z, e.at("mk_z"), 1e-9) << s;
    EXPECT_NEAR(t.mann_kendall.p, e.at("mk_p"), 1e-9) << s;
    EXPECT_NEAR(t.sen_per_month.slope, e.at("sen_slope"), 1e-12) << s;
    EXPECT_NEAR(t.sen_per_month.low, e.at("sen_low"), 1e-12) << s;
    EXPECT_NEAR(t.sen_per_month.high, e.at("sen_high"), 1e-12) << s;
  }
}

std::vector<std::string> model_series() {
  std::vector<std::string> s = golden().series;
  s.push_back("city_x4");
  return s;
}

TEST(TrendGolden, PoissonFitAndDispersionTestEqualStatsmodels) {
  for (const std::string& s : model_series()) {
    const auto& e = golden().expected.at(s);
    const CountDesign d = design(s);
    const CountFit f = fit_poisson(d);
    for (size_t k = 0; k < f.beta.size(); ++k) {
      EXPECT_NEAR(f.beta[k], e.at("ba_poisson_beta" + std::to_string(k)), 1e-6) << s << " " << k;
      EXPECT_NEAR(f.se(k), e.at("ba_poisson_se" + std::to_string(k)), 1e-6) << s << " " << k;
    }
    EXPECT_NEAR(f.log_likelihood, e.at("ba_poisson_llf"), 1e-6) << s;
    const DispersionTest t = cameron_trivedi_test(d, f);
    EXPECT_NEAR(t.alpha_hat, e.at("ba_ct_alpha"), 1e-6) << s;
    EXPECT_NEAR(t.t, e.at("ba_ct_t"), 1e-6) << s;
    EXPECT_NEAR(t.p, e.at("ba_ct_p"), 1e-6) << s;
  }
}

TEST(TrendGolden, ChosenModelEqualsStatsmodelsIncludingTheNegativeBinomial) {
  int negative_binomial = 0;
  for (const std::string& s : model_series()) {
    const auto& e = golden().expected.at(s);
    const CountDesign d = design(s);
    const bool nb = e.at("ba_family") == 1.0;
    const CountFit f = nb ? fit_negative_binomial(d) : fit_poisson(d);
    if (nb) {
      ++negative_binomial;
      EXPECT_NEAR(f.alpha, e.at("ba_nb_alpha"), 1e-6) << s;
      EXPECT_NEAR(f.log_likelihood, e.at("ba_nb_llf"), 1e-6) << s;
    }
    for (size_t k = 0; k < f.beta.size(); ++k) {
      EXPECT_NEAR(f.beta[k], e.at("ba_beta" + std::to_string(k)), 1e-6) << s << " " << k;
      EXPECT_NEAR(f.se(k), e.at("ba_se" + std::to_string(k)), 1e-6) << s << " " << k;
    }
    if (s == "city_x4") continue;  // not a series of incidents
    // before_after() makes the same choice.
    const std::vector<int64_t> none;
    const BeforeAfter b = before_after(months(), golden().days.at(s), s == "city" ? none : golden().rest.at(s),
                                       s == "city" ? Comparison::kNone : Comparison::kRestOfCity, {18513});
    EXPECT_EQ(b.family == CountFamily::kNegativeBinomial, nb) << s;
    const size_t k = s == "city" ? 1 : 3;
    const RatioInterval& r = s == "city" ? b.area : b.relative;
    EXPECT_NEAR(std::log(r.ratio), e.at("ba_beta" + std::to_string(k)), 1e-6) << s;
  }
  EXPECT_GT(negative_binomial, 0) << "city_x4 should exercise the negative binomial";
}

}  // namespace
}  // namespace hotspot
