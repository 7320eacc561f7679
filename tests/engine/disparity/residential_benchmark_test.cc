#include "engine/disparity/residential_benchmark.h"

#include <gtest/gtest.h>

#include <cmath>

namespace hotspot {
namespace {

TEST(ResidentialBenchmarkTest, SharesSpreadEachGroupAndKeepTheCoveredTotal) {
  // Two sources over two zones: source 0 wholly in zone 0, source 1 split 30 / 50 (20 % outside both).
  const std::vector<double> share = {1.0, 0.0, 0.3, 0.5};
  const ResidentTable t = interpolate_residents(share, 2, 2, {"Black", "White"}, {{100, 1000}, {50, 10}});
  EXPECT_NEAR(t.at(0, 0), 100 + 300, 1e-12);
  EXPECT_NEAR(t.at(1, 0), 500, 1e-12);
  EXPECT_NEAR(t.at(0, 1), 50 + 3, 1e-12);
  EXPECT_NEAR(t.at(1, 1), 5, 1e-12);
  EXPECT_NEAR(t.totals[0], 1100 - 200, 1e-12);
  EXPECT_NEAR(per_thousand_residents(45, 900), 50.0, 1e-12);
  EXPECT_TRUE(std::isnan(per_thousand_residents(3, 0)));
}

}  // namespace
}  // namespace hotspot
