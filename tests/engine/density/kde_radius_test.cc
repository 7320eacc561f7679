#include "engine/density/kde_radius.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace hotspot {
namespace {

TEST(KdeRadiusTest, FourPointsByHand) {
  // Mean centre (0, 0); every distance 1, so SD = 1 and Dm = 1; min(1, 1.2011) = 1; 0.9 * 4^-0.2.
  const std::vector<Point> pts{{1, 0, 1}, {-1, 0, 1}, {0, 1, 1}, {0, -1, 1}};
  const DefaultRadius r = arcgis_default_radius(pts, false);
  EXPECT_DOUBLE_EQ(r.mean_x, 0.0);
  EXPECT_DOUBLE_EQ(r.standard_distance, 1.0);
  EXPECT_DOUBLE_EQ(r.median_distance, 1.0);
  EXPECT_TRUE(r.used_standard_distance);
  EXPECT_NEAR(r.radius_crs, 0.9 * std::pow(4.0, -0.2), 1e-15);
}

TEST(KdeRadiusTest, UsesMedianTermWhenOutliersInflateTheStandardDistance) {
  // Distances 1, 1, 1, 1, 100 from a mean centre at the origin-ish: Dm small, SD large.
  std::vector<Point> pts{{1, 0, 1}, {-1, 0, 1}, {0, 1, 1}, {0, -1, 1}, {0, 0, 1}, {0, 0, 1}};
  pts.push_back({500, 0, 1});
  pts.push_back({-500, 0, 1});
  const DefaultRadius r = arcgis_default_radius(pts, false);
  EXPECT_FALSE(r.used_standard_distance);
  // 8 distances sorted: 0, 0, 1, 1, 1, 1, 500, 500 -> median (1 + 1) / 2 = 1.
  EXPECT_DOUBLE_EQ(r.median_distance, 1.0);
  EXPECT_NEAR(r.radius_crs, 0.9 * std::sqrt(1.0 / std::log(2.0)) * 1.0 * std::pow(8.0, -0.2), 1e-12);
}

// Integer weights must give exactly what replicating each point weight times gives.
TEST(KdeRadiusTest, WeightedEqualsReplicatedPoints) {
  std::mt19937 rng(5);
  std::normal_distribution<double> nd(0.0, 1000.0);
  std::uniform_int_distribution<int> uw(1, 5);
  std::vector<Point> weighted, replicated;
  for (int i = 0; i < 301; ++i) {
    const Point p{1.45e6 + nd(rng), 5.5e5 + 0.5 * nd(rng), static_cast<double>(uw(rng))};
    weighted.push_back(p);
    for (int k = 0; k < static_cast<int>(p.weight); ++k) replicated.push_back({p.x, p.y, 1.0});
  }
  const DefaultRadius a = arcgis_default_radius(weighted, true);
  const DefaultRadius b = arcgis_default_radius(replicated, false);
  EXPECT_DOUBLE_EQ(a.n, static_cast<double>(replicated.size()));
  EXPECT_NEAR(a.mean_x, b.mean_x, 1e-6);
  EXPECT_NEAR(a.standard_distance, b.standard_distance, 1e-7 * b.standard_distance);
  EXPECT_NEAR(a.median_distance, b.median_distance, 1e-7 * b.median_distance);
  EXPECT_NEAR(a.radius_crs, b.radius_crs, 1e-7 * b.radius_crs);
  // Ignoring the weights gives n = 301 and a different radius.
  const DefaultRadius c = arcgis_default_radius(weighted, false);
  EXPECT_EQ(c.n, 301.0);
  EXPECT_NE(c.radius_crs, a.radius_crs);
}

TEST(KdeRadiusTest, MatchesDirectFormulaOnRandomData) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 10000);
  std::vector<Point> pts;
  for (int i = 0; i < 1000; ++i) pts.push_back({u(rng), u(rng) * 0.3, 1.0});
  double mx = 0, my = 0;
  for (const auto& p : pts) mx += p.x, my += p.y;
  mx /= 1000;
  my /= 1000;
  std::vector<double> d;
  double ss = 0;
  for (const auto& p : pts) {
    d.push_back(std::hypot(p.x - mx, p.y - my));
    ss += d.back() * d.back();
  }
  std::sort(d.begin(), d.end());
  const double dm = 0.5 * (d[499] + d[500]);
  const double sd = std::sqrt(ss / 1000);
  const double expected = 0.9 * std::min(sd, std::sqrt(1 / std::log(2.0)) * dm) * std::pow(1000.0, -0.2);
  EXPECT_NEAR(arcgis_default_radius(pts, false).radius_crs, expected, 1e-9 * expected);
}

TEST(KdeRadiusTest, RefusesDegenerateInput) {
  EXPECT_THROW(arcgis_default_radius({}, false), std::invalid_argument);
  const std::vector<Point> same{{5, 5, 1}, {5, 5, 1}};
  EXPECT_THROW(arcgis_default_radius(same, false), std::invalid_argument);
  const std::vector<Point> zero{{5, 5, 0}, {6, 5, 0}};
  EXPECT_THROW(arcgis_default_radius(zero, true), std::invalid_argument);
  const std::vector<Point> negative{{5, 5, -1}, {6, 5, 2}};
  EXPECT_THROW(arcgis_default_radius(negative, true), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
