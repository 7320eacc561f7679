#include "geo/read/priority_areas.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

const Geocoder& signals() {
  static Geocoder g = load_intersection_reference(testing::charlotte("cdot_signals.csv"), Crs::from_user_input("EPSG:2264"), "UNITDESC");
  return g;
}

TEST(PriorityAreasTest, BundledVrfAreasLandOnTheirSignals) {
  const std::string path = testing::charlotte("vrf_priority_areas.csv");
  auto specs = read_priority_area_file(path);
  ASSERT_EQ(specs.size(), 4u);
  auto areas = place_priority_areas(specs, signals(), Length::parse("0.5mi"), path);
  ASSERT_EQ(areas.size(), 4u);
  // Signal coordinates from vrf_priority_intersections.csv (WGS 84), the last being the Sugar Creek midpoint.
  const double want[4][2] = {{-80.8547182466747, 35.2629987399257}, {-80.7571464443595, 35.2098768709634},
                             {-80.8918513092025, 35.1355466663838}, {-80.7935294, 35.2787290}};
  for (size_t i = 0; i < 4; ++i) {
    // Equirectangular distance in metres is accurate to far better than a metre at this scale.
    const double dx = (areas[i].lon - want[i][0]) * 111320.0 * std::cos(want[i][1] * M_PI / 180.0);
    const double dy = (areas[i].lat - want[i][1]) * 110574.0;
    EXPECT_LT(std::hypot(dx, dy), 30.0) << areas[i].name << " placed by " << areas[i].placed_by;
    const double half_mile_usft = 804.672 / (1200.0 / 3937.0);  // 0.5 international mile = 2639.9947 US survey ft
    EXPECT_NEAR(areas[i].radius_crs, half_mile_usft, 1e-9);
    EXPECT_NEAR(areas[i].area_sq_crs, M_PI * half_mile_usft * half_mile_usft, 1e-6);
    EXPECT_TRUE(areas[i].contains(areas[i].cx + 2639.0, areas[i].cy));
    EXPECT_FALSE(areas[i].contains(areas[i].cx + 2641.0, areas[i].cy));
    EXPECT_TRUE(areas[i].overlaps.empty()) << areas[i].name;
  }
}

TEST(PriorityAreasTest, UngeocodableIntersectionStopsWithItsName) {
  TempDir d;
  const auto p = d.write("a.csv", "area_id,name,intersection,radius\nX,Nowhere,NOWHERE ST & MISSING AV,1000ft\n");
  auto specs = read_priority_area_file(p);
  ASSERT_EQ(specs.size(), 1u);
  EXPECT_DOUBLE_EQ(specs[0].radius->in_crs_units(1200.0 / 3937.0), 1000.0);
  try {
    place_priority_areas(specs, signals(), Length::parse("0.5mi"), p);
    FAIL();
  } catch (const std::runtime_error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("row 1"), std::string::npos) << m;
    EXPECT_NE(m.find("'NOWHERE ST & MISSING AV' does not geocode"), std::string::npos) << m;
  }
}

TEST(PriorityAreasTest, FileErrorsNameRowAndColumn) {
  TempDir d;
  auto err = [&](const std::string& text) {
    try {
      read_priority_area_file(d.write("e.csv", text));
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(err("id,name\nA,B\n").find("missing column 'area_id'"), std::string::npos);
  EXPECT_NE(err("area_id,name,intersection,radius\nA,a,X & Y,500\n").find("row 1 (line 2), column radius: length '500' has no unit"), std::string::npos);
  EXPECT_NE(err("area_id,name,intersection\nA,a,X & Y\nA,b,Z & W\n").find("row 2 (line 3), column area_id: duplicate id 'A'"), std::string::npos);
  EXPECT_NE(err("area_id,name,intersection\nA,a,\n").find("column intersection: empty"), std::string::npos);
  EXPECT_NE(err("area_id,name,intersection\n").find("no priority areas"), std::string::npos);
}

TEST(PriorityAreasTest, OverlapsAreMarked) {
  std::vector<PriorityArea> areas(3);
  for (int i = 0; i < 3; ++i) {
    areas[i].id = std::string(1, static_cast<char>('A' + i));
    areas[i].radius_crs = 100;
    areas[i].cx = i == 2 ? 1000 : i * 150;
    areas[i].wkt = circle_wkt(areas[i].cx, 0, 100);
  }
  mark_overlaps(areas);
  EXPECT_EQ(areas[0].overlaps, std::vector<std::string>{"B"});
  EXPECT_EQ(areas[1].overlaps, std::vector<std::string>{"A"});
  EXPECT_TRUE(areas[2].overlaps.empty());
}

TEST(PriorityAreasTest, PolygonAreasFromALayer) {
  std::vector<std::string> w;
  auto areas = load_priority_polygons(testing::charlotte("police_divisions/CMPD_Police_Divisions.shp"), "DIVISION", "DNAME",
                                      Crs::from_user_input("EPSG:2264"), &w);
  ASSERT_EQ(areas.size(), 14u);
  for (const auto& a : areas) {
    EXPECT_GT(a.area_sq_crs, 1e7);
    EXPECT_EQ(a.radius_crs, 0.0);
    EXPECT_LT(a.lon, -80.5);
    EXPECT_GT(a.lat, 35.0);
  }
  // Neighbouring divisions share boundaries but do not overlap.
  size_t overlapping = 0;
  for (const auto& a : areas) overlapping += a.overlaps.size();
  EXPECT_EQ(overlapping, 0u);
}

}  // namespace
}  // namespace hotspot
