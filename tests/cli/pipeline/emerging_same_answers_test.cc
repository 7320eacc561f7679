// Same inputs, same answers: `hotspot emerging` and the Emerging stage of `hotspot run` (an "emerging" section)
// run the same stage, so the same data and options give the same features, serialised byte for byte.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::run_hotspot;
using testing::TempDir;

TEST(EmergingSameAnswersTest, SubcommandAndRunWriteTheSameFeatures) {
  TempDir d;
  const std::string input = testing::charlotte("cmpd_incidents_sample.csv"),
                    city = testing::charlotte("charlotte_city_limits.geojson");
  const auto sub = run_hotspot("emerging " + input + " --crs EPSG:2264 --study-area " + city +
                                   " -q --cell-size 2000ft --time-step 3months --band 4000ft --neighborhood-steps 2 -o " +
                                   d.file("e.geojson"),
                               d);
  ASSERT_EQ(sub.code, 0) << sub.err;
  d.write("run.json", R"({"input": {"path": ")" + input + R"(", "analysis_crs": "EPSG:2264", "study_area": ")" + city +
                          R"("}, "output": {"folder": ")" + d.file("run") + R"("},
    "kde": {"enabled": false}, "gistar": {"enabled": false}, "map": {"enabled": false},
    "emerging": {"cell_size": "2000ft", "time_step": "3months", "band": "4000ft", "neighborhood_steps": 2}})");
  const auto run = run_hotspot("run " + d.file("run.json") + " -q", d);
  ASSERT_EQ(run.code, 0) << run.err;
  const nlohmann::json a = nlohmann::json::parse(testing::read_file(d.file("e.geojson")));
  const nlohmann::json b = nlohmann::json::parse(testing::read_file(d.file("run/emerging_hotspots.geojson")));
  ASSERT_GT(a.at("features").size(), 100u);
  EXPECT_EQ(a.at("features").dump(), b.at("features").dump());
  bool hot = false;
  for (const auto& f : a.at("features")) hot = hot || f.at("properties").at("CATEGORY").get<int>() > 0;
  EXPECT_TRUE(hot) << "the comparison should include some hot spot pattern";
  // The report lists the pattern mix citywide.
  const nlohmann::json report = nlohmann::json::parse(testing::read_file(d.file("run/report.json")));
  int64_t cells = 0;
  for (const auto& [name, n] : report.at("emerging").at("areas").back().at("cells_by_pattern").items()) cells += n.get<int64_t>();
  EXPECT_EQ(cells, static_cast<int64_t>(a.at("features").size()));
}

}  // namespace
}  // namespace hotspot
