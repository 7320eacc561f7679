// `hotspot map`: the same file names as a run folder (map.html, map_preview.png, hotspot.qgs), and the layer given
// is in the QGIS project and the page.
#include <gtest/gtest.h>

#include <filesystem>

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

}  // namespace
}  // namespace hotspot
