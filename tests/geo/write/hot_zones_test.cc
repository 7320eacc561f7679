#include "geo/write/hot_zones.h"

#include <gtest/gtest.h>

#include <cmath>

#include "geo/gdal/gdal_handles.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

// 10 x 8 grid of 100-unit cells: two separate blocks of high values, a plateau and zeros.
Raster sample() {
  GridSpec g;
  g.x_min = 1000;
  g.y_min = 2000;
  g.cell_size = 100;
  g.ncols = 10;
  g.nrows = 8;
  Raster r(g, 0.0);
  for (int64_t i = 1; i <= 2; ++i)
    for (int64_t j = 1; j <= 3; ++j) r.at(i, j) = 10.0 + static_cast<double>(i + j);  // 6 cells, peak 15
  r.at(6, 8) = 50.0;                                                                   // 1 cell, peak 50
  r.at(6, 7) = 5.0;
  for (int64_t j = 0; j < 10; ++j) r.at(4, j) = 1.0;  // a low band across the grid
  r.at(7, 0) = Raster::nodata();
  return r;
}

TEST(HotZonesTest, PercentileLevelsCountPositiveCellsOnly) {
  const Raster r = sample();
  // Positive cells: 6 + 2 + 10 = 18, sorted 50, 15, 14, 14, 13, 13, 12, 5, 1 x 10.
  // Top 10 % -> the ceil(1.8) = 2nd highest; top 40 % -> the ceil(7.2) = 8th highest.
  const auto levels = hot_zone_levels(r, {10.0, 40.0}, {12.5});
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_EQ(levels[0].label, "top 10%");
  EXPECT_DOUBLE_EQ(levels[0].threshold, 15.0);
  EXPECT_DOUBLE_EQ(levels[1].threshold, 5.0);
  EXPECT_EQ(levels[2].label, ">= 12.5");
  EXPECT_THROW(hot_zone_levels(r, {0.0}, {}), std::invalid_argument);
  EXPECT_THROW(hot_zone_levels(r, {101.0}, {}), std::invalid_argument);
}

TEST(HotZonesTest, PolygonsFollowCellEdgesPerConnectedArea) {
  const Raster r = sample();
  const std::vector<HotZoneLevel> levels{{">= 11", 11.0, 0.0}, {">= 1", 1.0, 0.0}};
  const auto zones = hot_zones(r, levels);
  // Level 0: the whole 3 x 2 block (12..15) and the single 50 cell.
  std::vector<HotZone> l0, l1;
  for (const auto& z : zones) (z.level_index == 0 ? l0 : l1).push_back(z);
  ASSERT_EQ(l0.size(), 2u);
  EXPECT_EQ(l0[0].zone_id, 1);
  EXPECT_DOUBLE_EQ(l0[0].peak, 50.0);  // sorted by peak
  EXPECT_EQ(l0[0].cells, 1);
  EXPECT_EQ(l0[1].cells, 6);
  EXPECT_DOUBLE_EQ(l0[1].area_crs2, 6 * 100.0 * 100.0);
  EXPECT_DOUBLE_EQ(l0[1].mean, (12 + 13 + 14 + 13 + 14 + 15) / 6.0);
  // The polygon's area and bounds match the cells exactly (rows 1-2, cols 1-3).
  OGRGeometry* geom = nullptr;
  ASSERT_EQ(OGRGeometryFactory::createFromWkt(l0[1].wkt.c_str(), nullptr, &geom), OGRERR_NONE);
  OgrGeometryPtr gp(geom);
  EXPECT_DOUBLE_EQ(gp->toPolygon()->get_Area(), 60000.0);
  OGREnvelope env;
  gp->getEnvelope(&env);
  EXPECT_DOUBLE_EQ(env.MinX, 1100);
  EXPECT_DOUBLE_EQ(env.MaxX, 1400);
  EXPECT_DOUBLE_EQ(env.MaxY, 2800 - 100);
  EXPECT_DOUBLE_EQ(env.MinY, 2800 - 300);
  // Level 1: the band (row 4) touches neither block (rows 1-2, row 6): three areas; the 50 and 5 cells join.
  ASSERT_EQ(l1.size(), 3u);
  EXPECT_EQ(l1[0].cells, 2);
  EXPECT_EQ(l1[1].cells, 6);
  EXPECT_EQ(l1[2].cells, 10);
}

TEST(HotZonesTest, WritesGeoJsonAndShapefile) {
  testing::TempDir d;
  const Raster r = sample();
  const auto levels = hot_zone_levels(r, {10.0}, {});
  const auto zones = hot_zones(r, levels);
  const Crs crs = Crs::from_user_input("EPSG:2264");
  write_hot_zones(zones, levels, crs, "incidents per square mile", d.file("z.geojson"), false);
  write_hot_zones(zones, levels, crs, "incidents per square mile", d.file("z.shp"), false);
  for (const std::string f : {"z.geojson", "z.shp"}) {
    GdalDatasetPtr ds = open_vector(d.file(f));
    OGRLayer* l = ds->GetLayer(0);
    EXPECT_EQ(l->GetFeatureCount(), static_cast<GIntBig>(zones.size())) << f;
    OgrFeaturePtr feat(l->GetNextFeature());
    ASSERT_TRUE(feat);
    EXPECT_STREQ(feat->GetFieldAsString("level"), "top 10%");
    EXPECT_NEAR(feat->GetFieldAsDouble("threshold"), 15.0, 1e-9);
  }
  EXPECT_NE(testing::read_file(d.file("z.geojson")).find("\"unit\": \"incidents per square mile\""), std::string::npos);
}

}  // namespace
}  // namespace hotspot
