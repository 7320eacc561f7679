#include "engine/report/area_report.h"

#include "engine/core/timestamp.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace hotspot {
namespace {

// A 10,000 x 10,000 ft synthetic city. 1,000 background incidents spread uniformly over 2017-2024; a cluster of 300
// inside area A (centre 2500,2500, radius 1000) appearing only from 2021 on; a cluster of 200 at (7500,7500), outside A.
struct City {
  std::vector<ReportIncident> incidents;
  int64_t bg_in_a = 0;
};

City make_city() {
  City c;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 10000.0);
  std::uniform_int_distribution<int> year(2017, 2024);
  for (int i = 0; i < 1000; ++i) {
    ReportIncident r{u(rng), u(rng), year(rng), i % 2 ? "Theft" : "Simple Assault", i % 2 == 0};
    if (std::hypot(r.x - 2500, r.y - 2500) <= 1000) ++c.bg_in_a;
    c.incidents.push_back(r);
  }
  std::normal_distribution<double> n(0.0, 150.0);
  std::uniform_int_distribution<int> late(2021, 2024);
  for (int i = 0; i < 300; ++i) c.incidents.push_back({2500 + n(rng) * 0.5, 2500 + n(rng) * 0.5, late(rng), "Aggravated Assault", true});
  for (int i = 0; i < 200; ++i) c.incidents.push_back({7500 + n(rng), 7500 + n(rng), year(rng), "Burglary", false});
  return c;
}

ReportArea circle(const std::string& id, double cx, double cy, double r) {
  return {id, id, M_PI * r * r, [=](double x, double y) { return std::hypot(x - cx, y - cy) <= r; }};
}

TEST(AreaReportTest, PlantedClusterInsideIsCountedAndConcentrated) {
  City c = make_city();
  AreaReportOptions o;
  o.start_year = 2021;
  o.city_area_sq_crs = 1e8;
  AreaFigures city = city_figures(c.incidents, nullptr, nullptr, o);
  EXPECT_EQ(city.incidents, 1500);
  AreaFigures a = area_figures(circle("A", 2500, 2500, 1000), c.incidents, nullptr, nullptr, o, &city);
  // All 300 planted incidents lie within 1000 ft (sd 75 ft), plus the background points inside by construction.
  EXPECT_EQ(a.incidents, 300 + c.bg_in_a);
  EXPECT_NEAR(a.share_of_incidents, static_cast<double>(a.incidents) / 1500.0, 1e-12);
  EXPECT_NEAR(a.share_of_area, M_PI * 1e6 / 1e8, 1e-12);
  // Share of incidents over share of area, from the count made while building the city.
  EXPECT_NEAR(a.concentration_ratio, (static_cast<double>(300 + c.bg_in_a) / 1500.0) / (M_PI * 1e6 / 1e8), 1e-12);
  EXPECT_EQ(a.top_categories.front().first, "Aggravated Assault");
  EXPECT_EQ(a.top_categories.front().second, 300);
  // Trend: the planted cluster starts in 2021, so the yearly mean after is far above before.
  EXPECT_EQ(a.years_before, 4);
  EXPECT_EQ(a.years_after, 4);
  int64_t before = 0, after = 0;  // incidents in A before 2021 and from 2021 on, counted here
  for (const ReportIncident& r : c.incidents)
    if (std::hypot(r.x - 2500, r.y - 2500) <= 1000) (*r.year < 2021 ? before : after) += 1;
  EXPECT_EQ(a.before, before);
  EXPECT_EQ(a.after, after);
  EXPECT_NEAR(a.change_pct, 100.0 * (after / 4.0 - before / 4.0) / (before / 4.0), 1e-9);
  EXPECT_EQ(a.before + a.after, a.incidents);
  // The outside cluster does not leak into A.
  AreaFigures b = area_figures(circle("B", 7500, 7500, 1000), c.incidents, nullptr, nullptr, o, &city);
  EXPECT_GE(b.incidents, 200);
  EXPECT_EQ(b.top_categories.front().first, "Burglary");
}

TEST(AreaReportTest, DensityAndGiCellsInside) {
  GridSpec g = GridSpec::covering({0, 0, 100, 100}, 10);  // 10 x 10 cells
  Raster d(g, 1.0);
  d.at(4, 4) = 50.0;  // centre (45, 55)
  d.at(0, 0) = Raster::nodata();
  GiGrid gi{g, std::vector<int>(100, 0)};
  gi.bins[4 * 10 + 4] = 3;
  gi.bins[4 * 10 + 5] = 2;
  gi.bins[9 * 10 + 9] = 1;  // far corner, outside the area
  AreaReportOptions o;
  o.city_area_sq_crs = 1e4;
  std::vector<ReportIncident> none;
  AreaFigures area = area_figures(circle("C", 50, 50, 15), none, &d, &gi, o, nullptr);
  // Cell centres within 15 of (50,50): the four at (45 or 55, 45 or 55); the next ring, e.g. (35,55), is 15.8 away.
  EXPECT_EQ(area.density_cells, 4);
  EXPECT_DOUBLE_EQ(area.peak_density, 50.0);
  EXPECT_DOUBLE_EQ(area.mean_density, (50.0 + 3.0) / 4.0);
  EXPECT_EQ(area.gi_cells, 4);
  EXPECT_EQ(area.hot_cells_99, 1);
  EXPECT_EQ(area.hot_cells_95, 2);
  EXPECT_EQ(area.hot_cells_90, 2);
  EXPECT_NEAR(area.hot_cover_95, 200.0 / (M_PI * 225.0), 1e-12);
  AreaFigures city = city_figures(none, &d, &gi, o);
  EXPECT_EQ(city.density_cells, 99);  // one nodata cell skipped
  EXPECT_EQ(city.hot_cells_90, 3);
}

TEST(AreaReportTest, NoBeforePeriodGivesNaNChange) {
  std::vector<ReportIncident> inc = {{0, 0, 2022, "x", false}, {0, 0, 2023, "x", false}};
  AreaReportOptions o;
  o.start_year = 2020;
  AreaFigures city = city_figures(inc, nullptr, nullptr, o);
  EXPECT_TRUE(std::isnan(city.change_pct));
  EXPECT_TRUE(std::isnan(city.concentration_ratio));
}

// With days, a year the data covers in part counts in part: dates 2020-01-01 .. 2021-06-30 (2021 covered for 181
// of its 365 days), start 2021: 366 incidents in 2020 (one a day) and 362 in half of 2021 (two a day) are 366 a year
// before and 730 a year after, +99.5 %, where counting 2021 as a whole year would say -1.1 %.
TEST(AreaReportTest, PartialYearsAreAnnualised) {
  std::vector<ReportIncident> in;
  auto add = [&in](int64_t day, int year) {
    ReportIncident r;
    r.x = r.y = 10;
    r.year = year;
    r.day = day;
    in.push_back(r);
  };
  const int64_t jan1_2020 = days_from_civil(2020, 1, 1), jan1_2021 = days_from_civil(2021, 1, 1);
  for (int64_t d = jan1_2020; d < jan1_2021; ++d) add(d, 2020);
  for (int64_t d = jan1_2021; d <= days_from_civil(2021, 6, 30); ++d) add(d, 2021), add(d, 2021);
  AreaReportOptions o;
  o.start_year = 2021;
  const AreaFigures f = city_figures(in, nullptr, nullptr, o);
  EXPECT_EQ(f.before, 366);
  EXPECT_EQ(f.after, 362);
  EXPECT_DOUBLE_EQ(f.years_before, 1.0);
  EXPECT_DOUBLE_EQ(f.years_after, 181.0 / 365.0);
  EXPECT_NEAR(f.change_pct, 100.0 * (362.0 / (181.0 / 365.0) - 366.0) / 366.0, 1e-9);
  EXPECT_DOUBLE_EQ(f.year_coverage.at(2020), 1.0);
  EXPECT_DOUBLE_EQ(f.year_coverage.at(2021), 181.0 / 365.0);
  // Data starting mid-year counts that first year in part too.
  in.erase(in.begin(), in.begin() + 182);  // now from 2020-07-01 (day 183 of 366)
  const AreaFigures g = city_figures(in, nullptr, nullptr, o);
  EXPECT_DOUBLE_EQ(g.years_before, 184.0 / 366.0);
}

}  // namespace
}  // namespace hotspot
