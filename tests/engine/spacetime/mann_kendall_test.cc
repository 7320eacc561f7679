#include "engine/spacetime/mann_kendall.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <vector>

namespace hotspot {
namespace {

// S by comparing every pair, and Var(S) from the tie groups counted in a map: written apart from the code.
struct Brute {
  double s = 0, var = 0;
};
Brute brute_force(const std::vector<double>& x) {
  Brute b;
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t j = 0; j < x.size(); ++j)
      if (i < j) b.s += x[j] > x[i] ? 1 : (x[j] < x[i] ? -1 : 0);
  std::map<double, int> groups;
  for (double v : x) ++groups[v];
  const double n = static_cast<double>(x.size());
  double ties = 0;
  for (const auto& g : groups) ties += g.second * (g.second - 1.0) * (2.0 * g.second + 5.0);
  b.var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0;
  return b;
}

TEST(MannKendall, SAndVarianceEqualABruteForceCountWithTieGroups) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t n = 10 + trial % 50;
    std::uniform_int_distribution<int> value(0, 1 + trial % 6);  // few distinct values: many ties
    std::vector<double> x(n);
    for (double& v : x) v = value(rng) + 0.1 * (trial % 3 == 0 ? static_cast<double>(&v - x.data()) : 0.0);
    const MannKendall mk = mann_kendall(x);
    const Brute b = brute_force(x);
    ASSERT_EQ(mk.s, b.s) << trial;
    ASSERT_NEAR(mk.var_s, b.var, 1e-9 * b.var) << trial;
    ASSERT_EQ(mk.n, n);
  }
}

TEST(MannKendall, ContinuityCorrectedZAndTwoSidedP) {
  // 1..10: S = 45, Var = 10 * 9 * 25 / 18 = 125, Z = 44 / sqrt(125), p = erfc(Z / sqrt 2).
  std::vector<double> x;
  for (int i = 1; i <= 10; ++i) x.push_back(i);
  const MannKendall up = mann_kendall(x);
  EXPECT_EQ(up.s, 45);
  EXPECT_DOUBLE_EQ(up.var_s, 125.0);
  EXPECT_NEAR(up.z, 44.0 / std::sqrt(125.0), 1e-12);
  EXPECT_NEAR(up.p, std::erfc(44.0 / std::sqrt(125.0) / std::sqrt(2.0)), 1e-15);
  EXPECT_EQ(up.sign(), 1);
  std::vector<double> down(x.rbegin(), x.rend());
  EXPECT_NEAR(mann_kendall(down).z, -44.0 / std::sqrt(125.0), 1e-12);
  // S = 0 gives Z = 0, p = 1.
  const MannKendall flat = mann_kendall(std::vector<double>{2, 1, 1, 2});
  EXPECT_EQ(flat.s, 0);
  EXPECT_EQ(flat.z, 0);
  EXPECT_EQ(flat.p, 1);
}

TEST(MannKendall, NaNValuesAreLeftOutAndConstantSeriesAreUndefined) {
  const MannKendall mk = mann_kendall(std::vector<double>{1, std::nan(""), 2, 3});
  EXPECT_EQ(mk.n, 3u);
  EXPECT_EQ(mk.s, 3);
  EXPECT_TRUE(std::isnan(mann_kendall(std::vector<double>{4, 4, 4, 4}).z));
}

}  // namespace
}  // namespace hotspot
