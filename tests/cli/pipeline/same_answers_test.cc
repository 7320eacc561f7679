// Same inputs, same answers: `hotspot kde` / `hotspot gistar` and `hotspot run` run the same stages, so the same
// data and parameters must give byte-identical density values, the same GeoTIFF metadata keys and values, and the
// same Gi* fields, z-scores and bins, whichever command the analyst uses.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "geo/write/geotiff_writer.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::run_hotspot;
using testing::TempDir;

const std::string kInput = "cmpd_incidents_sample.csv";

std::string common_ingest() {
  return testing::charlotte(kInput) + " --crs EPSG:2264 --study-area " + testing::charlotte("charlotte_city_limits.geojson");
}

std::string run_config(const std::string& out, const std::string& kde, const std::string& gistar) {
  return R"({"input": {"path": ")" + testing::charlotte(kInput) + R"(", "analysis_crs": "EPSG:2264", "study_area": ")" +
         testing::charlotte("charlotte_city_limits.geojson") + R"("},
    "output": {"folder": ")" + out + R"("}, "kde": )" + kde + R"(, "gistar": )" + gistar + R"(, "map": {"enabled": false}})";
}

// SOURCE_ID -> properties of every feature of a GeoJSON layer.
std::map<int64_t, nlohmann::json> features_by_id(const std::string& path) {
  const nlohmann::json j = nlohmann::json::parse(testing::read_file(path));
  std::map<int64_t, nlohmann::json> out;
  for (const auto& f : j.at("features")) out[f.at("properties").at("SOURCE_ID").get<int64_t>()] = f.at("properties");
  return out;
}

void expect_same_raster(const GeoTiffContents& a, const GeoTiffContents& b) {
  ASSERT_EQ(a.raster.spec.ncols, b.raster.spec.ncols);
  ASSERT_EQ(a.raster.spec.nrows, b.raster.spec.nrows);
  EXPECT_EQ(a.raster.spec.x_min, b.raster.spec.x_min);
  EXPECT_EQ(a.raster.spec.y_min, b.raster.spec.y_min);
  EXPECT_EQ(a.raster.spec.cell_size, b.raster.spec.cell_size);
  ASSERT_EQ(a.raster.values.size(), b.raster.values.size());
  // Byte identity, NaN (nodata) included.
  EXPECT_EQ(std::memcmp(a.raster.values.data(), b.raster.values.data(), a.raster.values.size() * sizeof(double)), 0);
  EXPECT_EQ(a.band_unit, b.band_unit);
  EXPECT_EQ(a.metadata, b.metadata);
}

TEST(SameAnswersTest, KdeAndGistarSubcommandsEqualTheRunOfTheSameParameters) {
  TempDir d;
  const auto kde = run_hotspot("kde " + common_ingest() + " -q -r 2000ft --cell-size 500ft --hot-zones " +
                                   d.file("hz.geojson") + " -o " + d.file("k.tif"),
                               d);
  ASSERT_EQ(kde.code, 0) << kde.err;
  const auto gi = run_hotspot("gistar " + common_ingest() + " -q --cell-size 1000ft --band 3000ft --permutations 99 "
                                  "--seed 7 -o " + d.file("g.geojson"),
                              d);
  ASSERT_EQ(gi.code, 0) << gi.err;
  d.write("run.json", run_config(d.file("run"), R"({"radius": "2000ft", "cell_size": "500ft"})",
                                 R"({"cell_size": "1000ft", "band": "3000ft", "permutations": 99, "seed": 7})"));
  const auto run = run_hotspot("run " + d.file("run.json") + " -q", d);
  ASSERT_EQ(run.code, 0) << run.err;

  const GeoTiffContents a = read_geotiff(d.file("k.tif"));
  const GeoTiffContents b = read_geotiff(d.file("run/density.tif"));
  expect_same_raster(a, b);
  EXPECT_FALSE(a.metadata.empty());
  EXPECT_EQ(a.metadata.at("SEARCH_RADIUS"), "2000 US survey foot");

  // Hot zones: the same levels (top 1 % and 5 %) and polygons.
  const nlohmann::json hz_a = nlohmann::json::parse(testing::read_file(d.file("hz.geojson")));
  const nlohmann::json hz_b = nlohmann::json::parse(testing::read_file(d.file("run/hot_zones.geojson")));
  ASSERT_GT(hz_a.at("features").size(), 0u);
  EXPECT_EQ(hz_a.at("features"), hz_b.at("features"));

  const auto ga = features_by_id(d.file("g.geojson"));
  const auto gb = features_by_id(d.file("run/gistar_cells.geojson"));
  ASSERT_EQ(ga.size(), gb.size());
  ASSERT_GT(ga.size(), 1000u);
  int64_t significant = 0;
  for (const auto& [id, pa] : ga) {
    ASSERT_TRUE(gb.count(id)) << id;
    const nlohmann::json& pb = gb.at(id);
    std::vector<std::string> keys_a, keys_b;
    for (auto it = pa.begin(); it != pa.end(); ++it) keys_a.push_back(it.key());
    for (auto it = pb.begin(); it != pb.end(); ++it) keys_b.push_back(it.key());
    ASSERT_EQ(keys_a, keys_b);
    EXPECT_EQ(pa, pb) << id;  // Join_Count, GiZScore, GiPValue, Gi_Bin, NNeighbors, GiPseudoP
    if (pa.at("Gi_Bin").get<int>() != 0) ++significant;
  }
  EXPECT_GT(significant, 0);
  EXPECT_TRUE(ga.begin()->second.at("Join_Count").is_number_integer());

  // The citywide Gi* cell count is the number of cells analysed (inside the city), not the bounding-box fishnet.
  const nlohmann::json report = nlohmann::json::parse(testing::read_file(d.file("run/report.json")));
  int64_t written = static_cast<int64_t>(ga.size());
  EXPECT_EQ(report.at("citywide").at("gi_cells").get<int64_t>(), written);
}

// The public profile is one stage list too: `kde --profile public` and `gistar --profile public` write what the
// public `hotspot run` writes (the same density bytes; the same Gi* cells with the same counts suppressed and flagged).
TEST(SameAnswersTest, PublicSubcommandsEqualThePublicRun) {
  TempDir d;
  const std::string pub = " --profile public --min-count 4";
  const auto kde = run_hotspot("kde " + common_ingest() + " -q -r 2000ft --cell-size 500ft -o " + d.file("k.tif") + pub, d);
  ASSERT_EQ(kde.code, 0) << kde.err;
  const auto gi = run_hotspot("gistar " + common_ingest() + " -q --cell-size 1000ft --band 3000ft -o " +
                                  d.file("g.geojson") + pub,
                              d);
  ASSERT_EQ(gi.code, 0) << gi.err;
  std::string config = run_config(d.file("run"), R"({"radius": "2000ft", "cell_size": "500ft"})",
                                  R"({"cell_size": "1000ft", "band": "3000ft"})");
  config.insert(config.rfind('}'), R"(, "privacy": {"profile": "public", "min_count": 4})");
  d.write("run.json", config);
  const auto run = run_hotspot("run " + d.file("run.json") + " -q", d);
  ASSERT_EQ(run.code, 0) << run.err;

  expect_same_raster(read_geotiff(d.file("k.tif")), read_geotiff(d.file("run/density.tif")));
  const auto ga = features_by_id(d.file("g.geojson"));
  const auto gb = features_by_id(d.file("run/gistar_cells.geojson"));
  ASSERT_EQ(ga.size(), gb.size());
  ASSERT_GT(ga.size(), 1000u);
  int64_t suppressed = 0;
  for (const auto& [id, pa] : ga) {
    ASSERT_TRUE(gb.count(id)) << id;
    EXPECT_EQ(pa, gb.at(id)) << id;
    if (pa.at("Join_Count").is_null()) ++suppressed;
  }
  EXPECT_GT(suppressed, 0) << "cells with 1 to 3 incidents are suppressed in both";
}

TEST(SameAnswersTest, AnyThreadCountGivesTheSameBytesThroughTheStages) {
  TempDir d;
  for (const char* t : {"1", "2"}) {
    const auto r = run_hotspot("kde " + common_ingest() + " -q -r 1500ft --cell-size 400ft --threads " + t + " -o " +
                                   d.file(std::string("k") + t + ".tif"),
                               d);
    ASSERT_EQ(r.code, 0) << r.err;
  }
  expect_same_raster(read_geotiff(d.file("k1.tif")), read_geotiff(d.file("k2.tif")));
}

}  // namespace
}  // namespace hotspot
