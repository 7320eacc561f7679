#include "engine/hotspot/fdr.h"

#include <gtest/gtest.h>

#include <cmath>

namespace hotspot {
namespace {

TEST(FdrTest, BenjaminiHochbergHandComputed) {
  // m = 10 sorted p: thresholds k * 0.05 / 10 = 0.005 k.
  const std::vector<double> p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216};
  // 0.001 <= 0.005 (k=1), 0.008 <= 0.010 (k=2), 0.039 > 0.015 ... none after passes: critical = 0.008.
  EXPECT_DOUBLE_EQ(bh_critical_p(p, 0.05), 0.008);
  // alpha 0.10: thresholds 0.01 k: k=5 0.042 <= 0.05 passes, k=7 0.074 > 0.07, k=6 0.06 <= 0.06 passes.
  EXPECT_DOUBLE_EQ(bh_critical_p(p, 0.10), 0.06);
  // alpha 0.01: 0.001 <= 0.001 passes, 0.008 > 0.002.
  EXPECT_DOUBLE_EQ(bh_critical_p(p, 0.01), 0.001);
  EXPECT_EQ(bh_critical_p(std::vector<double>{0.5, 0.9}, 0.05), 0.0);
  // Adjusted p (q-values), the textbook step-up: q_(k) = min_{k'>=k} m p_(k') / k'.
  const auto q = bh_adjusted(p);
  EXPECT_NEAR(q[0], 0.01, 1e-15);
  EXPECT_NEAR(q[1], 0.04, 1e-15);
  EXPECT_NEAR(q[2], 0.084, 1e-15);  // min(0.13, 0.1025, 0.084, 0.1, ...)
  EXPECT_NEAR(q[9], 0.216, 1e-15);
}

TEST(FdrTest, NaNsAreIgnoredAndOrderDoesNotMatter) {
  const std::vector<double> p = {0.042, std::nan(""), 0.001, 0.216, 0.039, 0.008, 0.06, 0.212, 0.205, 0.074, 0.041};
  EXPECT_DOUBLE_EQ(bh_critical_p(p, 0.05), 0.008);
  const auto q = bh_adjusted(p);
  EXPECT_TRUE(std::isnan(q[1]));
  EXPECT_NEAR(q[2], 0.01, 1e-15);
}

TEST(FdrTest, GiBinsWithAndWithoutFdr) {
  const std::vector<double> p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, std::nan("")};
  const std::vector<double> z = {3.3, -2.65, 2.06, -2.04, 2.03, 1.88, -1.79, 1.27, 1.25, -1.24, std::nan("")};
  // Without FDR: 99 % for p <= 0.01, 95 % for p <= 0.05, 90 % for p <= 0.10.
  EXPECT_EQ(confidence_bins(z, p, false), (std::vector<int>{3, -3, 2, -2, 2, 1, -1, 0, 0, 0, 0}));
  // With FDR: critical p 0.001 (99 %), 0.008 (95 %), 0.06 (90 %).
  EXPECT_EQ(confidence_bins(z, p, true), (std::vector<int>{3, -2, 1, -1, 1, 1, 0, 0, 0, 0, 0}));
  // Nothing passes: all zero, even with tiny thresholds.
  EXPECT_EQ(confidence_bins(std::vector<double>{1, -1}, std::vector<double>{0.5, 0.9}, true), (std::vector<int>{0, 0}));
  const BinThresholds t = bin_thresholds(p, true);
  EXPECT_DOUBLE_EQ(t.p99, 0.001);
  EXPECT_DOUBLE_EQ(t.p95, 0.008);
  EXPECT_DOUBLE_EQ(t.p90, 0.06);
}

}  // namespace
}  // namespace hotspot
