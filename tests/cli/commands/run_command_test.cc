// End-to-end tests of `hotspot run` on the bundled Charlotte data and on configs written here.
#include "cli/commands/run_command.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>
#include <set>

#include "geo/read/csv_reader.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;
namespace fs = std::filesystem;

// A config for the bundled data that reads CMPD's own State Plane columns, so the test can count points in circles
// from the same numbers without any projection of its own.
std::string config_text(const std::string& out, int permutations, bool study_area) {
  const std::string d = hotspot::testing::source_dir() + "/data/charlotte/";
  return std::string(R"({
    "title": "Test run",
    "input": {"path": ")") + d + R"(cmpd_incidents_sample.csv", "x_column": "X_COORD_PUBLIC", "y_column": "Y_COORD_PUBLIC",
              "source_crs": "EPSG:2264", "analysis_crs": "EPSG:2264")" +
         (study_area ? R"(, "study_area": ")" + d + R"(charlotte_city_limits.geojson")" : "") + R"(},
    "output": {"folder": ")" + out + R"("},
    "geocode": {"enabled": false, "reference": "intersections=)" + d + R"(cdot_signals.csv"},
    "kde": {"radius": "2000ft", "cell_size": "500ft"},
    "gistar": {"cell_size": "1000ft", "band": "3000ft", "permutations": )" + std::to_string(permutations) + R"(},
    "priority_areas": {"file": ")" + d + R"(vrf_priority_areas.csv"},
    "report": {"violent_categories": ["Robbery", "Aggravated Assault", "Murder"], "start_year": 2022},
    "map": {"min_zoom": 10, "max_zoom": 11},
    "context": {"city_limits": ")" + d + R"(charlotte_city_limits.geojson",
                "divisions": {"path": ")" + d + R"(police_divisions/CMPD_Police_Divisions.shp", "name_field": "DNAME"}}
  })";
}

// Centres of the four areas from the signal coordinates, projected with OGR directly.
std::vector<std::pair<double, double>> expected_centres() {
  OGRSpatialReference wgs, sp;
  wgs.importFromEPSG(4326);
  sp.importFromEPSG(2264);
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  sp.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs, &sp));
  double ll[5][2] = {{-80.8547182466747, 35.2629987399257}, {-80.7571464443595, 35.2098768709634},
                     {-80.8918513092025, 35.1355466663838}, {-80.7935316391267, 35.2794788873473},
                     {-80.7935270787815, 35.2779791823109}};
  std::vector<std::pair<double, double>> out;
  for (auto& p : ll) {
    double x = p[0], y = p[1];
    ct->Transform(1, &x, &y);
    out.push_back({x, y});
  }
  // Sugar Creek Rd & I-85: the interchange's two ramp signals; the area is centred between them.
  out[3] = {(out[3].first + out[4].first) / 2, (out[3].second + out[4].second) / 2};
  out.pop_back();
  return out;
}

TEST(RunCommandTest, CharlotteReportCountsMatchAnIndependentCount) {
  TempDir d;
  const std::string out = d.file("out");
  d.write("cfg.json", config_text(out, 0, false));
  auto r = run_hotspot("run " + d.file("cfg.json") + " -q", d);
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  for (const char* f : {"report.md", "report.csv", "report.json", "manifest.json", "rejects.csv", "density.tif",
                        "gistar_cells.geojson", "gistar_cells.shp", "gistar_cells.qml", "priority_areas.geojson",
                        "priority_areas.shp", "hotspot_clusters.geojson", "hot_zones.geojson"})
    EXPECT_TRUE(fs::exists(out + "/" + f)) << f;
  auto report = nlohmann::json::parse(hotspot::testing::read_file(out + "/report.json"));
  ASSERT_EQ(report["priority_areas"].size(), 4u);

  // Independent count: every CSV row's X/Y against each circle, in plain code.
  const auto centres = expected_centres();
  const double radius = 804.672 / (1200.0 / 3937.0);  // 0.5 mile in US survey feet
  CsvReader csv(hotspot::testing::charlotte("cmpd_incidents_sample.csv"));
  const int xc = csv.column("X_COORD_PUBLIC"), yc = csv.column("Y_COORD_PUBLIC"), cc = csv.column("HIGHEST_NIBRS_DESCRIPTION"),
            yr = csv.column("YEAR");
  std::vector<int64_t> count(4, 0), violent(4, 0), after(4, 0);
  int64_t total = 0;
  const std::set<std::string> v = {"Robbery", "Aggravated Assault", "Murder"};
  while (auto rec = csv.next()) {
    ++total;
    const double x = std::stod(rec->fields[xc]), y = std::stod(rec->fields[yc]);
    for (size_t a = 0; a < 4; ++a)
      if (std::hypot(x - centres[a].first, y - centres[a].second) <= radius) {
        ++count[a];
        if (v.count(rec->fields[cc])) ++violent[a];
        if (std::stoi(rec->fields[yr]) >= 2022) ++after[a];
      }
  }
  EXPECT_EQ(report["records"]["in"], total);
  EXPECT_EQ(report["citywide"]["incidents"], total);
  int64_t in_any = 0;
  for (size_t a = 0; a < 4; ++a) {
    const auto& f = report["priority_areas"][a]["figures"];
    EXPECT_EQ(f["incidents"], count[a]) << report["priority_areas"][a]["name"];
    EXPECT_EQ(f["violent"], violent[a]) << report["priority_areas"][a]["name"];
    EXPECT_EQ(f["after"], after[a]) << report["priority_areas"][a]["name"];
    EXPECT_NEAR(f["share_incidents"].get<double>(), double(count[a]) / double(total), 1e-12);
    in_any += count[a];
  }
  EXPECT_GT(in_any, 50);  // the priority areas do hold incidents
  const std::string md = hotspot::testing::read_file(out + "/report.md");
  EXPECT_NE(md.find("Beatties Ford Rd & LaSalle St"), std::string::npos);
  EXPECT_NE(md.find("incidents per square mile"), std::string::npos);
  auto manifest = nlohmann::json::parse(hotspot::testing::read_file(out + "/manifest.json"));
  EXPECT_TRUE(manifest["records"]["balanced"].get<bool>());
  EXPECT_EQ(manifest["inputs"][1]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(manifest["resolved_config"]["kde"]["radius"], "2000ft");
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".partial"), std::string::npos) << e;
}

TEST(RunCommandTest, SameInputsGiveByteIdenticalOutputsForAnyThreadCount) {
  TempDir d;
  setenv("SOURCE_DATE_EPOCH", "1764288000", 1);
  std::map<std::string, std::string> first;
  for (int threads : {1, 2, 8}) {
    const std::string out = d.file("out" + std::to_string(threads));
    d.write("cfg.json", config_text(out, 99, true));
    auto r = run_hotspot("run " + d.file("cfg.json") + " -q --threads " + std::to_string(threads), d);
    ASSERT_EQ(r.code, 0) << r.err;
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(out)) {
      std::string text = hotspot::testing::read_file(e.path().string());
      if (e.path().filename() == "manifest.json") {
        // The manifest records the thread count and its own folder, which differ by design; the rest must not.
        auto m = nlohmann::json::parse(text);
        m["resolved_config"].erase("threads");
        m["resolved_config"]["output"].erase("folder");
        m["inputs"].erase(0);  // the config file itself, which names the folder
        text = m.dump();
      }
      files[e.path().filename().string()] = text;
    }
    if (first.empty()) {
      first = files;
      EXPECT_GT(first.size(), 10u);
    } else {
      ASSERT_EQ(files.size(), first.size());
      for (const auto& [name, text] : files) EXPECT_TRUE(text == first[name]) << name << " differs with " << threads << " threads";
    }
  }
  unsetenv("SOURCE_DATE_EPOCH");
}

TEST(RunCommandTest, BadConfigAndUngeocodableAreaStopWithoutOutput) {
  TempDir d;
  const std::string out = d.file("out");
  d.write("bad.json", R"({"input": {"path": "x.csv"}, "output": {"folder": ")" + out + R"("}, "kde": {"radius": "2000"}})");
  auto r = run_hotspot("run " + d.file("bad.json"), d);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("kde.radius: length '2000' has no unit"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));

  d.write("areas.csv", "area_id,name,intersection,radius\nX,Nowhere,NOWHERE ST & MISSING AV,\n");
  std::string cfg = config_text(out, 0, false);
  cfg.replace(cfg.find(hotspot::testing::source_dir() + "/data/charlotte/vrf_priority_areas.csv"),
              (hotspot::testing::source_dir() + "/data/charlotte/vrf_priority_areas.csv").size(), d.file("areas.csv"));
  d.write("cfg.json", cfg);
  r = run_hotspot("run " + d.file("cfg.json"), d);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("'NOWHERE ST & MISSING AV' does not geocode"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".partial"), std::string::npos) << e;
}

TEST(RunCommandTest, OverlappingAndOutOfExtentPolygonAreasAreCountedAndSaidSo) {
  TempDir d;
  const std::string out = d.file("out");
  // Two overlapping squares over uptown Charlotte and one near Raleigh, far outside the data.
  d.write("areas.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"A","name":"Uptown west"},"geometry":{"type":"Polygon","coordinates":[[[-80.86,35.21],[-80.83,35.21],[-80.83,35.24],[-80.86,35.24],[-80.86,35.21]]]}},
    {"type":"Feature","properties":{"id":"B","name":"Uptown east"},"geometry":{"type":"Polygon","coordinates":[[[-80.85,35.21],[-80.82,35.21],[-80.82,35.24],[-80.85,35.24],[-80.85,35.21]]]}},
    {"type":"Feature","properties":{"id":"R","name":"Raleigh"},"geometry":{"type":"Polygon","coordinates":[[[-78.66,35.76],[-78.62,35.76],[-78.62,35.80],[-78.66,35.80],[-78.66,35.76]]]}}]})");
  std::string cfg = config_text(out, 0, false);
  const std::string file_key = "\"file\": \"" + hotspot::testing::source_dir() + "/data/charlotte/vrf_priority_areas.csv\"";
  ASSERT_NE(cfg.find(file_key), std::string::npos);
  cfg.replace(cfg.find(file_key), file_key.size(),
              "\"polygons\": \"" + d.file("areas.geojson") + "\", \"polygons_id_field\": \"id\", \"polygons_name_field\": \"name\"");
  // A misspelt violent category: a warning with the closest category, on stderr and in the report.
  const std::string robbery = "\"Robbery\"";
  ASSERT_NE(cfg.find(robbery), std::string::npos);
  cfg.replace(cfg.find(robbery), robbery.size(), "\"Robery\"");
  d.write("cfg.json", cfg);
  auto r = run_hotspot("run " + d.file("cfg.json") + " -q", d);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string warning = "violent category 'Robery' matches no record; did you mean 'Robbery'?";
  EXPECT_NE(r.err.find("hotspot: warning: " + warning), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("hotspot: warning: priority area 'Raleigh' lies outside the extent of the data"), std::string::npos);
  EXPECT_NE(hotspot::testing::read_file(out + "/report.md").find(warning), std::string::npos);
  auto j = nlohmann::json::parse(hotspot::testing::read_file(out + "/report.json"));
  ASSERT_EQ(j["priority_areas"].size(), 3u);
  const auto& a = j["priority_areas"][0];
  const auto& b = j["priority_areas"][1];
  const auto& ral = j["priority_areas"][2];
  EXPECT_EQ(a["overlaps"], nlohmann::json::array({"B"}));
  EXPECT_EQ(b["overlaps"], nlohmann::json::array({"A"}));
  EXPECT_TRUE(ral["outside_data_extent"].get<bool>());
  EXPECT_EQ(ral["figures"]["incidents"], 0);
  EXPECT_GT(a["figures"]["incidents"].get<int>(), 0);
  EXPECT_GT(b["figures"]["incidents"].get<int>(), 0);
  const std::string md = hotspot::testing::read_file(out + "/report.md");
  EXPECT_NE(md.find("Overlaps B: incidents in the overlap are counted in each area"), std::string::npos);
  EXPECT_NE(md.find("priority area 'Raleigh' lies outside the extent of the data"), std::string::npos);
  EXPECT_TRUE(fs::exists(out + "/priority_areas.qml"));
}

}  // namespace
}  // namespace hotspot::cli
