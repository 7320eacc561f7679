// `hotspot ohsa`: the choices it prints and writes with the layer; its Gi* equals `hotspot gistar` run with the
// flags it reports; ArcGIS's minimums refused before any file is written.
#include "cli/commands/ohsa_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "geo/audit/layer_metadata.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

namespace ht = hotspot::testing;
using ht::TempDir;

const std::string kCharlotte = ht::charlotte("cmpd_incidents_sample.csv") +
                               " --x-col X_COORD_PUBLIC --y-col Y_COORD_PUBLIC --source-crs EPSG:2264 -q";

// The GeoJSON text with the "hotspot_ohsa" member the stage added taken out again.
std::string without_member(std::string text) {
  const size_t at = text.find("\n\"hotspot_ohsa\": ");
  if (at == std::string::npos) return text;
  const size_t end = text.find("},", at);
  return text.erase(at, end + 2 - at);
}

TEST(OhsaCommandTest, PrintsAndRecordsEveryChoiceWithArcGisFields) {
  TempDir d;
  const auto r = ht::run_hotspot("ohsa " + kCharlotte + " --curve " + d.file("isa.csv") + " -o " + d.file("ohsa.geojson"), d);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* line : {"outliers:", "cell size:", "units:", "band:", "Gi*:", "bins:", "curve:"})
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
  const auto j = nlohmann::json::parse(ht::read_file(d.file("ohsa.geojson")));
  const auto& m = j.at("hotspot_ohsa");
  EXPECT_EQ(m.at("incidents").get<int64_t>(), 5000);
  EXPECT_EQ(m.at("cell_shape"), "fishnet");
  for (const char* key : {"cell_size", "cell_size_rule", "band", "band_rule", "why_outliers", "why_cell_size", "why_units",
                          "why_band", "gistar"})
    EXPECT_TRUE(m.contains(key)) << key;
  ASSERT_GT(j.at("features").size(), 30u);
  EXPECT_EQ(j.at("features").size(), m.at("units").get<size_t>());
  for (const auto& f : j.at("features")) {
    const auto& p = f.at("properties");
    for (const char* field : {"SOURCE_ID", "Join_Count", "GiZScore", "GiPValue", "Gi_Bin", "NNeighbors"})
      ASSERT_TRUE(p.contains(field)) << field;
    EXPECT_GT(p.at("Join_Count").get<int64_t>(), 0);  // only the cells holding an incident
  }
  // The curve has `hotspot moran --incremental`'s columns, ten bands and its plot.
  std::istringstream csv(ht::read_file(d.file("isa.csv")));
  std::string header, row;
  std::getline(csv, header);
  EXPECT_EQ(header, "Distance,DistanceUnit,MoransI,ExpectedI,Variance,z_score,p_value,Peak");
  int rows = 0;
  while (std::getline(csv, row)) ++rows;
  EXPECT_EQ(rows, 10);
  EXPECT_EQ(ht::read_file(d.file("isa.png")).substr(1, 3), "PNG");
}

TEST(OhsaCommandTest, GiStarEqualsGistarRunWithTheReportedCellSizeAndBand) {
  for (const std::string extra : {"", " --cell-shape hexagon --extent 1390000,466000,1532000,604000"}) {
    SCOPED_TRACE(extra);
    TempDir d;
    const auto r = ht::run_hotspot("ohsa " + kCharlotte + extra + " -o " + d.file("ohsa.geojson"), d);
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string ohsa = ht::read_file(d.file("ohsa.geojson"));
    const std::string flags = nlohmann::json::parse(ohsa).at("hotspot_ohsa").at("gistar").get<std::string>();
    const auto g = ht::run_hotspot("gistar " + kCharlotte + " " + flags + " -o " + d.file("gistar.geojson"), d);
    ASSERT_EQ(g.code, 0) << g.err;
    EXPECT_EQ(without_member(ohsa), ht::read_file(d.file("gistar.geojson")));  // same bytes
  }
}

TEST(OhsaCommandTest, HexagonsAndGivenValuesAreReportedAsGiven) {
  TempDir d;
  const auto r = ht::run_hotspot("ohsa " + kCharlotte + " --cell-shape hexagon --cell-size 3000ft --band 9000ft -o " +
                                 d.file("hex.gpkg"), d);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto meta = read_file_metadata(d.file("hex.gpkg"));
  EXPECT_EQ(meta.at("HOTSPOT_OHSA_CELL_SHAPE"), "hexagon");
  EXPECT_EQ(meta.at("HOTSPOT_OHSA_CELL_SIZE"), "3000ft");
  EXPECT_EQ(meta.at("HOTSPOT_OHSA_CELL_SIZE_RULE"), "given");
  EXPECT_EQ(meta.at("HOTSPOT_OHSA_BAND"), "9000ft");
  EXPECT_EQ(meta.at("HOTSPOT_OHSA_BAND_RULE"), "given");
  EXPECT_NE(r.out.find("given with --band 9000ft"), std::string::npos) << r.out;
}

// A CSV of incidents in EPSG:2264 at the given points.
std::string incidents_csv(const TempDir& d, const std::vector<std::pair<double, double>>& xy) {
  std::string text = "id,x,y\n";
  for (size_t i = 0; i < xy.size(); ++i)
    text += std::to_string(i) + "," + std::to_string(xy[i].first) + "," + std::to_string(xy[i].second) + "\n";
  return d.write("in.csv", text) + " --x-col x --y-col y --source-crs EPSG:2264 -q";
}

void expect_refused(const std::string& args, const TempDir& d, const std::string& says) {
  const auto r = ht::run_hotspot("ohsa " + args + " -o " + d.file("out.gpkg") + " --curve " + d.file("isa.csv"), d);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(d.file("out.gpkg")));
  EXPECT_FALSE(std::filesystem::exists(d.file("isa.csv")));
  EXPECT_FALSE(std::filesystem::exists(d.file("out.qml")));
}

TEST(OhsaCommandTest, ArcGisMinimumsAreRefusedBeforeAnyFileIsWritten) {
  std::vector<std::pair<double, double>> few, one_place(80, {1450000.0, 520000.0}), two_cells, even;
  for (int i = 0; i < 59; ++i) few.push_back({1450000.0 + 37 * i, 520000.0 + 53 * (i % 7)});
  for (int i = 0; i < 80; ++i) two_cells.push_back({1450000.0 + (i % 2) * 5000 + i, 520000.0 + i});
  for (int r = 0; r < 10; ++r)
    for (int c = 0; c < 10; ++c) even.push_back({1450500.0 + 1000 * c, 520500.0 + 1000 * r});
  {
    TempDir d;
    expect_refused(incidents_csv(d, few), d, "needs at least 60 incidents");
  }
  {
    TempDir d;
    expect_refused(incidents_csv(d, one_place), d, "incidents are at one location");
  }
  {
    TempDir d;
    expect_refused(incidents_csv(d, two_cells) + " --cell-size 2000ft", d, "needs at least 30");
  }
  {
    TempDir d;
    expect_refused(incidents_csv(d, even) + " --cell-size 1000ft --extent 1450000,520000,1460000,530000", d,
                   "zero variance");
  }
}

TEST(OhsaCommandTest, CurveWithAGivenBandIsAUsageError) {
  TempDir d;
  const auto r = ht::run_hotspot("ohsa " + kCharlotte + " --band 5000ft --curve " + d.file("isa.csv") + " -o " + d.file("o.gpkg"), d);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_TRUE(d.entries().empty());
}

}  // namespace
}  // namespace hotspot::cli
