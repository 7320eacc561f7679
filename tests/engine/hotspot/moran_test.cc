#include "engine/hotspot/moran.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "engine/hotspot/analysis_units.h"
#include "tests/engine/hotspot/moran_golden.h"

namespace hotspot {
namespace {

using testing::near_1e9;

TEST(MoranTest, MatchesSpdepMoranTestOnCharlotteCells) {
  const testing::TextColumns cells = testing::read_text_columns("cells_2000ft.csv");
  const testing::TextColumns golden = testing::read_text_columns("spdep_global.csv");
  ASSERT_EQ(cells.at("count").size(), 4899u);
  ASSERT_EQ(golden.at("style").size(), 4u);
  // Both neighbour paths: the fishnet stencil and the KD-tree over the cell centres.
  const SpatialWeights stencil = testing::moran_golden_weights();
  WeightsOptions wo;
  wo.band_crs = testing::kMoranBandFt;
  wo.include_self = false;
  const AnalysisGrid grid = AnalysisGrid::square({1390000, 466000, 1532000, 604000}, testing::kMoranCellFt);
  ASSERT_EQ(grid.ncols(), testing::kMoranCols);
  const SpatialWeights kd = distance_weights(grid.centroids(), wo);
  for (size_t row = 0; row < 4; ++row) {
    const std::vector<double> x = testing::numbers(cells.at(golden.at("variable")[row]));
    MoranOptions o;
    o.standardisation = golden.at("style")[row] == "W" ? WeightsStandardisation::kRow : WeightsStandardisation::kNone;
    for (const SpatialWeights* w : {&stencil, &kd}) {
      SCOPED_TRACE(golden.at("variable")[row] + " style " + golden.at("style")[row] +
                   (w == &kd ? " (KD-tree)" : " (stencil)"));
      const MoranResult r = global_moran(x, *w, o);
      EXPECT_TRUE(near_1e9(r.i, std::stod(golden.at("I")[row])));
      EXPECT_TRUE(near_1e9(r.expected, std::stod(golden.at("EI")[row])));
      EXPECT_TRUE(near_1e9(r.variance / std::stod(golden.at("VI")[row]), 1.0));  // Var is about 1e-5: relative
      EXPECT_TRUE(near_1e9(r.z, std::stod(golden.at("z")[row])));
      EXPECT_TRUE(near_1e9(r.p, std::stod(golden.at("p")[row])));
      EXPECT_EQ(r.n, 4899u);
      EXPECT_TRUE(r.warnings.empty());
    }
  }
}

using SmallCase = testing::SmallMoranCase;

double dense_moran(const std::vector<double>& x, const std::vector<std::vector<double>>& m) {
  const size_t n = x.size();
  double mean = 0.0;
  for (double v : x) mean += v / static_cast<double>(n);
  double num = 0.0, den = 0.0, s0 = 0.0;
  for (size_t i = 0; i < n; ++i) {
    den += (x[i] - mean) * (x[i] - mean);
    for (size_t j = 0; j < n; ++j) {
      num += m[i][j] * (x[i] - mean) * (x[j] - mean);
      s0 += m[i][j];
    }
  }
  return static_cast<double>(n) / s0 * num / den;
}

// The moments under randomisation are the exact mean and variance of I over all n! arrangements of the values:
// enumerated here (8! = 40,320), independently of the closed forms.
TEST(MoranTest, MomentsEqualTheExactPermutationDistribution) {
  const SmallCase c;
  for (WeightsStandardisation s : {WeightsStandardisation::kNone, WeightsStandardisation::kRow}) {
    SCOPED_TRACE(to_string(s));
    const std::vector<std::vector<double>> m = c.dense(s == WeightsStandardisation::kRow);
    double sum = 0.0, sum2 = 0.0, count = 0.0;
    testing::for_each_permutation(c.x, [&](const std::vector<double>& y) {
      const double i = dense_moran(y, m);
      sum += i;
      sum2 += i * i;
      count += 1.0;
    });
    const double mean = sum / count, var = sum2 / count - mean * mean;
    MoranOptions o;
    o.standardisation = s;
    const MoranResult r = global_moran(c.x, c.w, o);
    EXPECT_TRUE(near_1e9(r.i, dense_moran(c.x, m)));
    EXPECT_TRUE(near_1e9(r.expected, mean));
    EXPECT_TRUE(near_1e9(r.variance, var));
    EXPECT_TRUE(near_1e9(r.z, (r.i - mean) / std::sqrt(var)));
    EXPECT_TRUE(near_1e9(r.p, std::erfc(std::fabs(r.z) / std::sqrt(2.0))));
    EXPECT_EQ(r.warnings.size(), 1u);  // fewer than 30 units
  }
}

TEST(MoranTest, RowStandardisedRowsSumToOne) {
  const SmallCase c;
  const SpatialWeights r = row_standardised(c.w);
  for (size_t i = 0; i < r.n; ++i) {
    double sum = 0.0;
    for (uint64_t k = r.offsets[i]; k < r.offsets[i + 1]; ++k) sum += r.weights[k];
    EXPECT_NEAR(sum, 1.0, 1e-15);
  }
}

TEST(MoranTest, BadInputIsRejected) {
  const SmallCase c;
  EXPECT_THROW(global_moran(std::vector<double>(8, 2.0), c.w), std::invalid_argument);  // zero variance
  EXPECT_THROW(global_moran(std::vector<double>{1, 2, 3}, c.w), std::invalid_argument);  // sizes differ
  std::vector<double> nan = c.x;
  nan[3] = std::nan("");
  EXPECT_THROW(global_moran(nan, c.w), std::invalid_argument);
  WeightsOptions wo;
  wo.band_crs = 1.0;
  wo.include_self = true;  // Gi*'s weights
  EXPECT_THROW(global_moran(std::vector<double>{1, 2, 3, 4}, fishnet_weights(2, 2, 1.0, {}, wo)), std::invalid_argument);
  wo.include_self = false;
  EXPECT_THROW(global_moran(std::vector<double>{1, 2, 3}, fishnet_weights(3, 1, 1.0, {}, wo)), std::invalid_argument);
  try {
    global_moran(std::vector<double>(8, 2.0), c.w);
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("zero variance"), std::string::npos) << e.what();
  }
}

// A unit without neighbour takes no part: n is reduced (spdep's adjust.n), the mean is still over all units.
TEST(MoranTest, UnitWithoutNeighbourReducesN) {
  const SmallCase c;
  std::vector<std::vector<uint32_t>> lists(9);
  for (size_t i = 0; i < 8; ++i)
    for (uint64_t k = c.w.offsets[i]; k < c.w.offsets[i + 1]; ++k) lists[i].push_back(c.w.neighbors[k]);
  const SpatialWeights w = weights_from_lists(lists, false);  // unit 8 has none
  std::vector<double> x = c.x;
  x.push_back(5.0);
  const MoranResult r = global_moran(x, w, {});
  EXPECT_EQ(r.n, 8u);
  EXPECT_EQ(r.without_neighbors, 1u);
  EXPECT_TRUE(near_1e9(r.expected, -1.0 / 7.0));
}

}  // namespace
}  // namespace hotspot
