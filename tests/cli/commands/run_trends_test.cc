// The Trends section of `hotspot run` on the README's main job: the monthly counts of trends.csv recounted here from
// the input CSV (DATE_REPORTED as UTC days, the points projected by OGR, each 0.5-mile circle around its signal),
// the partial final month marked, and the report's three texts carrying the figures.
#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <map>

#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

void trends_config(nlohmann::json& cfg) {
  cfg["kde"]["enabled"] = false;
  cfg["gistar"]["permutations"] = 0;
  cfg["map"]["enabled"] = false;
}
using RunTrendsTest = SharedRunTest<trends_config>;

// "2025-11" of epoch milliseconds, UTC.
std::string month_of_ms(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m", &tm);
  return buf;
}

// area id -> month -> incidents, recounted from the input; "city" for every accepted incident.
std::map<std::string, std::map<std::string, int64_t>> expected_counts(const nlohmann::json& report) {
  const std::vector<Incident> incidents = charlotte_incidents();
  std::vector<std::string> months;
  CsvReader csv(charlotte("cmpd_incidents_sample.csv"));
  const int date = csv.column("DATE_REPORTED");
  while (auto r = csv.next()) months.push_back(month_of_ms(std::stoll(r->fields[date])));
  const auto centres = priority_centres_ft();
  std::map<std::string, std::map<std::string, int64_t>> out;
  for (size_t i = 0; i < incidents.size(); ++i) {
    if (!incidents[i].in_city) continue;
    ++out["city"][months[i]];
    for (size_t a = 0; a < centres.size(); ++a)
      if (std::hypot(incidents[i].x - centres[a].first, incidents[i].y - centres[a].second) <= kHalfMileFt)
        ++out[report["priority_areas"][a]["id"].get<std::string>()][months[i]];
  }
  return out;
}

TEST_F(RunTrendsTest, MonthlyCountsEqualAnIndependentCountAndTheLastMonthIsPartial) {
  const auto report = nlohmann::json::parse(read_file(file("report.json")));
  const auto expected = expected_counts(report);
  CsvReader csv(file("trends.csv"));
  const int id = csv.column("area_id"), month = csv.column("month"), n = csv.column("incidents"),
            partial = csv.column("partial"), days = csv.column("days");
  std::map<std::string, int64_t> rows;
  std::string last_month, last_partial, last_days;
  while (auto r = csv.next()) {
    const std::string& a = r->fields[id];
    ++rows[a];
    const auto it = expected.at(a).find(r->fields[month]);
    EXPECT_EQ(std::stoll(r->fields[n]), it == expected.at(a).end() ? 0 : it->second) << a << " " << r->fields[month];
    last_month = r->fields[month], last_partial = r->fields[partial], last_days = r->fields[days];
  }
  EXPECT_EQ(rows.size(), report["priority_areas"].size() + 1);
  EXPECT_EQ(last_month, "2025-11");  // the data ends on 7 November 2025
  EXPECT_EQ(last_partial, "true");
  EXPECT_EQ(last_days, "7");
  const auto& t = report["trends"];
  EXPECT_EQ(t["start_date"], "2020-09-08");
  EXPECT_EQ(t["months"].back()["partial"], true);
  EXPECT_EQ(t["citywide"]["months_tested"].get<size_t>(), t["months"].size() - 1);
}

TEST_F(RunTrendsTest, TheReportCarriesTheTrendAndTheBeforeAfterFigures) {
  const auto report = nlohmann::json::parse(read_file(file("report.json")));
  for (const auto& a : report["trends"]["priority_areas"]) {
    SCOPED_TRACE(a["name"].get<std::string>());
    const auto& ba = a["before_after"];
    ASSERT_TRUE(ba["rate_ratio"]["ratio"].is_number());
    EXPECT_LT(ba["rate_ratio"]["low"].get<double>(), ba["rate_ratio"]["ratio"].get<double>());
    EXPECT_GT(ba["relative_to_rest_of_city"]["high"].get<double>(), ba["relative_to_rest_of_city"]["ratio"].get<double>());
    // The area's ratio is the rest of the city's times the relative one (one model).
    EXPECT_NEAR(ba["rate_ratio"]["ratio"].get<double>(),
                ba["rest_of_city_rate_ratio"]["ratio"].get<double>() * ba["relative_to_rest_of_city"]["ratio"].get<double>(),
                1e-9);
    EXPECT_TRUE(ba["model"] == "poisson" || ba["model"] == "negative_binomial");
  }
  const std::string md = read_file(file("report.md"));
  EXPECT_NE(md.find("## Trends and the before/after comparison"), std::string::npos);
  EXPECT_NE(md.find("2025-11 (7 of 30 days)"), std::string::npos);
  const std::string csv = read_file(file("report.csv"));
  EXPECT_NE(csv.find(",did_ratio,"), std::string::npos);
}

}  // namespace
}  // namespace hotspot::testing
