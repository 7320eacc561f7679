// Gi* on sparse counts: a warning when the mean count per unit is below 1 or most units are empty, and when the
// FDR bins collapse to one critical p (checked against the layer: then no unit is in a 90 or 95 % bin).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

// `n` points in fishnet cell (i, j) of a 10 x 10 grid of 1,000 m cells from (500000, 3900000), UTM 17N.
std::string cell_points(int i, int j, int n) {
  std::string s;
  for (int k = 0; k < n; ++k)
    s += std::to_string(500000 + i * 1000 + 100 + k * 7) + "," + std::to_string(3900000 + j * 1000 + 100 + k * 5) + "\n";
  return s;
}

struct GistarRun {
  std::string err;
  nlohmann::json layer;
};

GistarRun gistar(const TempDir& d, const std::string& name, const std::string& csv) {
  d.write(name + ".csv", "x,y\n" + csv);
  auto r = testing::run_hotspot("gistar " + d.file(name + ".csv") + " --source-crs EPSG:32617 --cell-size 1000m "
                                "--extent 500000,3900000,510000,3910000 -q -o " + d.file(name + ".geojson"), d);
  EXPECT_EQ(r.code, 0) << r.err;
  return {r.err, nlohmann::json::parse(testing::read_file(d.file(name + ".geojson")))};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kMeanBelowOne = "Gi*: sparse data: 0.3 incidents per unit on average (below 1)";
const char* kMostEmpty = "Gi*: sparse data: 60 of 100 units have no incident";
const char* kCollapsed = "every significant unit falls in the 99 % bin, so the bins do not grade confidence";

TEST(GistarSparseTest, FewIncidentsPerUnitOrMostUnitsEmptyAreWarned) {
  TempDir d;
  const GistarRun few = gistar(d, "few", cell_points(3, 3, 30));  // 30 incidents in 100 cells
  EXPECT_TRUE(has(few.err, kMeanBelowOne)) << few.err;
  EXPECT_TRUE(has(few.err, "use a larger --cell-size, or --zones")) << few.err;
  std::string csv;
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 4; ++j) csv += cell_points(i, j, 3);  // 120 incidents in 40 of 100 cells: mean 1.2
  const GistarRun empty = gistar(d, "empty", csv);
  EXPECT_TRUE(has(empty.err, kMostEmpty)) << empty.err;
  EXPECT_FALSE(has(empty.err, "on average")) << empty.err;
  csv.clear();
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 10; ++j) csv += cell_points(i, j, (i + j) % 2 ? 4 : 6);  // a checkerboard: nothing sparse
  const GistarRun even = gistar(d, "even", csv);
  EXPECT_FALSE(has(even.err, "sparse data")) << even.err;
  EXPECT_FALSE(has(even.err, kCollapsed)) << even.err;
}

TEST(GistarSparseTest, FdrBinsCollapsingToOneCriticalPAreWarned) {
  TempDir d;
  std::string csv;
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 10; ++j) csv += cell_points(i, j, i == 5 && j == 5 ? 60 : 2);  // one extreme cell
  const GistarRun hot = gistar(d, "hot", csv);
  EXPECT_TRUE(has(hot.err, kCollapsed)) << hot.err;
  EXPECT_FALSE(has(hot.err, "sparse data")) << hot.err;
  int significant = 0;
  for (const auto& f : hot.layer["features"]) {
    const int bin = f["properties"]["Gi_Bin"].get<int>();
    EXPECT_TRUE(bin == 0 || bin == 3 || bin == -3) << bin;  // what the warning says: no graded bins
    significant += bin != 0;
  }
  EXPECT_GT(significant, 0);
}

}  // namespace
}  // namespace hotspot
