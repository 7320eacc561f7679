#include "cli/commands/gistar_command.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::read_file;
using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;

const std::string kGolden = std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/gistar/";

std::map<int64_t, double> spdep_z() {
  std::ifstream in(kGolden + "spdep_1000ft_band3000.csv");
  std::string line;
  std::getline(in, line);
  std::map<int64_t, double> z;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string id, v;
    std::getline(ss, id, ',');
    std::getline(ss, v, ',');
    z[std::stoll(id)] = std::stod(v);
  }
  return z;
}

GistarOptions golden_job(const std::string& out) {
  GistarOptions o;
  o.ingest.input_path = kGolden + "points_10k.csv";
  o.ingest.x_column = "x";
  o.ingest.y_column = "y";
  o.ingest.source_crs = "EPSG:2264";
  o.gistar.extent = Extent{1384000, 460000, 1536000, 640000};
  o.gistar.cell_size = Length::parse("1000ft");
  o.gistar.band = Length::parse("3000ft");
  o.gistar.output = out;
  return o;
}

TEST(GistarCommandTest, GeoJsonMatchesSpdepAndCarriesArcGisFields) {
  TempDir d;
  const std::string out = d.file("hot.geojson");
  std::ostringstream so, se;
  ASSERT_EQ(run_gistar(golden_job(out), so, se), kExitOk) << se.str();
  const std::string report = so.str();
  EXPECT_NE(report.find("27360 analysed of 27360 fishnet cells (152 cols x 180 rows"), std::string::npos) << report;
  EXPECT_NE(report.find("10000 incidents in units, 0 in none"), std::string::npos) << report;
  EXPECT_NE(report.find("FDR-corrected"), std::string::npos);
  const auto j = nlohmann::json::parse(read_file(out));
  ASSERT_EQ(j["features"].size(), 27360u);
  const auto ref = spdep_z();
  double max_dz = 0;
  int bins_nonzero = 0;
  for (const auto& f : j["features"]) {
    const auto& p = f["properties"];
    for (const char* k : {"SOURCE_ID", "Join_Count", "GiZScore", "GiPValue", "Gi_Bin", "NNeighbors"})
      ASSERT_TRUE(p.contains(k)) << k;
    EXPECT_FALSE(p.contains("GiPseudoP"));
    const int64_t id = p["SOURCE_ID"].get<int64_t>();
    max_dz = std::max(max_dz, std::fabs(p["GiZScore"].get<double>() - ref.at(id)));
    bins_nonzero += p["Gi_Bin"].get<int>() != 0;
    // RFC 7946: lon/lat around Charlotte.
    const nlohmann::json* c = &f["geometry"]["coordinates"];
    while ((*c)[0].is_array()) c = &(*c)[0];  // first vertex of a Polygon or MultiPolygon
    const auto& v = *c;
    ASSERT_GT(v[0].get<double>(), -81.2);
    ASSERT_LT(v[0].get<double>(), -80.4);
    ASSERT_GT(v[1].get<double>(), 34.9);
    ASSERT_LT(v[1].get<double>(), 35.6);
  }
  EXPECT_LT(max_dz, 1e-9);
  EXPECT_GT(bins_nonzero, 100);
  // The QGIS style beside it colours Gi_Bin with ArcGIS's palette.
  const std::string qml = read_file(d.file("hot.qml"));
  EXPECT_NE(qml.find("attr=\"Gi_Bin\""), std::string::npos);
  for (const char* color : {"69,117,181", "132,158,186", "192,204,190", "156,156,156", "250,185,132", "237,117,81", "214,47,39"})
    EXPECT_NE(qml.find(color), std::string::npos) << color;
  EXPECT_NE(qml.find("value=\"-3\" label=\"Cold Spot - 99% Confidence\""), std::string::npos);
}

TEST(GistarCommandTest, ShapefileAndGeoPackageWithPermutationsAndHexagons) {
  TempDir d;
  GistarOptions o = golden_job(d.file("hot.shp"));
  o.gistar.permutations = 19;
  o.gistar.seed = 3;
  o.gistar.fdr = false;
  std::ostringstream so, se;
  ASSERT_EQ(run_gistar(o, so, se), kExitOk) << se.str();
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml"})
    EXPECT_TRUE(std::filesystem::exists(d.file(std::string("hot") + ext))) << ext;
  const std::string dbf = read_file(d.file("hot.dbf"));
  for (const char* field : {"SOURCE_ID", "Join_Count", "GiZScore", "GiPValue", "Gi_Bin", "NNeighbors", "GiPseudoP"})
    EXPECT_NE(dbf.find(field), std::string::npos) << field;
  EXPECT_NE(so.str().find("no FDR correction"), std::string::npos);
  // Hexagons to a GeoPackage through the command line binary.
  auto r = run_hotspot("gistar " + kGolden + "points_10k.csv --x-col x --y-col y --source-crs EPSG:2264 --hex --cell-size 2000ft "
                                 "--weights idw1 --band 6000ft -o " + d.file("hex.gpkg"),
                       d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(d.file("hex.gpkg")));
  EXPECT_TRUE(std::filesystem::exists(d.file("hex.qml")));
  EXPECT_NE(r.out.find("hexagons"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("inverse distance"), std::string::npos) << r.out;
}

TEST(GistarCommandTest, ZonesWithContiguityAndPointsOutsideReported) {
  TempDir d;
  GistarOptions o;
  o.ingest.input_path = hotspot::testing::charlotte("cmpd_incidents_sample.csv");
  o.ingest.analysis_crs = "EPSG:2264";
  o.gistar.zones = hotspot::testing::charlotte("neighborhood_profile_areas.geojson");
  o.gistar.zone_id = "id";
  o.gistar.weights = "contiguity-corners";
  o.gistar.output = d.file("npa.gpkg");
  std::ostringstream so, se;
  ASSERT_EQ(run_gistar(o, so, se), kExitOk) << se.str();
  const std::string report = so.str();
  EXPECT_NE(report.find("zones from"), std::string::npos) << report;
  EXPECT_NE(report.find("contiguity"), std::string::npos) << report;
  // Some incidents lie outside the 2013 NPA layer (the sample covers the county): counted, never dropped silently.
  EXPECT_NE(report.find(" in none"), std::string::npos) << report;
  EXPECT_TRUE(std::filesystem::exists(d.file("npa.qml")));
}

TEST(GistarCommandTest, RatesAndBadInputsGiveClearErrorsAndNoPartialOutput) {
  TempDir d;
  // Rate: searches per stop; stops in 36 cells, 2 km apart (EPSG:32617 metres).
  std::string csv = "x,y,searched,stopped\n";
  for (int i = 0; i < 6; ++i)
    for (int k = 0; k < 6; ++k)
      for (int s = 0; s < 3; ++s)
        csv += std::to_string(500000 + i * 2000 + 10 * s) + "," + std::to_string(3900000 + k * 2000) + "," +
               (s < (i + k) % 3 ? "1" : "0") + ",1\n";
  d.write("stops.csv", csv);
  auto r = run_hotspot("gistar " + d.file("stops.csv") + " --source-crs EPSG:32617 --cell-size 2000m --extent 499000,3899000,511000,3911000 "
                           "--value rate:searched/stopped -o " +
                           d.file("rate.geojson"),
                       d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("fewer than 30"), std::string::npos) << r.out;  // 36 cells
  const auto j = nlohmann::json::parse(read_file(d.file("rate.geojson")));
  int with_rate = 0;
  for (const auto& f : j["features"]) {
    const auto& p = f["properties"];
    if (p["RATE_DEN"].get<double>() > 0) {
      ++with_rate;
      EXPECT_NEAR(p["RATE"].get<double>(), p["RATE_NUM"].get<double>() / p["RATE_DEN"].get<double>(), 1e-12);
    } else {
      EXPECT_TRUE(p["GiZScore"].is_null());  // undefined rate: written with null results
    }
  }
  EXPECT_EQ(with_rate, 36);

  // Zero variance: one incident in each of four cells.
  d.write("flat.csv", "x,y\n500500,3900500\n501500,3900500\n500500,3901500\n501500,3901500\n");
  r = run_hotspot("gistar " + d.file("flat.csv") + " --source-crs EPSG:32617 --cell-size 1000m --extent 500000,3900000,502000,3902000 -o " +
                      d.file("flat.geojson"),
                  d);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("same value"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("zero variance"), std::string::npos) << r.err;
  // A band that gives nobody a neighbour.
  d.write("two.csv", "x,y\n500500,3900500\n500500,3900600\n501500,3901500\n");
  r = run_hotspot("gistar " + d.file("two.csv") + " --source-crs EPSG:32617 --cell-size 1000m --extent 500000,3900000,502000,3902000 "
                                      "--band 10m -o " + d.file("none.geojson"),
                  d);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("gives no analysis unit a neighbour"), std::string::npos) << r.err;
  // Fewer than 30 features: a warning, as in ArcGIS; the default band (one cell) is reported.
  r = run_hotspot("gistar " + d.file("two.csv") + " --source-crs EPSG:32617 --cell-size 1000m "
                  "--extent 500000,3900000,502000,3902000 -o " + d.file("small.geojson"), d);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("fewer than 30 features"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("band 1000 metre (default"), std::string::npos) << r.out;
  // Contiguity without zones, unknown weights, bad extension.
  r = run_hotspot("gistar " + d.file("two.csv") + " --source-crs EPSG:32617 --cell-size 1000m --weights contiguity-edges -o " +
                      d.file("c.geojson"),
                  d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("needs polygon zones"), std::string::npos) << r.err;
  r = run_hotspot("gistar " + d.file("two.csv") + " --source-crs EPSG:32617 --cell-size 1000m --weights knn:0 -o " + d.file("c.geojson"), d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("knn:0"), std::string::npos) << r.err;
  r = run_hotspot("gistar " + d.file("two.csv") + " --source-crs EPSG:32617 --cell-size 1000m -o " + d.file("c.txt"), d);
  EXPECT_EQ(r.code, 2);
  // Nothing partial was left behind by any failure.
  for (const std::string& e : d.entries()) {
    EXPECT_EQ(e.find("partial"), std::string::npos) << e;
    EXPECT_TRUE(e.rfind(".csv") == e.size() - 4 || e.rfind("rate.", 0) == 0 || e.rfind("small.", 0) == 0) << e;
  }
}

}  // namespace
}  // namespace hotspot::cli
