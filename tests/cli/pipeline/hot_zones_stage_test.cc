// The HotZones stage on a small surface: each level's threshold and the cells its polygons cover are checked against
// a brute-force count of the cells at or above the level, from the definition (the top P % level is the density of
// the ceil(P/100 * n)-th highest of the n positive cells), and against the layers read back.
#include "cli/pipeline/hot_zones_stage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/pipeline/errors.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using testing::TempDir;

// 12 x 9 cells of 100 ft with distinct values (7k mod 109 for cell k), a nodata corner and a column of zeros.
Raster surface() {
  GridSpec g;
  g.x_min = 1440000;
  g.y_min = 540000;
  g.cell_size = 100;
  g.ncols = 12;
  g.nrows = 9;
  Raster r(g);
  for (int64_t k = 0; k < g.cell_count(); ++k) r.values[static_cast<size_t>(k)] = static_cast<double>((7 * k) % 109) + 0.25;
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 3; ++j) r.at(i, j) = Raster::nodata();
  for (int64_t i = 0; i < g.nrows; ++i) r.at(i, 6) = 0.0;
  return r;
}

Context context_with(const Raster& r) {
  Context ctx;
  ctx.ingest.emplace();
  ctx.ingest->analysis_crs = Crs::from_user_input("EPSG:2264");
  KdeOutcome k;
  k.raster = r;
  k.unit_label = "incidents per square mile";
  ctx.density = std::move(k);
  return ctx;
}

int64_t cells_at_or_above(const Raster& r, double threshold) {
  int64_t n = 0;
  for (double v : r.values) n += v >= threshold;  // NaN compares false
  return n;
}

// The features of one level in a written GeoJSON layer: how many, and the cells they cover.
std::pair<int64_t, int64_t> layer_count(const std::string& path, const std::string& level) {
  const nlohmann::json j = nlohmann::json::parse(testing::read_file(path));
  int64_t features = 0, cells = 0;
  for (const auto& f : j["features"])
    if (f["properties"]["level"] == level) ++features, cells += f["properties"]["cells"].get<int64_t>();
  return {features, cells};
}

TEST(HotZonesStageTest, LevelsCoverTheCellsAtOrAboveThemAsABruteForceCountDoes) {
  TempDir d;
  const Raster r = surface();
  Context ctx = context_with(r);
  Outputs outputs = Outputs::explicit_paths(Overwrite::refuse);
  HotZonesStage::Options o;
  o.top = {10.0, 37.5};
  o.threshold = {90.0};
  o.paths = {d.file("zones.geojson")};
  HotZonesStage stage(o);
  stage.validate(outputs);
  stage.run(ctx, outputs);
  ASSERT_TRUE(ctx.hot_zones);
  const HotZonesOutcome& z = *ctx.hot_zones;
  ASSERT_EQ(z.levels.size(), 3u);
  EXPECT_EQ(z.paths, o.paths);
  EXPECT_EQ(outputs.written(), o.paths);

  int64_t positive = 0;
  for (double v : r.values) positive += v > 0.0;
  ASSERT_EQ(positive, 108 - 9 - 9);  // less the nodata corner and the zeros
  const double shares[] = {10.0, 37.5};
  for (size_t li = 0; li < 2; ++li) {
    SCOPED_TRACE(z.levels[li].label);
    const int64_t k = static_cast<int64_t>(std::ceil(shares[li] / 100.0 * static_cast<double>(positive)));
    // Values are distinct: exactly k cells are at or above the k-th highest, and the threshold is a cell's value.
    EXPECT_EQ(cells_at_or_above(r, z.levels[li].threshold), k);
    EXPECT_EQ(std::count(r.values.begin(), r.values.end(), z.levels[li].threshold), 1);
    EXPECT_EQ(z.at_level(li).cells, k);
  }
  EXPECT_EQ(z.levels[0].label, "top 10%");
  EXPECT_EQ(z.levels[2].label, ">= 90");
  EXPECT_DOUBLE_EQ(z.levels[2].threshold, 90.0);
  EXPECT_EQ(z.at_level(2).cells, cells_at_or_above(r, 90.0));
  EXPECT_GT(z.at_level(2).cells, 0);

  // The layer holds the same polygons.
  for (size_t li = 0; li < z.levels.size(); ++li) {
    const auto [features, cells] = layer_count(o.paths[0], z.levels[li].label);
    EXPECT_EQ(features, z.at_level(li).zones) << z.levels[li].label;
    EXPECT_EQ(cells, cells_at_or_above(r, z.levels[li].threshold)) << z.levels[li].label;
  }
}

TEST(HotZonesStageTest, ARunFolderGetsTheFixedNamesWhenThereIsALevel) {
  TempDir d;
  Context ctx = context_with(surface());
  Outputs outputs = Outputs::in_folder(d.path().string());
  HotZonesStage stage(HotZonesStage::Options{});  // the default levels, top 1 % and 5 %
  stage.validate(outputs);
  stage.run(ctx, outputs);
  EXPECT_EQ(outputs.written_names(), (std::vector<std::string>{"hot_zones.geojson", "hot_zones.shp"}));
  EXPECT_TRUE(std::filesystem::exists(d.file("hot_zones.dbf")));
  ASSERT_TRUE(ctx.hot_zones);
  EXPECT_EQ(ctx.hot_zones->levels.size(), 2u);

  // No level: nothing written, nothing left in the Context.
  Context none = context_with(surface());
  Outputs empty_folder = Outputs::in_folder(d.file("none"));
  HotZonesStage::Options o;
  o.top.clear();
  HotZonesStage no_levels(o);
  no_levels.run(none, empty_folder);
  EXPECT_TRUE(empty_folder.written().empty());
  EXPECT_FALSE(none.hot_zones);
}

TEST(HotZonesStageTest, RefusesLayersWithoutALevelAndRunsOnlyAfterTheDensity) {
  TempDir d;
  Outputs outputs = Outputs::explicit_paths(Overwrite::refuse);
  HotZonesStage::Options o;
  o.top.clear();
  o.paths = {d.file("zones.geojson")};
  HotZonesStage no_levels(o);
  EXPECT_THROW(no_levels.validate(outputs), UsageError);

  HotZonesStage::Options taken;
  taken.paths = {d.write("taken.geojson", "{}")};
  HotZonesStage refused(taken);
  EXPECT_THROW(refused.validate(outputs), UsageError);

  Context no_density;
  HotZonesStage stage(HotZonesStage::Options{});
  EXPECT_THROW(stage.run(no_density, outputs), std::logic_error);
}

}  // namespace
}  // namespace hotspot::cli
