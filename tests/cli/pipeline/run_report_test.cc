#include "cli/pipeline/run_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace hotspot::cli {
namespace {

RunReport sample() {
  RunReport r;
  r.title = "Test city";
  r.accounting.add_input(10);
  r.accounting.accept(8);
  r.accounting.reject("zero_coordinate", 2);
  r.density_unit_label = "incidents per square mile";
  r.start_year = 2022;
  r.city.incidents = 8;
  r.city.change_pct = 10.0;
  r.city.mean_density = std::nan("");  // no density surface
  PriorityAreaInfo a;
  a.id = "A";
  a.name = "Main St & 1st St";
  a.intersection = "MAIN ST & 1ST ST";
  a.radius_mi = 0.5;
  a.overlaps = {"B"};
  r.areas.push_back(a);
  AreaFigures f;
  f.incidents = 3;
  f.share_of_incidents = 0.375;
  f.share_of_area = 0.05;
  f.concentration_ratio = 7.5;
  f.change_pct = -25.0;
  f.by_year = {{2021, 2}, {2022, 1}};
  f.top_categories = {{"Robbery", 2}, {"Theft, Other", 1}};
  r.area_figures.push_back(f);
  HotspotClusterFigures c;
  c.rank = 1;
  c.incidents = 4;
  c.nearest_intersection = "ELM ST & OAK AV";
  r.clusters.push_back(c);
  return r;
}

TEST(RunReportTest, MarkdownStatesFiguresWithUnits) {
  const std::string md = report_markdown(sample());
  EXPECT_NE(md.find("| Main St & 1st St | 3 | 0 | 37.5% | 5.00% | 7.5x |"), std::string::npos) << md;
  EXPECT_NE(md.find("incidents per square mile"), std::string::npos);
  EXPECT_NE(md.find("-25%"), std::string::npos);
  EXPECT_NE(md.find("Overlaps B: incidents in the overlap are counted in each area"), std::string::npos);
  EXPECT_NE(md.find("ELM ST & OAK AV"), std::string::npos);
  EXPECT_NE(md.find("zero_coordinate 2"), std::string::npos);
}

TEST(RunReportTest, CsvQuotesAndJsonParses) {
  const RunReport r = sample();
  const std::string csv = report_csv(r);
  EXPECT_NE(csv.find("\"Robbery (2); Theft, Other (1)\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\ncity,Citywide,8,"), std::string::npos);
  auto j = nlohmann::json::parse(report_json(r));
  EXPECT_EQ(j["priority_areas"][0]["figures"]["incidents"], 3);
  EXPECT_EQ(j["records"]["rejected_by_reason"]["zero_coordinate"], 2);
  EXPECT_TRUE(j["citywide"]["mean_density"].is_null());  // NaN becomes null, not an invalid number
}

}  // namespace
}  // namespace hotspot::cli
