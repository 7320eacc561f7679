// Every command on the inputs that break analyses written for real data: no record, one record, and records that all
// weigh 0. For Gi* every unit kind (fishnet, hexagons, zones) x value kind (count, sum, rate) x weights scheme is
// run. Each run must end with exit 0, 1 or 2 and, when it fails, a message and no output left behind; never a
// signal. Under the sanitizer build (scripts/test.sh) a read of an empty vector or a null reference aborts the
// process, so this sweep is where such a crash shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::CommandRun;
using testing::TempDir;

// Three inputs in NC State Plane feet (EPSG:2264), inside the Charlotte police divisions.
enum class Tiny { no_record, one_record, zero_weights };

std::string tiny_csv(Tiny t) {
  std::string s = "x,y,w,pop,DATE_REPORTED,ADDRESS\n";
  if (t == Tiny::one_record) s += "1450000,540000,2,10,2024-03-05,100 N TRYON ST\n";
  if (t == Tiny::zero_weights)
    for (int i = 0; i < 6; ++i)
      s += std::to_string(1440000 + 3000 * i) + "," + std::to_string(530000 + 2000 * i) + ",0,0,2024-03-0" +
           std::to_string(i + 1) + ",100 N TRYON ST\n";
  return s;
}

const char* tiny_name(Tiny t) {
  switch (t) {
    case Tiny::no_record: return "no_record";
    case Tiny::one_record: return "one_record";
    case Tiny::zero_weights: return "zero_weights";
  }
  return "";
}

constexpr const char* kInputFlags = " --x-col x --y-col y --source-crs EPSG:2264 --crs EPSG:2264";

// Runs `args` in `dir` (where the input already is) and checks the ending: 0, 1 or 2; on failure a message and
// nothing written besides the input.
void expect_clean_ending(const TempDir& dir, const std::string& args) {
  const CommandRun r = testing::run_hotspot(args, dir);
  SCOPED_TRACE("hotspot " + args + "\nstderr: " + r.err);
  EXPECT_TRUE(r.code == 0 || r.code == 1 || r.code == 2) << "exit " << r.code;
  EXPECT_EQ(r.err.find("runtime error"), std::string::npos);
  EXPECT_EQ(r.err.find("Sanitizer"), std::string::npos);
  if (r.code != 0) {
    EXPECT_NE(r.err.find("hotspot"), std::string::npos) << "a failure must say why";
    std::vector<std::string> left = dir.entries();
    std::erase(left, std::string("in.csv"));
    std::erase(left, std::string("run.json"));
    EXPECT_TRUE(left.empty()) << "left behind: " << (left.empty() ? "" : left[0]);
  }
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    if (e.path().filename() != "in.csv" && e.path().filename() != "run.json") std::filesystem::remove_all(e.path());
}

class TinyInputSweep : public ::testing::TestWithParam<Tiny> {
 protected:
  TempDir dir;
  std::string input;
  void SetUp() override { input = dir.write("in.csv", tiny_csv(GetParam())); }
};

TEST_P(TinyInputSweep, InfoKdeGeocode) {
  expect_clean_ending(dir, "info " + input + kInputFlags);
  for (const char* kernel : {"quartic", "uniform", "triangular", "triweight"})
    for (const char* weight : {"", " --weight-col w"})
      expect_clean_ending(dir, "kde " + input + kInputFlags + weight + " --kernel " + kernel + " -o " + dir.file("d.tif") + " -q");
  expect_clean_ending(dir, "kde " + input + kInputFlags + " --kernel gaussian --sigma 500ft -o " + dir.file("d.tif") + " -q");
  expect_clean_ending(dir, "kde " + input + kInputFlags + " -o " + dir.file("d.tif") + " -q");  // ArcGIS default radius
  expect_clean_ending(dir, "geocode " + input + " --address-col ADDRESS --reference intersections=" +
                               testing::charlotte("cdot_signals.csv") + "?intersection=UNITDESC -o " +
                               dir.file("placed.csv") + " -q");
}

TEST_P(TinyInputSweep, GistarEveryUnitValueAndWeights) {
  const std::vector<std::string> units = {
      " --cell-size 1000ft", " --hex --cell-size 1000ft",
      " --zones " + testing::charlotte("police_divisions/CMPD_Police_Divisions.shp") + " --zone-id DIVISION"};
  const std::vector<std::string> values = {"count", "sum:w", "rate:w/pop"};
  const std::vector<std::string> weights = {"band", "idw1", "knn:3", "contiguity-edges"};
  for (const std::string& u : units)
    for (const std::string& v : values)
      for (const std::string& w : weights)
        expect_clean_ending(dir, "gistar " + input + kInputFlags + u + " --value " + v + " --weights " + w +
                                     " --permutations 9 -o " + dir.file("g.geojson") + " -q");
}

TEST_P(TinyInputSweep, Run) {
  const std::string config = R"({
    "title": "tiny",
    "input": { "path": "in.csv", "x_column": "x", "y_column": "y", "source_crs": "EPSG:2264", "analysis_crs": "EPSG:2264" },
    "output": { "folder": "out" },
    "kde": { "radius": "2000ft", "cell_size": "500ft" },
    "gistar": { "cell_size": "1000ft", "permutations": 9 },
    "map": { "enabled": false }
  })";
  dir.write("run.json", config);
  expect_clean_ending(dir, "run " + dir.file("run.json") + " -q");
}

// A surface with every cell 0 is refused rather than written as a map of nothing.
TEST(TinyInputTest, KdeWhoseEveryCellIsZeroIsRefused) {
  TempDir dir;
  const std::string input = dir.write("in.csv", tiny_csv(Tiny::zero_weights));
  const CommandRun r = testing::run_hotspot("kde " + input + kInputFlags + " --weight-col w --radius 2000ft -o " +
                                                dir.file("d.tif") + " -q", dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("in.csv: every cell of the density grid is 0 (6 points, weights summing to 0)"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("d.tif")));
  const CommandRun counted = testing::run_hotspot("kde " + input + kInputFlags + " --radius 2000ft -o " +
                                                      dir.file("d.tif") + " -q", dir);
  EXPECT_EQ(counted.code, 0) << counted.err;  // the same points unweighted
}

INSTANTIATE_TEST_SUITE_P(Inputs, TinyInputSweep,
                         ::testing::Values(Tiny::no_record, Tiny::one_record, Tiny::zero_weights),
                         [](const ::testing::TestParamInfo<Tiny>& i) { return std::string(tiny_name(i.param)); });

}  // namespace
}  // namespace hotspot
