#include "engine/hotspot/spatial_weights.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/hotspot/analysis_units.h"

namespace hotspot {
namespace {

std::vector<Point> random_points(size_t n, uint32_t seed, double size = 10000.0) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, size);
  std::vector<Point> pts(n);
  for (Point& p : pts) p = {u(rng), u(rng), 1.0};
  return pts;
}

// Row i as (j, w) pairs.
std::vector<std::pair<uint32_t, double>> row(const SpatialWeights& w, size_t i) {
  std::vector<std::pair<uint32_t, double>> out;
  for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) out.push_back({w.neighbors[k], w.weight_at(k)});
  return out;
}

void expect_same(const SpatialWeights& a, const SpatialWeights& b, double tol) {
  ASSERT_EQ(a.n, b.n);
  for (size_t i = 0; i < a.n; ++i) {
    const auto ra = row(a, i), rb = row(b, i);
    ASSERT_EQ(ra.size(), rb.size()) << "row " << i;
    for (size_t k = 0; k < ra.size(); ++k) {
      ASSERT_EQ(ra[k].first, rb[k].first) << "row " << i;
      ASSERT_NEAR(ra[k].second, rb[k].second, tol * std::max(1.0, std::fabs(rb[k].second))) << "row " << i;
    }
  }
}

TEST(SpatialWeightsTest, FixedBandMatchesBruteForce) {
  const auto pts = random_points(3000, 1);
  WeightsOptions o;
  o.band_crs = 400.0;
  for (int threads : {1, 2}) {
    o.threads = threads;
    const SpatialWeights w = distance_weights(pts, o);
    ASSERT_TRUE(w.binary());
    ASSERT_TRUE(w.self_included);
    for (size_t i = 0; i < pts.size(); i += 7) {
      std::vector<uint32_t> expect;
      for (uint32_t j = 0; j < pts.size(); ++j)
        if (std::hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y) <= 400.0) expect.push_back(j);
      std::vector<uint32_t> got;
      for (const auto& [j, wt] : row(w, i)) got.push_back(j);
      ASSERT_EQ(got, expect) << "row " << i;
    }
  }
}

TEST(SpatialWeightsTest, InverseDistanceAndZoneOfIndifferenceHandComputed) {
  // Three points on a line: 0 at x=0, 1 at x=3, 2 at x=10.
  const std::vector<Point> pts = {{0, 0, 1}, {3, 0, 1}, {10, 0, 1}};
  WeightsOptions o;
  o.scheme = WeightScheme::kInverseDistance;
  o.band_crs = 8.0;
  o.power = 2.0;
  SpatialWeights w = distance_weights(pts, o);
  EXPECT_EQ(row(w, 0), (std::vector<std::pair<uint32_t, double>>{{0, 1.0}, {1, 1.0 / 9.0}}));
  EXPECT_EQ(row(w, 1), (std::vector<std::pair<uint32_t, double>>{{0, 1.0 / 9.0}, {1, 1.0}, {2, 1.0 / 49.0}}));
  EXPECT_EQ(row(w, 2), (std::vector<std::pair<uint32_t, double>>{{1, 1.0 / 49.0}, {2, 1.0}}));
  o.power = 1.0;
  w = distance_weights(pts, o);
  EXPECT_DOUBLE_EQ(row(w, 1)[2].second, 1.0 / 7.0);
  // Zone of indifference: 1 within 3, 3/d beyond, up to the cutoff 10.
  o.scheme = WeightScheme::kZoneOfIndifference;
  o.band_crs = 3.0;
  o.zoi_cutoff_crs = 10.0;
  w = distance_weights(pts, o);
  EXPECT_EQ(row(w, 0), (std::vector<std::pair<uint32_t, double>>{{0, 1.0}, {1, 1.0}, {2, 0.3}}));
  EXPECT_EQ(row(w, 1), (std::vector<std::pair<uint32_t, double>>{{0, 1.0}, {1, 1.0}, {2, 3.0 / 7.0}}));
  // Coincident points: distances under one unit are taken as one.
  const std::vector<Point> twins = {{0, 0, 1}, {0.25, 0, 1}};
  o.scheme = WeightScheme::kInverseDistance;
  o.band_crs = 5.0;
  w = distance_weights(twins, o);
  EXPECT_DOUBLE_EQ(row(w, 0)[1].second, 1.0);
}

TEST(SpatialWeightsTest, KNearestHandComputed) {
  const std::vector<Point> pts = {{0, 0, 1}, {1, 0, 1}, {3, 0, 1}, {7, 0, 1}, {7, 1.5, 1}};
  WeightsOptions o;
  o.scheme = WeightScheme::kKNearest;
  o.k = 2;
  const SpatialWeights w = distance_weights(pts, o);
  auto ids = [&](size_t i) {
    std::vector<uint32_t> v;
    for (const auto& [j, wt] : row(w, i)) v.push_back(j);
    return v;
  };
  EXPECT_EQ(ids(0), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(ids(1), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(ids(2), (std::vector<uint32_t>{0, 1, 2}));  // 1 (d=2), then 0 (d=3) before 3 (d=4)
  EXPECT_EQ(ids(3), (std::vector<uint32_t>{2, 3, 4}));
  EXPECT_EQ(ids(4), (std::vector<uint32_t>{2, 3, 4}));
  EXPECT_EQ(w.neighbor_count(3), 2u);
  EXPECT_TRUE(w.binary());
}

TEST(SpatialWeightsTest, DefaultBandGivesEveryUnitANeighbour) {
  const std::vector<Point> pts = {{0, 0, 1}, {1, 0, 1}, {10, 0, 1}, {10, 4, 1}};
  EXPECT_DOUBLE_EQ(default_band(pts), 4.0);
  const auto many = random_points(2000, 5);
  const double band = default_band(many);
  WeightsOptions o;  // band 0: default
  const SpatialWeights w = distance_weights(many, o);
  EXPECT_EQ(w.summary().without_neighbors, 0u);
  o.band_crs = band * 0.999;
  EXPECT_GT(distance_weights(many, o).summary().without_neighbors, 0u);
}

// The stencil path for fishnets must give exactly the KD-tree path's lists.
TEST(SpatialWeightsTest, FishnetStencilEqualsKdTreePath) {
  const AnalysisGrid g = AnalysisGrid::square({1384000, 460000, 1424000, 490000}, 250.0);  // 160 x 120
  const std::vector<Point> c = g.centroids();
  struct Case {
    WeightScheme s;
    double band;
    double power;
  };
  for (const Case& cs : {Case{WeightScheme::kFixedBand, 1000, 1}, Case{WeightScheme::kFixedBand, 1250, 1},
                         Case{WeightScheme::kInverseDistance, 750, 1}, Case{WeightScheme::kInverseDistance, 750, 2},
                         Case{WeightScheme::kZoneOfIndifference, 500, 1}, Case{WeightScheme::kKNearest, 0, 1}}) {
    WeightsOptions o;
    o.scheme = cs.s;
    o.band_crs = cs.band;
    o.power = cs.power;
    o.k = 6;
    const SpatialWeights kd = distance_weights(c, o);
    const SpatialWeights st = fishnet_weights(g.ncols(), g.nrows(), g.cell_size(), {}, o);
    SCOPED_TRACE(to_string(cs.s) + " " + std::to_string(cs.band));
    expect_same(st, kd, 1e-12);
  }
  // Band 1000 at 250 ft cells: 49 neighbours (self included) for interior cells, as the circle of radius 4 cells.
  WeightsOptions o;
  o.band_crs = 1000;
  const SpatialWeights st = fishnet_weights(g.ncols(), g.nrows(), g.cell_size(), {}, o);
  EXPECT_EQ(st.row_size(static_cast<size_t>(60 * g.ncols() + 80)), 49u);
  EXPECT_EQ(st.row_size(0), 17u);  // corner: quarter circle incl. axes
  // Default band for a fishnet is one cell: rook neighbours.
  o.band_crs = 0;
  const SpatialWeights rook = fishnet_weights(g.ncols(), g.nrows(), g.cell_size(), {}, o);
  EXPECT_EQ(rook.row_size(static_cast<size_t>(60 * g.ncols() + 80)), 5u);
}

TEST(SpatialWeightsTest, MaskedFishnetEqualsKdTreeOnKeptCells) {
  const AnalysisGrid g = AnalysisGrid::square({0, 0, 6000, 5000}, 100.0);
  std::vector<int64_t> unit(g.size(), -1);
  std::vector<Point> kept;
  int64_t next = 0;
  for (size_t id = 0; id < g.size(); ++id) {
    const Point c = g.centroid(static_cast<int64_t>(id));
    if (std::hypot(c.x - 3000, c.y - 2500) < 2200 || (c.x > 5500 && c.y < 500)) {  // a disc and a corner patch
      unit[id] = next++;
      kept.push_back(c);
    }
  }
  for (double band : {0.0, 300.0}) {
    WeightsOptions o;
    o.band_crs = band;
    o.scheme = WeightScheme::kInverseDistance;
    const SpatialWeights kd = distance_weights(kept, o);
    const SpatialWeights st = fishnet_weights(g.ncols(), g.nrows(), g.cell_size(), unit, o);
    expect_same(st, kd, 1e-12);
  }
}

TEST(SpatialWeightsTest, ListsBecomeBinarySymmetricRows) {
  const std::vector<std::vector<uint32_t>> lists = {{1, 1, 0}, {0, 2}, {1}, {}};
  const SpatialWeights w = weights_from_lists(lists, true);
  EXPECT_EQ(row(w, 0), (std::vector<std::pair<uint32_t, double>>{{0, 1.0}, {1, 1.0}}));
  EXPECT_EQ(row(w, 1).size(), 3u);
  EXPECT_EQ(w.neighbor_count(3), 0u);
  EXPECT_EQ(w.summary().without_neighbors, 1u);
  EXPECT_THROW(weights_from_lists({{5}}, true), std::invalid_argument);
}

TEST(SpatialWeightsTest, BadOptionsThrow) {
  const auto pts = random_points(10, 2);
  WeightsOptions o;
  o.scheme = WeightScheme::kKNearest;
  o.k = 0;
  EXPECT_THROW(distance_weights(pts, o), std::invalid_argument);
  o.scheme = WeightScheme::kContiguity;
  EXPECT_THROW(distance_weights(pts, o), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
