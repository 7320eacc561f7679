#include "engine/disparity/logistic_regression.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "engine/disparity/group_rule.h"
#include "engine/disparity/value_bands.h"
#include "tests/engine/disparity/stops_fixture.h"

namespace hotspot {
namespace {

using testing::bundled_stops;

std::vector<std::string> groups_hispanic_first() {
  const auto race = bundled_stops().column("driver_race");
  const auto eth = bundled_stops().column("driver_ethnicity");
  std::vector<std::string> g;
  for (size_t i = 0; i < race.size(); ++i) g.push_back(race[i].empty() ? "" : driver_group(race[i], eth[i], GroupRule::kHispanicFirst));
  return g;
}

std::vector<std::string> banded(const std::string& column, std::string (*band)(std::string_view)) {
  std::vector<std::string> v;
  for (const std::string& s : bundled_stops().column(column)) v.push_back(band(s));
  return v;
}

std::vector<CategoricalTerm> model_terms(bool full) {
  std::vector<CategoricalTerm> t = {{"driver_race", groups_hispanic_first(), "White"},
                                    {"reason", bundled_stops().column("reason"), ""},
                                    {"cmpd_division", bundled_stops().column("cmpd_division"), ""}};
  if (!full) return t;
  for (const char* c : {"year_month", "driver_gender"}) t.push_back({c, bundled_stops().column(c), ""});
  t.push_back({"driver_age", banded("driver_age", age_band), ""});
  t.push_back({"officer_race", bundled_stops().column("officer_race"), ""});
  t.push_back({"officer_experiance_years", banded("officer_experiance_years", experience_band), ""});
  return t;
}

std::vector<uint8_t> searched() {
  std::vector<uint8_t> y;
  for (const std::string& s : bundled_stops().column("search_conducted")) y.push_back(s == "Yes");
  return y;
}

void expect_equals_statsmodels(bool full, const std::string& golden) {
  const LogisticFit fit = fit_logistic(searched(), model_terms(full));
  std::ifstream in(std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/disparity/" + golden);
  std::string line;
  std::getline(in, line);
  size_t j = 0;
  for (; std::getline(in, line); ++j) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string v; std::getline(ss, v, ',');) f.push_back(v);
    ASSERT_LT(j, fit.coefficients.size());
    const LogisticCoefficient& c = fit.coefficients[j];
    if (j > 0) {
      EXPECT_EQ(c.term + "/" + c.level, f[0] + "/" + f[1]);
    }
    EXPECT_NEAR(c.estimate, std::stod(f[2]), 1e-6) << line;
    EXPECT_NEAR(c.std_error, std::stod(f[3]), 1e-6) << line;
    EXPECT_NEAR(c.or_low, std::stod(f[5]), 1e-6 * std::stod(f[5])) << line;
    EXPECT_NEAR(c.or_high, std::stod(f[6]), 1e-6 * std::stod(f[6])) << line;
    EXPECT_EQ(fit.records_used, std::stoll(f[7]));
  }
  EXPECT_EQ(j, fit.coefficients.size());
  EXPECT_EQ(fit.records_used + fit.records_missing, static_cast<int64_t>(bundled_stops().rows.size()));
}

TEST(LogisticRegressionTest, GroupReasonDivisionEqualsStatsmodels) { expect_equals_statsmodels(false, "logit_base.csv"); }

TEST(LogisticRegressionTest, AllControlsEqualStatsmodels) { expect_equals_statsmodels(true, "logit_full.csv"); }

// One binary term: the fitted odds ratio is the sample odds ratio (a/b)/(c/d), se = sqrt(1/a + 1/b + 1/c + 1/d).
TEST(LogisticRegressionTest, OneBinaryTermIsTheSampleOddsRatio) {
  std::vector<uint8_t> y;
  CategoricalTerm g{"g", {}, "ref"};
  auto add = [&](const std::string& level, int yes, int no) {
    for (int i = 0; i < yes + no; ++i) g.values.push_back(level), y.push_back(i < yes);
  };
  add("x", 30, 170), add("ref", 20, 380);
  const LogisticFit fit = fit_logistic(y, {g});
  ASSERT_EQ(fit.coefficients.size(), 2u);
  EXPECT_NEAR(fit.coefficients[1].odds_ratio, (30.0 / 170) / (20.0 / 380), 1e-12);
  EXPECT_NEAR(fit.coefficients[1].std_error, std::sqrt(1.0 / 30 + 1.0 / 170 + 1.0 / 20 + 1.0 / 380), 1e-12);
  EXPECT_NEAR(fit.coefficients[0].estimate, std::log(20.0 / 380), 1e-12);
  EXPECT_EQ(fit.coefficients[0].level, "g=ref");
}

TEST(LogisticRegressionTest, RecordOrderDoesNotChangeABit) {
  std::vector<uint8_t> y = searched();
  std::vector<CategoricalTerm> t = model_terms(false);
  const LogisticFit a = fit_logistic(y, t);
  std::vector<size_t> order(y.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(11));
  std::vector<uint8_t> y2;
  std::vector<CategoricalTerm> t2 = t;
  for (auto& term : t2) term.values.clear();
  for (size_t i : order) {
    y2.push_back(y[i]);
    for (size_t k = 0; k < t.size(); ++k) t2[k].values.push_back(t[k].values[i]);
  }
  const LogisticFit b = fit_logistic(y2, t2);
  ASSERT_EQ(a.coefficients.size(), b.coefficients.size());
  for (size_t j = 0; j < a.coefficients.size(); ++j) {
    EXPECT_EQ(a.coefficients[j].estimate, b.coefficients[j].estimate);
    EXPECT_EQ(a.coefficients[j].std_error, b.coefficients[j].std_error);
  }
}

std::string error_of(const std::vector<uint8_t>& y, const std::vector<CategoricalTerm>& t) {
  try {
    fit_logistic(y, t);
  } catch (const LogisticError& e) {
    return e.what();
  }
  return "";
}

TEST(LogisticRegressionTest, SeparationAndCollinearityNameTheTerm) {
  std::vector<uint8_t> y;
  CategoricalTerm reason{"reason", {}, ""}, copy{"copy", {}, ""};
  for (int i = 0; i < 300; ++i) {
    const std::string r = i < 40 ? "CheckPoint" : (i % 2 ? "Speeding" : "Other");
    reason.values.push_back(r);
    copy.values.push_back(r == "CheckPoint" ? "c" : (i % 2 ? "s" : "o"));
    y.push_back(i >= 40 && i % 7 == 0);
  }
  const std::string sep = error_of(y, {reason});
  EXPECT_NE(sep.find("term reason, level 'CheckPoint': none of its 40 records"), std::string::npos) << sep;
  for (int i = 0; i < 40; ++i) y[i] = i % 3 == 0;
  EXPECT_EQ(error_of(y, {reason}), "");
  const std::string col = error_of(y, {reason, copy});
  EXPECT_NE(col.find("term copy"), std::string::npos) << col;
  EXPECT_NE(col.find("collinear"), std::string::npos) << col;
  std::vector<uint8_t> none(y.size(), 0);
  EXPECT_NE(error_of(none, {reason}).find("the intercept"), std::string::npos);
}

}  // namespace
}  // namespace hotspot
