// --profile public on every command that writes outputs: each command's public outputs pass check-public against the
// bundled incidents, and the same command with the internal profile fails it (so the audit can fail on that output);
// a command whose own audit fails writes nothing; lengths finer than the generalisation distance, and outputs the
// public profile never writes, are refused before the input is read.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "geo/audit/layer_metadata.h"
#include "geo/read/csv_reader.h"
#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

namespace fs = std::filesystem;

const std::string kIncidents = charlotte("cmpd_incidents_sample.csv") + " --crs EPSG:2264";

CommandRun audit(const std::string& dir, const TempDir& d, const std::string& extra = "") {
  return run_hotspot("check-public " + dir + " --incidents " + kIncidents + " -q" + extra, d);
}

// Runs `command` (writing into OUT, the placeholder) internal into d/internal and public into d/public; each audit
// is run on its folder. Returns {internal audit, public audit}.
struct Audits {
  CommandRun internal, publishable;
};
// `internal_extra` goes on the internal run only (an output the public profile refuses).
Audits run_both(const std::string& command, const TempDir& d, const std::string& audit_extra = "",
                const std::string& internal_extra = "") {
  Audits a;
  for (const std::string profile : {"internal", "public"}) {
    const std::string dir = d.file(profile);
    fs::create_directories(dir);
    std::string c = command;
    if (profile == std::string("internal")) c += internal_extra;
    for (size_t at; (at = c.find("OUT")) != std::string::npos;) c.replace(at, 3, dir);
    const CommandRun r = run_hotspot(c + " -q --profile " + profile, d);
    EXPECT_EQ(r.code, 0) << profile << ": " << c << "\n" << r.err;
    (profile == std::string("public") ? a.publishable : a.internal) = audit(dir, d, audit_extra);
  }
  EXPECT_EQ(a.publishable.code, 0) << a.publishable.out << a.publishable.err;
  EXPECT_NE(a.publishable.out.find(": PASS: 0 finding(s)"), std::string::npos) << a.publishable.out;
  EXPECT_EQ(a.internal.code, 1) << a.internal.out << a.internal.err;
  return a;
}

TEST(PublicProfileCommandsTest, KdeWithHotZones) {
  TempDir d;
  // Internal: the rejects file holds the raw records (those outside the study area with their coordinates); public
  // refuses it, so only the internal run is given one.
  run_both("kde " + kIncidents + " --study-area " + charlotte("charlotte_city_limits.geojson") +
               " -r 2000ft --cell-size 200ft -o OUT/density.tif --hot-zones OUT/hot.geojson --top 5",
           d, "", " --rejects OUT/rejects.csv");
  EXPECT_TRUE(fs::exists(d.file("public/density.tif")));
  EXPECT_TRUE(fs::exists(d.file("public/hot.geojson")));
}

TEST(PublicProfileCommandsTest, Gistar) {
  TempDir d;
  run_both("gistar " + kIncidents + " --cell-size 1000ft -o OUT/cells.geojson", d);
  const std::vector<Feature> cells = read_features(d.file("public/cells.geojson"));
  ASSERT_FALSE(cells.empty());
  int suppressed = 0;
  for (const Feature& f : cells) {
    const std::string n = f.fields.at("Join_Count");
    if (!n.empty()) {
      EXPECT_FALSE(std::stoll(n) == 1 || std::stoll(n) == 2) << n;
    }
    suppressed += f.fields.at("SUPPRESSED") == "1";
  }
  EXPECT_GT(suppressed, 0);
}

// OHSA chooses its cells from the data: under the public profile a choice finer than the generalisation distance
// is raised to it and says so. The bundled sample's choice (about 1,511 ft) passes 300 m and is raised to 600 m.
TEST(PublicProfileCommandsTest, OhsaRaisesItsCellsToTheGeneralisation) {
  TempDir d;
  run_both("ohsa " + kIncidents + " --study-area " + charlotte("charlotte_city_limits.geojson") +
                                " -o OUT/ohsa.geojson",
                            d);
  const std::string internal = run_hotspot("ohsa " + kIncidents + " -o " + d.file("i.geojson") + " -q", d).out;
  EXPECT_EQ(internal.find("generalisation"), std::string::npos) << internal;
  CommandRun pub = run_hotspot("ohsa " + kIncidents + " -o " + d.file("p.geojson") + " --profile public", d);
  ASSERT_EQ(pub.code, 0) << pub.err;
  EXPECT_EQ(pub.out.find("raised to the public profile"), std::string::npos) << pub.out;
  pub = run_hotspot("ohsa " + kIncidents + " -o " + d.file("p600.geojson") + " --profile public --generalisation 600m", d);
  ASSERT_EQ(pub.code, 0) << pub.err;
  EXPECT_NE(pub.out.find("ft: raised to the public profile's generalisation distance 600m"),
            std::string::npos) << pub.out;
  EXPECT_NE(pub.out.find("cell size: 1968."), std::string::npos) << pub.out;  // 600 m in US survey feet
  const CommandRun fine = run_hotspot("ohsa " + kIncidents + " --cell-size 500ft -o " + d.file("f.geojson") +
                                          " --profile public -q", d);
  EXPECT_EQ(fine.code, 2);
  EXPECT_NE(fine.err.find("--cell-size"), std::string::npos) << fine.err;
  EXPECT_FALSE(fs::exists(d.file("f.geojson")));
}

TEST(PublicProfileCommandsTest, MoranLocal) {
  TempDir d;
  run_both("moran " + kIncidents + " --cell-size 1000ft --band 3000ft --local -o OUT/lisa.gpkg", d);
  // The GeoPackage carries the profile as GDAL metadata on its layer; the internal one carries none.
  const std::map<std::string, std::string> pub = read_file_metadata(d.file("public/lisa.gpkg"));
  EXPECT_EQ(pub.at("HOTSPOT_PRIVACY_PROFILE"), "public");
  EXPECT_EQ(pub.at("HOTSPOT_PRIVACY_MIN_COUNT"), "3");
  EXPECT_EQ(pub.at("HOTSPOT_PRIVACY_GENERALISATION"), "300m");
  EXPECT_EQ(read_file_metadata(d.file("internal/lisa.gpkg")).count("HOTSPOT_PRIVACY_PROFILE"), 0u);
}

TEST(PublicProfileCommandsTest, Emerging) {
  TempDir d;
  run_both("emerging " + kIncidents + " --date-col DATE_REPORTED --cell-size 1000ft --time-step 3months -o OUT/emerging.geojson", d);
}

TEST(PublicProfileCommandsTest, NearRepeat) {
  TempDir d;
  // Short bands: the close, recent pairs are few, so the internal table has counts below k.
  run_both("near-repeat " + kIncidents + " --date-col DATE_REPORTED --distance-bands 100ft,400ft,1600ft "
           "--time-bands 0,2d,7d,14d --permutations 19 -o OUT/nr.csv",
           d);
  const std::string md = read_file(d.file("public/nr.md"));
  EXPECT_NE(md.find("< 3 obs"), std::string::npos) << md;
}

TEST(PublicProfileCommandsTest, GeocodeHundredBlocks) {
  TempDir d;
  // The bundled incidents are published at hundred-block points, so the public points coincide with incidents; the
  // audit accepts a point shared by at least k incidents (--k-shared), which the internal placed records are not all.
  run_both("geocode " + charlotte("cmpd_incidents_sample.csv") + " --address-col LOCATION --learn-blocks "
           "--hundred-blocks --x-col X_COORD_PUBLIC --y-col Y_COORD_PUBLIC --source-crs EPSG:2264 --crs EPSG:2264 "
           "--point-generalisation hundred_block -o OUT/placed.geojson",
           d, " --k-shared");
  for (const Feature& f : read_features(d.file("public/placed.geojson"))) {
    ASSERT_EQ(f.fields.size(), 1u);  // no field of the records
    EXPECT_GE(f.integer("INCIDENTS"), 3);
  }
  EXPECT_FALSE(fs::exists(d.file("public/placed.rejects.csv")));
}

TEST(PublicProfileCommandsTest, DisparityOwnMinCountIsK) {
  TempDir d;
  const std::string stops = "disparity " + charlotte("cmpd_traffic_stops_2016_2017.tsv.gz") +
                            " --group driver_race --group-rule hispanic-first --reference-group White --outcome "
                            "search_conducted=Yes --by cmpd_division --report ";
  fs::create_directories(d.file("internal"));
  fs::create_directories(d.file("public"));
  ASSERT_EQ(run_hotspot(stops + d.file("internal/d.md") + " --min-count 0 -q", d).code, 0);
  const std::string zones = " --zones " + charlotte("police_divisions/CMPD_Police_Divisions.shp") +
                            " --zone-key DNAME -o " + d.file("public/d.gpkg");
  const CommandRun pub = run_hotspot(stops + d.file("public/d.md") + zones + " --min-count 5 -q --profile public", d);
  ASSERT_EQ(pub.code, 0) << pub.err;
  EXPECT_EQ(read_file_metadata(d.file("public/d.gpkg")).at("HOTSPOT_PRIVACY_MIN_COUNT"), "5");
  EXPECT_EQ(audit(d.file("public"), d, " --min-count 5").code, 0);
  EXPECT_EQ(audit(d.file("internal"), d, " --min-count 5").code, 1);
  const CommandRun none = run_hotspot(stops + d.file("x.md") + " --min-count 0 -q --profile public", d);
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("--min-count 0: the public profile needs k of at least 2"), std::string::npos) << none.err;
}

TEST(PublicProfileCommandsTest, OutputsFailingTheirAuditAreRemoved) {
  TempDir d;
  // The density's metadata names its input (SOURCE); an input named after the first incident's published lon/lat
  // puts that position in the GeoTIFF, which the command's own audit finds.
  CsvReader csv(charlotte("cmpd_incidents_sample.csv"));
  const int lon = csv.column("LONGITUDE_PUBLIC"), lat = csv.column("LATITUDE_PUBLIC");
  const auto first = csv.next();
  const std::string input = d.file("at " + first->fields[lon] + " " + first->fields[lat] + ".csv");
  fs::copy_file(charlotte("cmpd_incidents_sample.csv"), input);
  const CommandRun r = run_hotspot("kde '" + input + "' --crs EPSG:2264 -r 2000ft --cell-size 400ft -o " +
                                       d.file("density.tif") + " --hot-zones " + d.file("hot.shp") +
                                       " --top 5 -q --profile public",
                                   d);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("failed the audit"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("density.tif: dataset metadata SOURCE"), std::string::npos) << r.err;
  EXPECT_EQ(d.entries(), std::vector<std::string>{fs::path(input).filename().string()});  // nothing else left
  const CommandRun cube = run_hotspot("emerging " + d.file("not_read.csv") + " --crs EPSG:2264 --cell-size 1000ft "
                                      "--time-step 1year -o " + d.file("e.gpkg") + " --cube-csv " + d.file("c.csv") +
                                      " --profile public -q",
                                      d);
  EXPECT_EQ(cube.code, 2);
  EXPECT_NE(cube.err.find("--cube-csv: not written with the public profile"), std::string::npos) << cube.err;
  EXPECT_FALSE(fs::exists(d.file("e.gpkg")));
}

TEST(PublicProfileCommandsTest, FineLengthsAndRejectsAreRefusedBeforeTheInputIsRead) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"kde NOT_READ --crs EPSG:2264 -r 500ft -o OUT.tif", "--radius 500ft is finer than the public profile's"},
      {"kde NOT_READ --crs EPSG:2264 -o OUT.tif", "--radius: the public profile needs it given"},
      {"kde NOT_READ --crs EPSG:2264 --kernel gaussian --sigma 100m -o OUT.tif", "--sigma 100m is finer"},
      {"gistar NOT_READ --crs EPSG:2264 --cell-size 200ft -o OUT.geojson", "--cell-size 200ft is finer"},
      {"moran NOT_READ --crs EPSG:2264 --cell-size 200ft", "--cell-size 200ft is finer"},
      {"emerging NOT_READ --crs EPSG:2264 --cell-size 200ft --time-step 1year -o OUT.gpkg", "--cell-size 200ft is finer"},
      {"emerging NOT_READ --crs EPSG:2264 --cell-size 2000ft --time-step 1year -o OUT.gpkg --generalisation 1km",
       "--cell-size 2000ft is finer than the public profile's generalisation 1km"},
      {"gistar NOT_READ --crs EPSG:2264 --cell-size 1000ft -o OUT.geojson --rejects OUT.csv",
       "--rejects: not written with the public profile"},
      {"geocode NOT_READ --address-col LOCATION --learn-blocks --crs EPSG:2264 -o OUT.csv",
       "--point-generalisation omit: hotspot geocode writes the placed records"},
      {"geocode NOT_READ --address-col LOCATION --learn-blocks --crs EPSG:2264 -o OUT.csv --point-generalisation "
       "donut --donut-min 5m",
       "privacy.donut_min 5m must be above the audit's distance 10m"}};
  for (const auto& [command, message] : cases) {
    TempDir d;
    std::string c = command;
    c.replace(c.find("NOT_READ"), 8, d.file("not_read.csv"));
    for (size_t at; (at = c.find("OUT")) != std::string::npos;) c.replace(at, 3, d.file("out"));
    const CommandRun r = run_hotspot(c + " --profile public -q", d);
    EXPECT_EQ(r.code, 2) << c << "\n" << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << c << "\n" << r.err;
    EXPECT_TRUE(d.entries().empty() || (d.entries().size() == 1 && d.entries()[0] == "not_read.csv")) << c;
  }
}

// `hotspot info --profile public` prints a summary that may be posted: every count shown is 0 or at least k, every
// count hidden is listed with why, no hidden count can be got back from a shown total (records in = accepted +
// rejected, accepted = the sum over categories, rejected = the sum over reasons), the shown counts are the internal
// ones, and the extent is the internal one widened to whole multiples of the generalisation distance. The rejects
// file is refused before the input is read.
TEST(PublicProfileCommandsTest, InfoSuppressesSmallCountsAndWidensTheExtent) {
  TempDir d;
  const CommandRun internal = run_hotspot("info " + kIncidents + " --json -q", d);
  ASSERT_EQ(internal.code, 0) << internal.err;
  const CommandRun pub = run_hotspot("info " + kIncidents + " --json -q --profile public --min-count 5", d);
  ASSERT_EQ(pub.code, 0) << pub.err;
  const nlohmann::json a = nlohmann::json::parse(internal.out), p = nlohmann::json::parse(pub.out);
  EXPECT_NE(p.at("privacy").get<std::string>().find("k = 5"), std::string::npos);
  const nlohmann::json& hidden = p.at("suppressed");
  int64_t hidden_categories = 0, shown_sum = 0;
  for (const auto& [name, n] : p.at("category_counts").items()) {
    const int64_t was = a.at("category_counts").at(name).get<int64_t>();
    if (n.is_null()) {
      ++hidden_categories;
      EXPECT_TRUE(hidden.contains("category_counts." + name)) << name;
      continue;
    }
    EXPECT_EQ(n.get<int64_t>(), was) << name;
    EXPECT_TRUE(was == 0 || was >= 5) << name;
    shown_sum += was;
  }
  for (const auto& [name, was] : a.at("category_counts").items())  // every internal category below k is hidden
    if (was.get<int64_t>() > 0 && was.get<int64_t>() < 5) {
      EXPECT_TRUE(p.at("category_counts").at(name).is_null()) << name;
    }
  ASSERT_GE(hidden_categories, 2) << "the sample has rare categories; one hidden alone would follow from the total";
  EXPECT_LT(shown_sum, a.at("accepted").get<int64_t>());
  EXPECT_EQ(p.at("records_in"), a.at("records_in"));
  const double step_ft = 300.0 / (1200.0 / 3937.0);  // 300 m in US survey feet (EPSG:2264)
  for (const char* edge : {"min_x", "min_y", "max_x", "max_y"}) {
    const double w = p.at("extent").at(edge).get<double>(), was = a.at("extent").at(edge).get<double>();
    EXPECT_NEAR(w / step_ft, std::round(w / step_ft), 1e-6) << edge;
    EXPECT_TRUE(edge[1] == 'i' ? w <= was : w >= was) << edge;
    EXPECT_NE(w, was) << edge;
  }
  const CommandRun text = run_hotspot("info " + kIncidents + " -q --profile public --min-count 5 --top-categories 200", d);
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("privacy:   public: k = 5"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("     <5  "), std::string::npos) << text.out;
  const CommandRun rejects =
      run_hotspot("info " + kIncidents + " -q --profile public --rejects " + d.file("rejects.csv"), d);
  EXPECT_EQ(rejects.code, 2);
  EXPECT_NE(rejects.err.find("--rejects"), std::string::npos) << rejects.err;
  EXPECT_FALSE(fs::exists(d.file("rejects.csv")));
}

// `hotspot map` draws the layers it is given: with --profile public it needs the incidents to audit what it writes
// against. A layer of two incidents' own positions fails the audit and nothing is kept; the city limits pass; the
// audit of the internal map of the incident layer fails too (the audit can fail on map.html).
TEST(PublicProfileCommandsTest, MapAuditsWhatItDrawsAgainstTheIncidents) {
  TempDir d;
  const std::string limits = "--layer 'Limits=" + charlotte("charlotte_city_limits.geojson") + ":context'";
  CommandRun r = run_hotspot("map " + limits + " -o " + d.file("m") + " --profile public -q", d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("map --profile public: give --incidents INPUT"), std::string::npos) << r.err;
  r = run_hotspot("map " + limits + " -o " + d.file("m") + " --incidents " + kIncidents + " -q", d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--incidents is read only for the audit of --profile public"), std::string::npos) << r.err;
  EXPECT_TRUE(d.entries().empty());
  // The first two incidents of the bundled sample at their published lon/lat.
  d.write("two.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[-80.895782,35.145876]}},
    {"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[-80.895782,35.145876]}}]})");
  const std::string points = "--layer 'Incidents=" + d.file("two.geojson") + ":points' --no-png --no-qgis";
  r = run_hotspot("map " + points + " -o " + d.file("exposed") + " --profile public --incidents " + kIncidents + " -q", d);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("map.html"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d.file("exposed/map.html")));
  r = run_hotspot("map " + points + " -o " + d.file("internal") + " -q", d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(audit(d.file("internal"), d).code, 1);
  r = run_hotspot("map " + limits + " -o " + d.file("public") + " --profile public --incidents " + kIncidents + " -q", d);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* f : {"map.html", "map_preview.png", "hotspot.qgs"}) EXPECT_TRUE(fs::exists(d.file(std::string("public/") + f))) << f;
  const CommandRun check = audit(d.file("public"), d);
  EXPECT_EQ(check.code, 0) << check.out;
}

}  // namespace
}  // namespace hotspot::testing
