#include "engine/core/point_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace hotspot {
namespace {

std::vector<Point> random_points(size_t n, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(1384000.0, 1536000.0), uy(460000.0, 640000.0);
  std::vector<Point> pts(n);
  for (Point& p : pts) p = {ux(rng), uy(rng), 1.0};
  return pts;
}

std::vector<uint32_t> brute_radius(const std::vector<Point>& pts, double x, double y, double r) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < pts.size(); ++i)
    if (std::hypot(pts[i].x - x, pts[i].y - y) <= r) out.push_back(i);
  return out;
}

TEST(PointIndexTest, RadiusMatchesBruteForceOn100kPoints) {
  const auto pts = random_points(100000, 7);
  PointIndex index(pts);
  ASSERT_EQ(index.size(), pts.size());
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> ux(1384000.0, 1536000.0), uy(460000.0, 640000.0);
  std::vector<Neighbor> got;
  for (int q = 0; q < 200; ++q) {
    const double x = ux(rng), y = uy(rng);
    const double r = (q % 4 + 1) * 1000.0;  // 1000..4000 ft
    index.within_radius(x, y, r, got);
    std::vector<uint32_t> ids;
    for (const Neighbor& n : got) {
      ids.push_back(n.index);
      EXPECT_NEAR(n.distance, std::hypot(pts[n.index].x - x, pts[n.index].y - y), 1e-6);
    }
    std::vector<uint32_t> want = brute_radius(pts, x, y, r);
    std::sort(ids.begin(), ids.end());
    ASSERT_EQ(ids, want) << "query " << q;
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end(), [](auto& a, auto& b) { return a.distance < b.distance; }));
    EXPECT_EQ(index.count_within_radius(x, y, r), want.size());
  }
}

TEST(PointIndexTest, RadiusIsInclusiveAndUnsquared) {
  // Points exactly 3, 4 and 5 units away: a radius of 5 includes all three; nanoflann's squared radius 25 must not
  // leak into our API (a radius of 25 would include the far point too).
  std::vector<Point> pts = {{3, 0, 1}, {0, 4, 1}, {-3, -4, 1}, {26, 0, 1}};
  PointIndex index(pts);
  std::vector<Neighbor> got;
  index.within_radius(0, 0, 5.0, got);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_DOUBLE_EQ(got[0].distance, 3.0);
  EXPECT_DOUBLE_EQ(got[2].distance, 5.0);
  index.within_radius(0, 0, 4.999999, got);
  EXPECT_EQ(got.size(), 2u);
}

TEST(PointIndexTest, NearestMatchesBruteForce) {
  const auto pts = random_points(100000, 11);
  PointIndex index(pts);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> ux(1384000.0, 1536000.0), uy(460000.0, 640000.0);
  for (int q = 0; q < 100; ++q) {
    const double x = ux(rng), y = uy(rng);
    const size_t k = 1 + q % 12;
    auto got = index.nearest(x, y, k);
    std::vector<std::pair<double, uint32_t>> all;
    all.reserve(pts.size());
    for (uint32_t i = 0; i < pts.size(); ++i) all.push_back({std::hypot(pts[i].x - x, pts[i].y - y), i});
    std::partial_sort(all.begin(), all.begin() + static_cast<long>(k), all.end());
    ASSERT_EQ(got.size(), k);
    for (size_t i = 0; i < k; ++i) {
      EXPECT_EQ(got[i].index, all[i].second);
      EXPECT_NEAR(got[i].distance, all[i].first, 1e-6);
    }
  }
}

TEST(PointIndexTest, NearestBreaksTiesByIndex) {
  std::vector<Point> pts;
  for (int i = 0; i < 20; ++i) pts.push_back({1.0, 0.0, 1.0});  // 20 points at the same place
  PointIndex index(pts);
  auto got = index.nearest(0, 0, 3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].index, 0u);
  EXPECT_EQ(got[1].index, 1u);
  EXPECT_EQ(got[2].index, 2u);
}

// Many points at one place at a distance whose square root, squared again, falls short of the squared distance:
// the tie fallback must keep them (it once padded the answer with point 0 at distance 0).
TEST(PointIndexTest, NearestKeepsATieWhoseDistanceDoesNotRoundTrip) {
  double a = 1.0;
  const double b = 2.0;
  while (std::sqrt(a * a + b * b) * std::sqrt(a * a + b * b) >= a * a + b * b) a += 0.001;
  std::vector<Point> pts(12, Point{a, b, 1.0});
  pts.push_back({50.0, 50.0, 1.0});
  PointIndex index(pts);
  const auto got = index.nearest(0, 0, 3);
  ASSERT_EQ(got.size(), 3u);
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].index, i);
    EXPECT_DOUBLE_EQ(got[i].distance, std::sqrt(a * a + b * b));
  }
}

TEST(PointIndexTest, EmptyAndSmall) {
  std::vector<Point> none;
  PointIndex empty(none);
  std::vector<Neighbor> got;
  empty.within_radius(0, 0, 10, got);
  EXPECT_TRUE(got.empty());
  EXPECT_TRUE(empty.nearest(0, 0, 3).empty());
  std::vector<Point> two = {{0, 0, 1}, {10, 0, 1}};
  PointIndex small(two);
  EXPECT_EQ(small.nearest(1, 0, 5).size(), 2u);
}

}  // namespace
}  // namespace hotspot
