#include "engine/privacy/proximity_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace hotspot {
namespace {

// The nearest incident within the distance, found by looking at every incident.
std::optional<size_t> brute_nearest(const std::vector<Point>& pts, double x, double y, double d) {
  std::optional<size_t> best;
  double best_d = 0.0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const double di = std::hypot(pts[i].x - x, pts[i].y - y);
    if (di <= d && (!best || di < best_d)) best = i, best_d = di;
  }
  return best;
}

TEST(ProximityIndexTest, MatchesBruteForce) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 10000.0);
  std::vector<Point> pts(3000);
  for (Point& p : pts) p = {u(rng), u(rng)};
  const ProximityIndex near(pts);
  int hits = 0;
  for (int q = 0; q < 2000; ++q) {
    const double x = u(rng), y = u(rng);
    const auto got = near.nearest_within(x, y, 60.0);
    const auto want = brute_nearest(pts, x, y, 60.0);
    ASSERT_EQ(got.has_value(), want.has_value()) << q;
    if (got) {
      ++hits;
      EXPECT_EQ(got->index, *want);
    }
  }
  EXPECT_GT(hits, 50);   // both outcomes exercised
  EXPECT_LT(hits, 1950);
}

TEST(ProximityIndexTest, DistanceIsInclusiveAndEmptyHasNone) {
  const ProximityIndex near({{0.0, 0.0}});
  EXPECT_TRUE(near.nearest_within(3.0, 4.0, 5.0));
  EXPECT_FALSE(near.nearest_within(3.0, 4.0, 4.999));
  EXPECT_FALSE(ProximityIndex({}).nearest_within(0, 0, 1e9));
}

TEST(ProximityIndexTest, ManyIncidentsAtOneSpotFarFromTheQuery) {
  // Twelve incidents at one address 164 units from the query and one elsewhere: nothing within 30 units.
  std::vector<Point> pts(12, Point{1449951.0, 542371.0});
  pts.push_back({0.0, 0.0});
  const ProximityIndex near(pts);
  EXPECT_FALSE(near.nearest_within(1449807.39618, 542293.525953, 30.0));
  const auto hit = near.nearest_within(1449807.39618, 542293.525953, 200.0);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->index, 0u);
  EXPECT_NEAR(hit->distance, std::hypot(1449951.0 - 1449807.39618, 542371.0 - 542293.525953), 1e-6);
}

}  // namespace
}  // namespace hotspot
