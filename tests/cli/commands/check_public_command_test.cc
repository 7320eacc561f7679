// hotspot check-public: the main job's folder fails today (so the audit can fail); hand-made folders with one
// planted incident position or one small count fail naming the file, feature or row and value; a clean one passes.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>

#include "engine/core/text.h"
#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

std::string audit(const std::string& dir) {
  return "check-public " + dir + " --incidents " + charlotte("cmpd_incidents_sample.csv") + " --crs EPSG:2264 -q";
}

// The first incident of the bundled CSV, as published there (LONGITUDE_PUBLIC, LATITUDE_PUBLIC).
std::pair<std::string, std::string> first_incident_lonlat() {
  CsvReader csv(charlotte("cmpd_incidents_sample.csv"));
  const int lon = csv.column("LONGITUDE_PUBLIC"), lat = csv.column("LATITUDE_PUBLIC");
  const auto r = csv.next();
  return {r->fields[lon], r->fields[lat]};
}

// A lon/lat inside the incidents' extent at least 200 ft from every incident (checked here by brute force).
std::pair<double, double> clean_lonlat() {
  const std::vector<Incident> all = charlotte_incidents();
  const Projector to_ft(4326, 2264);
  for (double dlon = 0.0; dlon < 0.05; dlon += 0.0013) {
    const double lon = -80.84 + dlon, lat = 35.2271;
    const auto [x, y] = to_ft(lon, lat);
    double nearest = 1e18;
    for (const Incident& i : all) nearest = std::min(nearest, std::hypot(i.x - x, i.y - y));
    if (nearest > 200.0) return {lon, lat};
  }
  ADD_FAILURE() << "no clean position found";
  return {0, 0};
}

std::string point_layer(const std::string& lon, const std::string& lat, int count) {
  return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"Join_Count":)" +
         std::to_string(count) + R"(},"geometry":{"type":"Point","coordinates":[)" + lon + "," + lat + "]}}]}";
}

TEST(CheckPublicCommandTest, PlantedIncidentPositionFailsNamingFileFeatureAndValue) {
  TempDir d;
  std::filesystem::create_directories(d.file("out"));
  const auto [lon, lat] = first_incident_lonlat();
  std::ofstream(d.file("out/layer.geojson")) << point_layer(lon, lat, 12);
  const CommandRun r = run_hotspot(audit(d.file("out")), d);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("layer.geojson: layer layer feature 0: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("from the incident at row 1 of the input"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL"), std::string::npos) << r.out;
}

TEST(CheckPublicCommandTest, PlantedPositionInMapDataAndCsvFails) {
  TempDir d;
  std::filesystem::create_directories(d.file("out"));
  const auto [lon, lat] = first_incident_lonlat();
  std::ofstream(d.file("out/map.html"))
      << "<html><script id=\"hotspot-map-data\" type=\"application/json\">{\"layers\":[{\"data\":"
      << point_layer(lon, lat, 12) << "}]}</script></html>";
  std::ofstream(d.file("out/table.csv")) << "id,lat,note,lon\n7," << lat << ",x," << lon << "\n";
  const CommandRun r = run_hotspot(audit(d.file("out")), d);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("map.html: embedded data 1/layers/0/data/features/0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("table.csv: row 1: "), std::string::npos) << r.out;
}

TEST(CheckPublicCommandTest, SmallCountFailsAndCleanFolderPasses) {
  const auto [lon, lat] = clean_lonlat();
  const std::string slon = format_significant(lon, 10), slat = format_significant(lat, 10);
  for (int count : {2, 3}) {
    TempDir d;
    std::filesystem::create_directories(d.file("out"));
    std::ofstream(d.file("out/cells.geojson")) << point_layer(slon, slat, count);
    std::ofstream(d.file("out/report.md")) << "| area | incidents |\n|---|---:|\n| A | 40 |\n| B | < 3 |\n";
    const CommandRun r = run_hotspot(audit(d.file("out")), d);
    if (count == 2) {
      EXPECT_EQ(r.code, 1) << r.out << r.err;
      EXPECT_NE(r.out.find("cells.geojson: layer cells feature 0: 2: Join_Count 2 is below k = 3"), std::string::npos)
          << r.out;
    } else {
      EXPECT_EQ(r.code, 0) << r.out << r.err;
      EXPECT_NE(r.out.find("PASS: 0 finding(s) in 2 file(s); 1 position(s)"), std::string::npos) << r.out;
    }
  }
}

// --k-shared lets a position through only when at least k incidents lie within the distance of it (a hundred-block
// point); the incidents' own points, where fewer share a position, still fail: one finding per point that a brute
// force finds within 10 m of fewer than k = 3 incidents.
TEST(CheckPublicCommandTest, KSharedStillFailsIncidentsOwnPoints) {
  TempDir d;
  std::filesystem::create_directories(d.file("out"));
  const std::vector<Incident> all = charlotte_incidents();
  CsvReader csv(charlotte("cmpd_incidents_sample.csv"));
  const int lon = csv.column("LONGITUDE_PUBLIC"), lat = csv.column("LATITUDE_PUBLIC");
  std::string layer = R"({"type":"FeatureCollection","features":[)";
  const double ten_m_ft = 10.0 / (1200.0 / 3937.0);
  int64_t expected = 0, shared = 0;
  for (size_t i = 0; i < 400; ++i) {
    const auto r = csv.next();
    layer += std::string(i ? "," : "") + R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[)" +
             r->fields[lon] + "," + r->fields[lat] + "]}}";
    int near = 0;
    for (const Incident& o : all) near += std::hypot(o.x - all[i].x, o.y - all[i].y) <= ten_m_ft;
    (near < 3 ? expected : shared) += 1;
  }
  std::ofstream(d.file("out/points.geojson")) << layer << "]}";
  ASSERT_GT(expected, 0);
  ASSERT_GT(shared, 0) << "the bundled points are block points: some are shared by 3 or more incidents";
  const CommandRun r = run_hotspot(audit(d.file("out")) + " --k-shared", d);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL: " + std::to_string(expected) + " finding(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fewer than k = 3"), std::string::npos) << r.out;
}

TEST(CheckPublicCommandTest, MainJobOutputFailsTheAuditToday) {
  TempDir d;
  const CommandRun run = run_config(charlotte_config(d.file("out")), d);
  ASSERT_EQ(run.code, 0) << run.err;
  const CommandRun r = run_hotspot(audit(d.file("out")), d);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("gistar_cells.geojson: layer gistar_cells feature "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Join_Count 1 is below k = 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check-public " + d.file("out") + ": FAIL"), std::string::npos) << r.out;
}

TEST(CheckPublicCommandTest, MissingFolderAndBadOptionsAreErrors) {
  TempDir d;
  EXPECT_EQ(run_hotspot(audit(d.file("nope")), d).code, 1);
  EXPECT_EQ(run_hotspot(audit(d.path().string()) + " --min-count 0", d).code, 2);
  EXPECT_EQ(run_hotspot(audit(d.path().string()) + " --distance 10", d).code, 2);
}

}  // namespace
}  // namespace hotspot::testing
