// Optimized Hot Spot Analysis's choices on a small synthetic city, each against a computation written out here:
// nearest-neighbour distances by comparing every pair, the 3-standard-deviation outlier rule, the cell size rule,
// the standard distance, the mean k-th neighbour distance, the band series and the peak / largest-z / k-nearest
// fallback rules.
#include "engine/hotspot/optimized_scale.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/hotspot/analysis_units.h"

namespace hotspot {
namespace {

// Three Gaussian clusters, a uniform background, duplicated points (a geocoded address) and two far outliers.
std::vector<Point> synthetic_city() {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> g(0.0, 150.0);
  std::uniform_real_distribution<double> u(0.0, 10000.0);
  std::vector<Point> p;
  for (const auto& [cx, cy] : std::vector<std::pair<double, double>>{{2000, 2000}, {7000, 3000}, {5000, 8000}})
    for (int i = 0; i < 120; ++i) p.push_back({cx + g(rng), cy + g(rng), 1.0});
  for (int i = 0; i < 90; ++i) p.push_back({u(rng), u(rng), 1.0});
  for (int i = 0; i < 5; ++i) p.push_back({4321.0, 1234.0, 1.0});  // five incidents at one address
  p.push_back({30000.0, 30000.0, 1.0});                               // locational outliers
  p.push_back({-25000.0, 12000.0, 1.0});
  return p;
}

// Every distinct location's distance to its nearest other distinct location, comparing every pair.
std::vector<std::pair<Point, double>> brute_nn(const std::vector<Point>& pts) {
  std::vector<Point> loc;
  std::set<std::pair<double, double>> seen;
  for (const Point& q : pts)
    if (seen.insert({q.x, q.y}).second) loc.push_back(q);
  std::vector<std::pair<Point, double>> out;
  for (const Point& a : loc) {
    double best = INFINITY;
    for (const Point& b : loc)
      if (a.x != b.x || a.y != b.y) best = std::min(best, std::hypot(a.x - b.x, a.y - b.y));
    out.push_back({a, best});
  }
  return out;
}

struct Kept {
  std::vector<double> d;
  size_t outliers = 0;
};

Kept brute_non_outliers(const std::vector<std::pair<Point, double>>& nn) {
  double mean = 0;
  for (const auto& e : nn) mean += e.second;
  mean /= nn.size();
  double ss = 0;
  for (const auto& e : nn) ss += (e.second - mean) * (e.second - mean);
  const double sd = std::sqrt(ss / nn.size());
  Kept k;
  for (const auto& e : nn) {
    if (e.second > mean + 3 * sd) ++k.outliers;
    else k.d.push_back(e.second);
  }
  return k;
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / v.size();
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

TEST(OptimizedScaleTest, OutliersAndNearestNeighbourDistancesMatchEveryPair) {
  const std::vector<Point> pts = synthetic_city();
  const auto nn = brute_nn(pts);
  const Kept kept = brute_non_outliers(nn);
  const NearestNeighbourSummary s = nearest_neighbour_summary(pts);
  EXPECT_EQ(s.locations.size(), pts.size() - 4);  // the five at one address are one location
  EXPECT_EQ(kept.outliers, 2u);                    // the two far points, and only they
  EXPECT_EQ(s.outliers, kept.outliers);
  EXPECT_EQ(s.outlier_incidents, 2);
  EXPECT_NEAR(s.mean_crs, mean_of(kept.d), 1e-9);
  EXPECT_NEAR(s.median_crs, median_of(kept.d), 1e-9);
  EXPECT_NEAR(s.max_crs, *std::max_element(kept.d.begin(), kept.d.end()), 1e-9);
  for (size_t i = 0; i < s.locations.size(); ++i)
    if (s.outlier[i]) {
      EXPECT_GT(std::abs(s.locations[i].x), 20000.0);
    }
}

TEST(OptimizedScaleTest, CellSizeIsTwiceTheLargerOfMeanAndMedianWithinTheExtentBounds) {
  const std::vector<Point> pts = synthetic_city();
  const Kept kept = brute_non_outliers(brute_nn(pts));
  const double rule = 2 * std::max(mean_of(kept.d), median_of(kept.d));
  const NearestNeighbourSummary s = nearest_neighbour_summary(pts);
  // An extent whose bounds do not bind: the rule itself.
  const CellSizeChoice free = optimized_cell_size(s, {0, 0, 10000, 10000});
  EXPECT_NEAR(free.cell_size_crs, rule, 1e-9);
  EXPECT_EQ(free.rule, CellSizeRule::kNearestNeighbour);
  // A wide, flat extent: the shorter side / 250 is above the rule.
  const CellSizeChoice raised = optimized_cell_size(s, {0, 0, 1e6, 250 * rule * 1.5});
  EXPECT_DOUBLE_EQ(raised.cell_size_crs, rule * 1.5);
  EXPECT_EQ(raised.rule, CellSizeRule::kRaisedToMinimum);
  // A small extent: a tenth of the longer side is below the rule.
  const CellSizeChoice lowered = optimized_cell_size(s, {0, 0, 5 * rule, 2 * rule});
  EXPECT_DOUBLE_EQ(lowered.cell_size_crs, 0.5 * rule);
  EXPECT_EQ(lowered.rule, CellSizeRule::kLoweredToMaximum);
}

TEST(OptimizedScaleTest, AllIncidentsAtOnePlaceAreRefused) {
  const std::vector<Point> same(100, Point{5.0, 5.0, 1.0});
  EXPECT_THROW(nearest_neighbour_summary(same), std::invalid_argument);
}

TEST(OptimizedScaleTest, StandardDistanceAndKthNeighbourMatchHandComputation) {
  const std::vector<Point> pts = synthetic_city();
  double mx = 0, my = 0;
  for (const Point& q : pts) mx += q.x, my += q.y;
  mx /= pts.size(), my /= pts.size();
  double ss = 0;
  for (const Point& q : pts) ss += (q.x - mx) * (q.x - mx) + (q.y - my) * (q.y - my);
  EXPECT_NEAR(standard_distance(pts), std::sqrt(ss / pts.size()), 1e-9);
  for (size_t k : {1u, 3u, 17u}) {
    double sum = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
      std::vector<double> d;
      for (size_t j = 0; j < pts.size(); ++j)
        if (j != i) d.push_back(std::hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y));
      std::nth_element(d.begin(), d.begin() + (k - 1), d.end());
      sum += d[k - 1];
    }
    EXPECT_NEAR(mean_kth_neighbour_distance(pts, k), sum / pts.size(), 1e-9) << "k " << k;
  }
  EXPECT_EQ(fallback_neighbour_count(30), 3u);
  EXPECT_EQ(fallback_neighbour_count(100), 5u);
  EXPECT_EQ(fallback_neighbour_count(219), 10u);
  EXPECT_EQ(fallback_neighbour_count(100000), 30u);
}

TEST(OptimizedScaleTest, PickTakesTheFirstSignificantPeakThenTheLargestZThenNone) {
  // Peaks at bands 2 (z 1.5, not significant), 4 (2.5) and 7 (4.0): the first significant one is band 4.
  const std::vector<double> peaks{0.5, 1.0, 1.5, 1.2, 2.5, 2.0, 3.0, 4.0, 3.5, 3.6};
  const CurvePick a = pick_band(peaks);
  EXPECT_EQ(a.rule, BandRule::kFirstPeak);
  EXPECT_EQ(a.index, 4u);
  // Rising throughout: no peak; the largest z (the last band) is significant.
  const std::vector<double> rising{1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5};
  const CurvePick b = pick_band(rising);
  EXPECT_EQ(b.rule, BandRule::kMaximumZ);
  EXPECT_EQ(b.index, 9u);
  // Falling from a significant first band: no peak (the first band cannot be one); the largest z is band 0.
  const CurvePick c = pick_band(std::vector<double>{3, 2.5, 2, 1.5, 1, 0.5, 0.2, 0.1, 0, -1});
  EXPECT_EQ(c.rule, BandRule::kMaximumZ);
  EXPECT_EQ(c.index, 0u);
  // Nothing above 1.65 (a peak at 1.6 does not count): the k-nearest fallback.
  const CurvePick d = pick_band(std::vector<double>{0.1, 0.5, 1.6, 1.0, 0.2, 0.3, 0.1, 0.0, -0.5, -1});
  EXPECT_EQ(d.rule, BandRule::kNearestNeighbours);
  EXPECT_FALSE(d.index);
}

TEST(OptimizedScaleTest, BandSeriesIsSpreadToTheStandardDistanceWhenItWouldPassIt) {
  // A 5 x 5 grid with spacing 1: every nearest neighbour is 1, so start 1 and step 1 would reach 10, past the
  // standard distance sqrt(2 + 2) = 2: the ten bands run from 1 to 2 instead.
  std::vector<Point> grid;
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 5; ++c) grid.push_back({double(c), double(r), 1.0});
  const BandSeries s = optimized_band_series(grid, 10);
  EXPECT_TRUE(s.capped);
  EXPECT_DOUBLE_EQ(s.standard_distance_crs, 2.0);
  EXPECT_DOUBLE_EQ(s.start_crs, 1.0);
  EXPECT_DOUBLE_EQ(s.increment_crs, 1.0 / 9.0);
  EXPECT_EQ(s.unit_outliers, 0u);
}

// The units of the synthetic city on a 400 ft fishnet: the band series from the units' own nearest-neighbour
// distances (every pair), and the band chosen by the rules above from the curve's z.
TEST(OptimizedScaleTest, BandOnTheCityUnitsFollowsTheRules) {
  const std::vector<Point> pts = synthetic_city();
  const AnalysisGrid grid = AnalysisGrid::square(extent_of(pts), 400.0);
  const UnitAggregation agg = aggregate_units(assign_to_grid(grid, pts), grid.size(), {}, {}, {});
  std::vector<Point> centroids;
  std::vector<double> counts;
  for (size_t c = 0; c < grid.size(); ++c)
    if (agg.count[c] > 0) centroids.push_back(grid.centroid(static_cast<int64_t>(c))), counts.push_back(agg.count[c]);
  const Kept kept = brute_non_outliers(brute_nn(centroids));
  const BandChoice b = optimized_band(centroids, counts);
  double start = *std::max_element(kept.d.begin(), kept.d.end()), step = mean_of(kept.d);
  // The units' standard distance, and the bands spread up to it when the tenth would pass it.
  double mx = 0, my = 0, ss = 0;
  for (const Point& q : centroids) mx += q.x / centroids.size(), my += q.y / centroids.size();
  for (const Point& q : centroids) ss += (q.x - mx) * (q.x - mx) + (q.y - my) * (q.y - my);
  const double sd = std::sqrt(ss / centroids.size());
  const bool capped = start + 9 * step > sd;
  if (capped) {
    if (start > sd) start = 0.2 * sd;
    step = (sd - start) / 9;
  }
  EXPECT_EQ(b.series.capped, capped);
  EXPECT_NEAR(b.series.standard_distance_crs, sd, 1e-9);
  EXPECT_EQ(b.series.unit_outliers, kept.outliers);
  EXPECT_GE(kept.outliers, 2u);  // the cells of the two far incidents
  EXPECT_NEAR(b.series.start_crs, start, 1e-9);
  EXPECT_NEAR(b.series.increment_crs, step, 1e-9);
  ASSERT_EQ(b.curve.bands.size(), 10u);
  std::vector<double> z;
  for (const auto& band : b.curve.bands) z.push_back(band.moran.z);
  const CurvePick pick = pick_band(z);
  EXPECT_EQ(b.rule, pick.rule);
  if (pick.index) {
    EXPECT_NEAR(b.band_crs, start + *pick.index * step, 1e-9);
  }
  // The fishnet stencil builds the same weights as the KD-tree: the same curve and the same band.
  std::vector<int64_t> unit_of_cell(grid.size(), -1);
  int64_t next = 0;
  for (size_t cell = 0; cell < grid.size(); ++cell)
    if (agg.count[cell] > 0) unit_of_cell[cell] = next++;
  const BandChoice f = optimized_band(centroids, counts, {}, [&](const WeightsOptions& wo) {
    return fishnet_weights(grid.ncols(), grid.nrows(), grid.cell_size(), unit_of_cell, wo);
  });
  ASSERT_EQ(f.curve.bands.size(), b.curve.bands.size());
  for (size_t k = 0; k < f.curve.bands.size(); ++k) EXPECT_DOUBLE_EQ(f.curve.bands[k].moran.z, b.curve.bands[k].moran.z);
  EXPECT_EQ(f.band_crs, b.band_crs);
}

// Counts drawn independently of place: for the first seed whose curve has no z above 1.65 at any band, the band is
// the mean distance to the k-th nearest unit (at most the standard distance), k = 5 % of 144 units.
TEST(OptimizedScaleTest, NoSignificantZFallsBackToTheKthNearestUnit) {
  std::vector<Point> c;
  for (int r = 0; r < 12; ++r)
    for (int col = 0; col < 12; ++col) c.push_back({col * 100.0, r * 100.0, 1.0});
  bool found = false;
  for (uint64_t seed = 1; seed < 100 && !found; ++seed) {
    std::mt19937_64 rng(seed);
    std::poisson_distribution<int> pois(4.0);
    std::vector<double> x;
    for (size_t i = 0; i < c.size(); ++i) x.push_back(pois(rng));
    const BandChoice b = optimized_band(c, x);
    bool any = false;
    for (const auto& band : b.curve.bands) any = any || band.moran.z > 1.65;
    EXPECT_EQ(b.rule == BandRule::kNearestNeighbours, !any) << "seed " << seed;
    if (any) continue;
    found = true;
    EXPECT_EQ(b.k, 7u);
    EXPECT_FALSE(b.band_index);
    EXPECT_NEAR(b.band_crs, std::min(mean_kth_neighbour_distance(c, 7), standard_distance(c)), 1e-9);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace hotspot
