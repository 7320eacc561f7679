#include "cli/commands/moran_command.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/engine/hotspot/moran_golden.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::read_file;
using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;

// The golden job of data/golden/moran: CMPD incidents in EPSG:2264, 2000 ft cells, 6000 ft band.
const std::string kCharlotte = hotspot::testing::charlotte("cmpd_incidents_sample.csv") +
                               " --x-col X_COORD_PUBLIC --y-col Y_COORD_PUBLIC --source-crs EPSG:2264 "
                               "--cell-size 2000ft --band 6000ft --extent 1390000,466000,1532000,604000 -q";

TEST(MoranCommandTest, PrintsTheGlobalResultOfSpdep) {
  TempDir d;
  const auto r = run_hotspot("moran " + kCharlotte + " --standardisation none", d);
  ASSERT_EQ(r.code, 0) << r.err;
  // spdep_global.csv, count style B: I 0.31563052462, z 82.4054525801.
  EXPECT_NE(r.out.find("Moran's I: 0.315631"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("z 82.4055"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("4899 analysed of 4899 fishnet cells"), std::string::npos) << r.out;
  EXPECT_TRUE(d.entries().empty());  // global only: no layer
}

TEST(MoranCommandTest, LocalLayerCarriesArcGisFieldsEqualToSpdep) {
  TempDir d;
  const auto r = run_hotspot("moran " + kCharlotte + " --local -o " + d.file("lisa.geojson"), d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Moran's I: 0.308378"), std::string::npos) << r.out;  // style W
  const auto cells = hotspot::testing::read_text_columns("cells_2000ft.csv");
  const auto ref = hotspot::testing::read_text_columns("spdep_local_W.csv");
  const auto j = nlohmann::json::parse(read_file(d.file("lisa.geojson")));
  ASSERT_EQ(j["features"].size(), 4899u);
  const std::map<std::string, std::string> quadrant{
      {"HH", "High-High"}, {"LL", "Low-Low"}, {"HL", "High-Low"}, {"LH", "Low-High"}};
  size_t bad = 0, counts_differ = 0, typed = 0;
  for (const auto& f : j["features"]) {
    const auto& p = f["properties"];
    const size_t id = p["SOURCE_ID"].get<size_t>();
    ASSERT_LT(id, 4899u);
    counts_differ += p["Join_Count"].get<int64_t>() != std::stoll(cells.at("count")[id]);
    const double ii = std::stod(ref.at("Ii")[id]), z = std::stod(ref.at("Z_cond")[id]), pv = std::stod(ref.at("P_cond")[id]);
    if (!(hotspot::testing::near_1e9(p["LMiIndex"].get<double>(), ii) &&
          hotspot::testing::near_1e9(p["LMiZScore"].get<double>(), z) &&
          hotspot::testing::near_1e9(p["LMiPValue"].get<double>(), pv)))
      ++bad;
    const std::string type = p["COType"].get<std::string>();
    EXPECT_EQ(type.empty(), pv > 0.05) << "cell " << id;
    if (!type.empty()) {
      ++typed;
      EXPECT_EQ(quadrant.at(type), ref.at("quadrant")[id]) << "cell " << id;
    }
  }
  EXPECT_EQ(bad, 0u);
  EXPECT_EQ(counts_differ, 0u);
  EXPECT_GT(typed, 400u);
  const std::string qml = read_file(d.file("lisa.qml"));
  EXPECT_NE(qml.find("attr=\"COType\""), std::string::npos);
  EXPECT_NE(qml.find("High-High Cluster"), std::string::npos);
}

// --incremental: the curve's CSV equals spdep over the same ten bands (make_spdep_incremental.R) and its plot is a
// PNG; the bands default to ArcGIS's start (every cell has a neighbour) and step (the mean nearest-neighbour distance).
TEST(MoranCommandTest, IncrementalCurveEqualsSpdepAndHasItsPlot) {
  TempDir d;
  const auto r = run_hotspot("moran " + kCharlotte + " --incremental " + d.file("isa.csv"), d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("incremental: 10 fixed distance bands from 2000 by 2000 US survey foot"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no peak"), std::string::npos) << r.out;
  std::istringstream csv(read_file(d.file("isa.csv")));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "Distance,DistanceUnit,MoransI,ExpectedI,Variance,z_score,p_value,Peak");
  const auto ref = hotspot::testing::read_text_columns("spdep_incremental.csv");
  size_t rows = 0;
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    ASSERT_GE(f.size(), 7u) << line;
    ASSERT_EQ(ref.at("style")[rows], "W");
    EXPECT_EQ(std::stod(f[0]), std::stod(ref.at("distance")[rows]));
    EXPECT_EQ(f[1], "US survey foot");
    EXPECT_TRUE(hotspot::testing::near_1e9(std::stod(f[2]), std::stod(ref.at("I")[rows]))) << line;
    EXPECT_TRUE(hotspot::testing::near_1e9(std::stod(f[5]), std::stod(ref.at("z")[rows]))) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 10u);
  EXPECT_EQ(read_file(d.file("isa.png")).substr(1, 3), "PNG");
}

TEST(MoranCommandTest, IncrementalNeedsACsvAndFixedBands) {
  TempDir d;
  auto r = run_hotspot("moran " + kCharlotte + " --incremental " + d.file("isa.txt"), d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("written as .csv"), std::string::npos) << r.err;
  r = run_hotspot("moran " + kCharlotte + " --weights idw1 --incremental " + d.file("isa.csv"), d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("fixed distance bands"), std::string::npos) << r.err;
  EXPECT_TRUE(d.entries().empty());
}

// Runs `hotspot moran --local` on incidents in EPSG:32617 over 1000 m cells of `extent`: exit 1 with `message`,
// and nothing written beside the input.
void expect_input_error(const std::string& csv, const std::string& extent, const std::string& message) {
  TempDir d;
  d.write("in.csv", "x,y\n" + csv);
  const auto r = run_hotspot("moran " + d.file("in.csv") + " --source-crs EPSG:32617 --cell-size 1000m --extent " +
                                 extent + " --local -o " + d.file("out.gpkg"),
                             d);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  EXPECT_EQ(d.entries(), std::vector<std::string>{"in.csv"});
}

// Four incidents, one in each cell of a 2 x 2 grid: every unit has the value 1.
TEST(MoranCommandTest, ZeroVarianceIsAClearErrorAndWritesNothing) {
  expect_input_error("500500,3900500\n501500,3900500\n500500,3901500\n501500,3901500\n",
                     "500000,3900000,502000,3902000", "zero variance");
}

TEST(MoranCommandTest, TooFewUnitsIsAClearErrorAndWritesNothing) {
  expect_input_error("500500,3900500\n501500,3900500\n501600,3900500\n", "500000,3900000,503000,3901000",
                     "only 3 analysis unit(s)");
}

TEST(MoranCommandTest, OutputWithoutLocalAndLocalWithoutOutputAreUsageErrors) {
  TempDir d;
  auto r = run_hotspot("moran " + kCharlotte + " -o " + d.file("x.gpkg"), d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("add --local"), std::string::npos) << r.err;
  r = run_hotspot("moran " + kCharlotte + " --local", d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("-o"), std::string::npos) << r.err;
  EXPECT_TRUE(d.entries().empty());
}

}  // namespace
}  // namespace hotspot::cli
