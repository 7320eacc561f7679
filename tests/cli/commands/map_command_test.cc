// `hotspot map`: the same file names as a run folder (map.html, map_preview.png, hotspot.qgs), and the layer given
// is in the QGIS project and the page.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace hotspot {
namespace {

TEST(MapCommandTest, WritesTheRunFolderNamesWithTheGivenLayer) {
  testing::TempDir d;
  const auto r = testing::run_hotspot(
      "map --layer 'City limits=" + testing::charlotte("charlotte_city_limits.geojson") + "' -o " + d.file("maps"), d);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* f : {"map.html", "map_preview.png", "hotspot.qgs"})
    EXPECT_TRUE(std::filesystem::exists(d.file(std::string("maps/") + f))) << f;
  EXPECT_NE(testing::read_file(d.file("maps/hotspot.qgs")).find("City limits"), std::string::npos);
  EXPECT_NE(testing::read_file(d.file("maps/map.html")).find("City limits"), std::string::npos);
  const auto again = testing::run_hotspot("map --layer 'x=/nonexistent.geojson' -o " + d.file("bad"), d);
  EXPECT_NE(again.code, 0);
  EXPECT_FALSE(std::filesystem::exists(d.file("bad/map.html")));
}

// The flags are the Map stage's options: --no-png and --no-qgis leave those files out, --tiles writes the non-context
// layers, and a zoom range upside down is a usage error (exit 2) before anything is written.
TEST(MapCommandTest, FlagsAreTheMapStageOptions) {
  testing::TempDir d;
  const std::string areas = testing::charlotte("neighborhood_profile_areas.geojson");
  const auto r = testing::run_hotspot("map --layer 'Areas=" + areas + "' --no-png --no-qgis --tiles " + d.file("maps/tiles") +
                                          " --min-zoom 9 --max-zoom 10 --title 'Areas only' -o " + d.file("maps"),
                                      d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(d.file("maps/map_preview.png")));
  EXPECT_FALSE(std::filesystem::exists(d.file("maps/hotspot.qgs")));
  EXPECT_TRUE(std::filesystem::exists(d.file("maps/tiles/9"))) << r.out;
  EXPECT_TRUE(std::filesystem::exists(d.file("maps/tiles/10"))) << r.out;
  EXPECT_FALSE(std::filesystem::exists(d.file("maps/tiles/11"))) << r.out;
  EXPECT_NE(r.out.find("zoom 9-10, 1 layers"), std::string::npos) << r.out;
  EXPECT_NE(testing::read_file(d.file("maps/map.html")).find("Areas only"), std::string::npos);
  const auto bad = testing::run_hotspot("map --layer 'Areas=" + areas + "' --min-zoom 12 --max-zoom 11 -o " + d.file("bad"), d);
  EXPECT_EQ(bad.code, 2) << bad.err;
  EXPECT_NE(bad.err.find("min_zoom"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(d.file("bad")));
}

// The run config's map section takes the same keys: a layer given there is drawn above the run's own, in the page
// and in the QGIS project; png false leaves the preview out of the folder and the manifest.
TEST(MapCommandTest, RunConfigMapSectionTakesTheSameKeys) {
  testing::TempDir d;
  nlohmann::json cfg = {
      {"title", "Map keys"},
      {"input", {{"path", testing::charlotte("cmpd_incidents_sample.csv")}, {"analysis_crs", "EPSG:2264"}}},
      {"output", {{"folder", d.file("out")}}},
      {"kde", {{"enabled", false}}},
      {"gistar", {{"enabled", false}}},
      {"map", {{"layer", {"Neighbourhoods=" + testing::charlotte("neighborhood_profile_areas.geojson") + ":context"}},
               {"png", false},
               {"title", "Extra layer map"}}}};
  const auto r = testing::run_hotspot("run " + d.write("run.json", cfg.dump(2)) + " -q", d);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = testing::read_file(d.file("out/map.html"));
  EXPECT_NE(html.find("Neighbourhoods"), std::string::npos);
  EXPECT_NE(html.find("Extra layer map"), std::string::npos);
  EXPECT_NE(testing::read_file(d.file("out/hotspot.qgs")).find("Neighbourhoods"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(d.file("out/map_preview.png")));
  EXPECT_EQ(testing::read_file(d.file("out/manifest.json")).find("map_preview.png"), std::string::npos);
  EXPECT_EQ(testing::read_file(d.file("out/report.md")).find("map_preview.png"), std::string::npos);
}

}  // namespace
}  // namespace hotspot
