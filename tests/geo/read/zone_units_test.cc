#include "geo/read/zone_units.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/hotspot/gistar.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot {
namespace {

std::string square_wkt(double x0, double y0, double s) {
  const std::string a = std::to_string(x0), b = std::to_string(y0), c = std::to_string(x0 + s), d = std::to_string(y0 + s);
  return "POLYGON((" + a + " " + b + "," + c + " " + b + "," + c + " " + d + "," + a + " " + d + "," + a + " " + b + "))";
}

// A 2 x 3 block of 100-unit squares:
//   0 1 2     (y 100..200)
//   3 4 5     (y 0..100)
ZoneLayer block(std::vector<std::string>* warnings) {
  std::vector<std::pair<std::string, std::string>> z;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) z.push_back({std::to_string(r * 3 + c), square_wkt(c * 100.0, (1 - r) * 100.0, 100.0)});
  return ZoneLayer::from_wkt(z, warnings);
}

std::vector<uint32_t> sorted(std::vector<uint32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(ZoneUnitsTest, ContiguityEdgesAndCornersOnABlock) {
  std::vector<std::string> warnings;
  const ZoneLayer zones = block(&warnings);
  ASSERT_EQ(zones.size(), 6u);
  const auto rook = zone_contiguity(zones, Contiguity::kEdges);
  EXPECT_EQ(sorted(rook[0]), (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(sorted(rook[1]), (std::vector<uint32_t>{0, 2, 4}));
  EXPECT_EQ(sorted(rook[4]), (std::vector<uint32_t>{1, 3, 5}));
  const auto queen = zone_contiguity(zones, Contiguity::kEdgesAndCorners);
  EXPECT_EQ(sorted(queen[0]), (std::vector<uint32_t>{1, 3, 4}));
  EXPECT_EQ(sorted(queen[1]), (std::vector<uint32_t>{0, 2, 3, 4, 5}));
  EXPECT_EQ(sorted(queen[5]), (std::vector<uint32_t>{1, 2, 4}));
  // Hand-computed Gi* on rook contiguity (values 10 8 1 / 9 2 0): unit 0 has lag 27, W 3, mean 5, S^2 = 250/6 - 25.
  const std::vector<double> v = {10, 8, 1, 9, 2, 0};
  const GiStarResult r = gi_star(v, weights_from_lists(rook, true));
  EXPECT_NEAR(r.z[0], 12.0 / (std::sqrt(250.0 / 6.0 - 25.0) * std::sqrt(9.0 / 5.0)), 1e-12);
  EXPECT_EQ(r.n_neighbors[0], 3u);
}

TEST(ZoneUnitsTest, PointsInNoZoneAreCountedAndCentroidsAreCentres) {
  std::vector<std::string> warnings;
  const ZoneLayer zones = block(&warnings);
  const std::vector<Point> pts = {{50, 150, 1}, {150, 50, 1}, {160, 60, 1}, {999, 999, 1}, {100, 100, 1}};
  const auto unit = assign_to_zones(zones, pts);
  EXPECT_EQ(unit[0], 0);
  EXPECT_EQ(unit[1], 4);
  EXPECT_EQ(unit[3], -1);
  EXPECT_GE(unit[4], 0);  // on a shared corner: the first zone in layer order that touches it
  const UnitAggregation a = aggregate_units(unit, zones.size(), {}, {}, {});
  EXPECT_EQ(a.points_outside, 1);
  EXPECT_EQ(a.points_in, 4);
  EXPECT_EQ(a.count[4], 2.0);
  const auto c = zone_centroids(zones);
  EXPECT_NEAR(c[5].x, 250.0, 1e-9);
  EXPECT_NEAR(c[5].y, 50.0, 1e-9);
}

TEST(ZoneUnitsTest, InvalidZoneIsRepairedAndReported) {
  std::vector<std::string> warnings;
  // A bow-tie (self-intersecting) zone next to a valid square.
  const ZoneLayer zones = ZoneLayer::from_wkt(
      {{"bowtie", "POLYGON((0 0,100 100,100 0,0 100,0 0))"}, {"ok", square_wkt(100, 0, 100)}}, &warnings);
  ASSERT_EQ(zones.size(), 2u);
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings[0].find("bowtie"), std::string::npos);
  EXPECT_NE(warnings[0].find("repaired"), std::string::npos);
  // Repaired, the bow-tie is two triangles; the right one has its edge on x = 100, shared with the square.
  const auto rook = zone_contiguity(zones, Contiguity::kEdges);
  EXPECT_EQ(rook[0], (std::vector<uint32_t>{1}));
}

TEST(ZoneUnitsTest, StudyAreaMaskKeepsCellsWithCentresInsideOrWithPoints) {
  std::vector<std::string> warnings;
  const ZoneLayer area = ZoneLayer::from_wkt({{"area", "POLYGON((0 0,300 0,0 300,0 0))"}}, &warnings);  // triangle
  const AnalysisGrid g = AnalysisGrid::square({0, 0, 300, 300}, 100);
  std::vector<double> counts(g.size(), 0.0);
  counts[2] = 1.0;  // top-right cell (centre 250,250 outside) holds a point
  const auto unit = grid_cells_in_area(g, area, counts);
  // Centres inside x + y <= 300: (50,50) (150,50) (250,50)? 300 -> on the boundary, inside; (50,150) (150,150)
  // (50,250). Row 0 is north: ids 0 (50,250) 1 (150,250) 2 (250,250) / 3 4 5 / 6 7 8.
  EXPECT_EQ(unit, (std::vector<int64_t>{0, -1, 1, 2, 3, -1, 4, 5, 6}));
}

TEST(ZoneUnitsTest, NeighbourhoodProfileAreasHaveSymmetricContiguity) {
  std::vector<std::string> warnings;
  ZoneLayerOptions o;
  o.path = std::string(HOTSPOT_SOURCE_DIR) + "/data/charlotte/neighborhood_profile_areas.geojson";
  const ZoneLayer zones = ZoneLayer::load(o, Crs::from_user_input("EPSG:2264"), &warnings);
  ASSERT_GT(zones.size(), 400u);
  const auto rook = zone_contiguity(zones, Contiguity::kEdges);
  const auto queen = zone_contiguity(zones, Contiguity::kEdgesAndCorners);
  size_t isolated = 0;
  for (size_t i = 0; i < zones.size(); ++i) {
    for (uint32_t j : rook[i]) {
      const auto& back = rook[j];
      ASSERT_NE(std::find(back.begin(), back.end(), i), back.end());
      ASSERT_NE(std::find(queen[i].begin(), queen[i].end(), j), queen[i].end());  // rook is a subset of queen
    }
    EXPECT_GE(queen[i].size(), rook[i].size());
    isolated += rook[i].empty();
  }
  EXPECT_LT(isolated, zones.size() / 20);
  const auto summary = weights_from_lists(rook, true).summary();
  EXPECT_GT(summary.mean, 4.0);  // polygons in a coverage have about 5-6 edge neighbours
  EXPECT_LT(summary.mean, 8.0);
}

}  // namespace
}  // namespace hotspot
