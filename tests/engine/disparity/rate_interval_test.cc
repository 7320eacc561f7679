#include "engine/disparity/rate_interval.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/disparity/rate_ratio.h"

namespace hotspot {
namespace {

std::vector<std::vector<std::string>> golden_rows(const std::string& name) {
  std::ifstream in(std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/disparity/" + name);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string v; std::getline(ss, v, ',');) f.push_back(v);
    rows.push_back(f);
  }
  return rows;
}

TEST(RateIntervalTest, WilsonAndKatzEqualStatsmodels) {
  const auto rows = golden_rows("intervals.csv");
  ASSERT_GT(rows.size(), 50u);
  int wilson = 0, katz = 0;
  for (const auto& r : rows) {
    if (r[0] == "wilson") {
      const RateInterval w = wilson_interval(std::stoll(r[1]), std::stoll(r[2]));
      EXPECT_NEAR(w.rate, std::stod(r[5]), 1e-12);
      EXPECT_NEAR(w.low, std::stod(r[6]), 1e-9) << r[1] << "/" << r[2];
      EXPECT_NEAR(w.high, std::stod(r[7]), 1e-9) << r[1] << "/" << r[2];
      ++wilson;
    } else {
      const RateRatio k = katz_rate_ratio(std::stoll(r[1]), std::stoll(r[2]), std::stoll(r[3]), std::stoll(r[4]));
      EXPECT_NEAR(k.ratio, std::stod(r[5]), 1e-9 * std::stod(r[5]));
      EXPECT_NEAR(k.low, std::stod(r[6]), 1e-9 * std::stod(r[6]));
      EXPECT_NEAR(k.high, std::stod(r[7]), 1e-9 * std::stod(r[7]));
      ++katz;
    }
  }
  EXPECT_GT(wilson, 30);
  EXPECT_GT(katz, 20);
}

TEST(RateIntervalTest, WilsonByHandAndEdges) {
  // k = 0: the interval is [0, z^2 / (n + z^2)].
  const double z2 = kZ95 * kZ95;
  EXPECT_NEAR(wilson_interval(0, 20).high, z2 / (20 + z2), 1e-15);
  EXPECT_EQ(wilson_interval(0, 20).low, 0.0);
  EXPECT_NEAR(wilson_interval(20, 20).low, 20 / (20 + z2), 1e-15);
  EXPECT_TRUE(std::isnan(wilson_interval(0, 0).rate));
  // Symmetric about 1/2: k and n - k mirror each other.
  const RateInterval a = wilson_interval(3, 17), b = wilson_interval(14, 17);
  EXPECT_NEAR(a.low, 1.0 - b.high, 1e-15);
}

TEST(RateIntervalTest, RatioUndefinedWithoutOutcomesAndLikelihoodIsRatioMinusOne) {
  EXPECT_TRUE(std::isnan(katz_rate_ratio(0, 10, 3, 10).ratio));
  EXPECT_TRUE(std::isnan(katz_rate_ratio(3, 10, 0, 10).ratio));
  EXPECT_NEAR(relative_difference(0.06, 0.04), 0.5, 1e-15);
  EXPECT_TRUE(std::isnan(relative_difference(0.06, 0.0)));
}

}  // namespace
}  // namespace hotspot
