#include "engine/privacy/donut_mask.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hotspot {
namespace {

std::vector<Point> grid_points(size_t n) {
  std::vector<Point> pts;
  for (size_t i = 0; i < n; ++i) pts.push_back({1000.0 * static_cast<double>(i % 100), 1000.0 * static_cast<double>(i / 100)});
  return pts;
}

TEST(DonutMaskTest, EveryDisplacementIsWithinTheStatedBounds) {
  const std::vector<Point> pts = grid_points(20000);
  DonutOptions o;  // 50 m to 250 m
  const std::vector<Point> moved = donut_mask(pts, o, 1.0);
  double lo = 1e9, hi = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const double d = std::hypot(moved[i].x - pts[i].x, moved[i].y - pts[i].y);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  EXPECT_GE(lo, 50.0);
  EXPECT_LE(hi, 250.0);
  EXPECT_LT(lo, 52.0);   // the bounds are reached, not a narrower ring
  EXPECT_GT(hi, 248.0);
}

TEST(DonutMaskTest, DisplacementIsUniformOverTheAnnulusArea) {
  // P(d <= r) = (r^2 - min^2) / (max^2 - min^2); the Kolmogorov-Smirnov distance of 20,000 draws stays below
  // 1.63 / sqrt(n) (the 1 % critical value) for a correct sampler, and the directions are uniform.
  const std::vector<Point> pts = grid_points(20000);
  DonutOptions o;
  const std::vector<Point> moved = donut_mask(pts, o, 1.0);
  std::vector<double> d;
  double sum_cos = 0, sum_sin = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const double dx = moved[i].x - pts[i].x, dy = moved[i].y - pts[i].y;
    d.push_back(std::hypot(dx, dy));
    sum_cos += dx / d.back();
    sum_sin += dy / d.back();
  }
  std::sort(d.begin(), d.end());
  double ks = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    const double cdf = (d[i] * d[i] - 50.0 * 50.0) / (250.0 * 250.0 - 50.0 * 50.0);
    ks = std::max({ks, std::abs(cdf - static_cast<double>(i) / d.size()), std::abs(cdf - (i + 1.0) / d.size())});
  }
  EXPECT_LT(ks, 1.63 / std::sqrt(static_cast<double>(d.size())));
  EXPECT_LT(std::hypot(sum_cos, sum_sin) / d.size(), 0.03);  // mean resultant length of uniform angles ~ 1/sqrt(n)
}

TEST(DonutMaskTest, SameForAnyThreadCountAndSeeded) {
  const std::vector<Point> pts = grid_points(50000);
  DonutOptions o;
  o.threads = 1;
  const std::vector<Point> one = donut_mask(pts, o, 1.0);
  o.threads = 4;
  const std::vector<Point> four = donut_mask(pts, o, 1.0);
  o.seed = 99;
  const std::vector<Point> other = donut_mask(pts, o, 1.0);
  for (size_t i = 0; i < pts.size(); ++i) {
    ASSERT_EQ(one[i].x, four[i].x);
    ASSERT_EQ(one[i].y, four[i].y);
  }
  EXPECT_NE(one[0].x, other[0].x);
}

TEST(DonutMaskTest, BoundsInFeetAndBadBounds) {
  const std::vector<Point> pts = grid_points(1000);
  DonutOptions o;
  const double us_ft_m = 1200.0 / 3937.0;
  const std::vector<Point> moved = donut_mask(pts, o, us_ft_m);
  for (size_t i = 0; i < pts.size(); ++i) {
    const double d_m = std::hypot(moved[i].x - pts[i].x, moved[i].y - pts[i].y) * us_ft_m;
    EXPECT_GE(d_m, 50.0 - 1e-9);
    EXPECT_LE(d_m, 250.0 + 1e-9);
  }
  o.min_displacement = Length{300.0, LengthUnit::kMetre};
  EXPECT_THROW(donut_mask(pts, o, 1.0), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
