#include "geo/map/vector_tiles.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "geo/gdal/gdal_handles.h"
#include "tests/geo/map/map_test_layers.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;

namespace hotspot {
namespace {

using testing::TempDir;

// Slippy-map tile of a lon/lat (the XYZ scheme MVT folders use).
std::pair<int, int> tile_of(double lon, double lat, int z) {
  const double n = std::pow(2.0, z), r = lat * M_PI / 180.0;
  return {static_cast<int>(std::floor((lon + 180.0) / 360.0 * n)),
          static_cast<int>(std::floor((1.0 - std::log(std::tan(r) + 1.0 / std::cos(r)) / M_PI) / 2.0 * n))};
}

std::vector<TileLayer> sample_layers(bool empty_priority = false) {
  return {{"gi_cells", "", testing::gi_cells_geojson(), "", -1, -1},
          {"priority_areas", "", testing::priority_geojson(empty_priority), "", -1, -1}};
}

TEST(VectorTilesTest, UncompressedFolderWithinTheZoomRangeKeepsAttributes) {
  TempDir d;
  VectorTileOptions o;
  o.path = d.file("tiles");
  o.min_zoom = 10;
  o.max_zoom = 12;
  const VectorTileResult r = write_vector_tiles(sample_layers(), o);
  EXPECT_GT(r.tile_count, 0);
  EXPECT_TRUE(r.empty_layers.empty());
  ASSERT_TRUE(fs::exists(d.file("tiles/metadata.json")));
  const nlohmann::json meta = nlohmann::json::parse(testing::read_file(d.file("tiles/metadata.json")));
  EXPECT_EQ(meta["minzoom"].get<int>(), 10);
  EXPECT_EQ(meta["maxzoom"].get<int>(), 12);
  const nlohmann::json layers = nlohmann::json::parse(meta["json"].get<std::string>())["vector_layers"];
  std::set<std::string> names;
  for (const auto& l : layers) names.insert(l["id"].get<std::string>());
  EXPECT_EQ(names, (std::set<std::string>{"gi_cells", "priority_areas"}));
  int64_t pbf = 0;
  for (const auto& e : fs::recursive_directory_iterator(d.file("tiles"))) {
    if (e.path().extension() != ".pbf") continue;
    ++pbf;
    const int z = std::stoi(e.path().parent_path().parent_path().filename().string());
    EXPECT_GE(z, 10);
    EXPECT_LE(z, 12);
    const std::string bytes = testing::read_file(e.path().string());
    ASSERT_FALSE(bytes.empty());
    EXPECT_NE(static_cast<unsigned char>(bytes[0]), 0x1f) << "gzip-compressed: " << e.path();
  }
  EXPECT_EQ(pbf, r.tile_count);
  // The z12 tile under the Gi_Bin 3 cell holds it, with its attributes.
  const double lon = testing::kLon0 + 7.5 * testing::kCellDeg, lat = testing::kLat0 + 5.5 * testing::kCellDeg;
  const auto [x, y] = tile_of(lon, lat, 12);
  const std::string tile = d.file("tiles/12/" + std::to_string(x) + "/" + std::to_string(y) + ".pbf");
  ASSERT_TRUE(fs::exists(tile)) << tile;
  GdalDatasetPtr ds = open_vector(tile);
  OGRLayer* gi = ds->GetLayerByName("gi_cells");
  ASSERT_NE(gi, nullptr);
  bool found_hot = false;
  for (OgrFeaturePtr f(gi->GetNextFeature()); f; f.reset(gi->GetNextFeature())) {
    if (f->GetFieldAsInteger("Gi_Bin") != 3) continue;
    found_hot = true;
    EXPECT_NEAR(f->GetFieldAsDouble("GiZScore"), 3.3, 1e-9);
    OGREnvelope env;
    f->GetGeometryRef()->getEnvelope(&env);  // in EPSG:3857
    EXPECT_NEAR((env.MinX + env.MaxX) / 2, lon * 20037508.342789244 / 180.0, 60.0);
  }
  EXPECT_TRUE(found_hot);
  OGRLayer* pa = ds->GetLayerByName("priority_areas");
  ASSERT_NE(pa, nullptr);
  OgrFeaturePtr f(pa->GetNextFeature());
  ASSERT_TRUE(f);
  EXPECT_STREQ(f->GetFieldAsString("name"), "Area <A> & \"B\"");
}

TEST(VectorTilesTest, MbtilesFromFilesInAnotherCrs) {
  TempDir d;
  VectorTileOptions o;
  o.path = d.file("dash.mbtiles");
  o.min_zoom = 8;
  o.max_zoom = 10;
  std::vector<TileLayer> layers = {{"divisions", testing::charlotte("police_divisions/CMPD_Police_Divisions.shp"), "", "", -1, -1}};
  write_vector_tiles(layers, o);
  ASSERT_TRUE(fs::exists(o.path));
  GdalDatasetPtr ds = open_vector(o.path);
  EXPECT_STREQ(ds->GetMetadataItem("ZOOM_LEVEL"), "10");  // the MBTiles driver opens the highest zoom
  OGRLayer* l = ds->GetLayerByName("divisions");
  ASSERT_NE(l, nullptr);
  EXPECT_GT(l->GetFeatureCount(), 14);  // clipped per tile, so at least one piece per division
  OgrFeaturePtr f(l->GetNextFeature());
  ASSERT_TRUE(f);
  EXPECT_NE(std::string(f->GetFieldAsString("DNAME")).find("Division"), std::string::npos);
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".partial"), std::string::npos) << e;
}

TEST(VectorTilesTest, EmptyLayersAreReportedAndBadRequestsRefused) {
  TempDir d;
  VectorTileOptions o;
  o.path = d.file("tiles");
  o.min_zoom = 10;
  o.max_zoom = 10;
  const VectorTileResult r = write_vector_tiles(sample_layers(true), o);
  EXPECT_EQ(r.empty_layers, std::vector<std::string>{"priority_areas"});
  EXPECT_THROW(write_vector_tiles(sample_layers(), o), std::runtime_error);  // exists, no overwrite
  o.overwrite = true;
  o.min_zoom = 12;
  o.max_zoom = 11;
  EXPECT_THROW(write_vector_tiles(sample_layers(), o), std::invalid_argument);
  o.min_zoom = 10;
  o.max_zoom = 23;
  EXPECT_THROW(write_vector_tiles(sample_layers(), o), std::invalid_argument);
  o.max_zoom = 12;
  std::vector<TileLayer> bad = sample_layers();
  bad[0].name = "gi cells";
  EXPECT_THROW(write_vector_tiles(bad, o), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
