#include "engine/hotspot/analysis_units.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace hotspot {
namespace {

const std::string kGolden = std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/gistar/";

// Rows of a numeric CSV with a header (all columns parsed as doubles).
std::vector<std::vector<double>> read_csv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::string line;
  std::getline(in, line);
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::vector<double> row;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) row.push_back(std::stod(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

const Extent kCharlotte{1384000.0, 460000.0, 1536000.0, 640000.0};

TEST(AnalysisUnitsTest, FishnetAggregationMatchesPeerAggregateGrid) {
  // points_10k.csv: gen_points.py -n 10000 --seed 42; cells_1000ft.csv: aggregate_grid.py at 1000 ft (README).
  const auto pts_rows = read_csv(kGolden + "points_10k.csv");
  const auto cells = read_csv(kGolden + "cells_1000ft.csv");
  std::vector<Point> pts;
  for (const auto& r : pts_rows) pts.push_back({r[1], r[2], 1.0});
  const AnalysisGrid grid = AnalysisGrid::square(kCharlotte, 1000.0);
  ASSERT_EQ(grid.ncols(), 152);
  ASSERT_EQ(grid.nrows(), 180);
  ASSERT_EQ(grid.size(), cells.size());
  const auto unit = assign_to_grid(grid, pts);
  const UnitAggregation a = aggregate_units(unit, grid.size(), {}, {}, {});
  EXPECT_EQ(a.points_in, 10000);
  EXPECT_EQ(a.points_outside, 0);
  for (size_t i = 0; i < cells.size(); ++i) {
    ASSERT_EQ(static_cast<size_t>(cells[i][0]), i);
    const Point c = grid.centroid(static_cast<int64_t>(i));
    ASSERT_NEAR(c.x, cells[i][1], 1e-6);
    ASSERT_NEAR(c.y, cells[i][2], 1e-6);
    ASSERT_EQ(a.count[i], cells[i][3]) << "cell " << i;
  }
}

TEST(AnalysisUnitsTest, FishnetMatchesGridSpecAndPolygonsAreCells) {
  const AnalysisGrid g = AnalysisGrid::square({0, 0, 1000, 450}, 100);
  EXPECT_EQ(g.ncols(), 10);
  EXPECT_EQ(g.nrows(), 5);
  const GridSpec s = g.spec();
  EXPECT_DOUBLE_EQ(s.y_max(), 500.0);
  EXPECT_EQ(g.locate(50, 495), 0);       // north-west cell is id 0
  EXPECT_EQ(g.locate(950, 5), 49);       // south-east cell
  EXPECT_EQ(g.locate(1000, 500), 9);     // outer top-right corner belongs to the last column, first row
  EXPECT_EQ(g.locate(-1, 5), -1);
  const auto ring = g.polygon(12);       // row 1, col 2
  ASSERT_EQ(ring.size(), 5u);
  EXPECT_DOUBLE_EQ(ring[0].first, 200);
  EXPECT_DOUBLE_EQ(ring[0].second, 300);
  EXPECT_DOUBLE_EQ(ring[2].first, 300);
  EXPECT_DOUBLE_EQ(ring[2].second, 400);
  EXPECT_DOUBLE_EQ(g.unit_area(), 10000.0);
  EXPECT_THROW(AnalysisGrid::square({0, 0, 1, 1}, 0.0), std::invalid_argument);
  EXPECT_THROW(AnalysisGrid::square({0, 0, 1e9, 1e9}, 1e-3), std::invalid_argument);
}

TEST(AnalysisUnitsTest, HexagonLocateIsTheNearestCentreAndCoversTheExtent) {
  const Extent e{1000, 2000, 9000, 7000};
  const AnalysisGrid g = AnalysisGrid::hexagon(e, 500.0);
  const std::vector<Point> centres = g.centroids();
  // Neighbouring centres are one spacing apart.
  const Point a = g.centroid(0), b = g.centroid(1), c = g.centroid(g.ncols());
  EXPECT_NEAR(std::hypot(a.x - b.x, a.y - b.y), 500.0, 1e-9);
  EXPECT_NEAR(std::hypot(a.x - c.x, a.y - c.y), 500.0, 1e-9);
  EXPECT_NEAR(g.unit_area(), 500.0 * 500.0 * std::sqrt(3.0) / 2.0, 1e-6);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> ux(e.min_x, e.max_x), uy(e.min_y, e.max_y);
  for (int q = 0; q < 3000; ++q) {
    const double x = ux(rng), y = uy(rng);
    const int64_t got = g.locate(x, y);
    ASSERT_GE(got, 0) << "point inside the extent not covered: " << x << "," << y;
    double best = 1e300;
    for (const Point& p : centres) best = std::min(best, std::hypot(p.x - x, p.y - y));
    const Point gc = g.centroid(got);
    ASSERT_NEAR(std::hypot(gc.x - x, gc.y - y), best, 1e-9);
  }
  // The hexagon's polygon contains its centre, has 6 distinct vertices at distance side from it.
  const auto ring = g.polygon(7);
  ASSERT_EQ(ring.size(), 7u);
  const Point h = g.centroid(7);
  for (int i = 0; i < 6; ++i)
    EXPECT_NEAR(std::hypot(ring[i].first - h.x, ring[i].second - h.y), 500.0 / std::sqrt(3.0), 1e-9);
  // Shoelace area of the ring equals the unit area (and is positive: counter-clockwise).
  double area = 0;
  for (int i = 0; i < 6; ++i) area += ring[i].first * ring[i + 1].second - ring[i + 1].first * ring[i].second;
  EXPECT_NEAR(area / 2.0, g.unit_area(), 1e-3);
  EXPECT_EQ(g.locate(-1e6, 0), -1);
}

TEST(AnalysisUnitsTest, WeightedSumsRatesAndOutsidePoints) {
  const std::vector<int64_t> unit = {0, 0, 1, -1, 2, 2};
  const std::vector<double> w = {1, 2, 1, 5, 1, 1};
  const std::vector<double> num = {1, 0, 3, 9, 0, 0};
  const std::vector<double> den = {2, 2, 3, 9, 0, 0};
  const UnitAggregation a = aggregate_units(unit, 4, w, num, den);
  EXPECT_EQ(a.points_in, 5);
  EXPECT_EQ(a.points_outside, 1);
  EXPECT_EQ(a.count, (std::vector<double>{3, 1, 2, 0}));
  EXPECT_DOUBLE_EQ(a.value(0, UnitValueKind::kSum), 1.0);
  EXPECT_DOUBLE_EQ(a.value(0, UnitValueKind::kRate), 0.25);   // 1 search in 4 stops
  EXPECT_DOUBLE_EQ(a.value(1, UnitValueKind::kRate), 1.0);
  EXPECT_TRUE(std::isnan(a.value(2, UnitValueKind::kRate)));  // no stops: rate undefined
  EXPECT_TRUE(std::isnan(a.value(3, UnitValueKind::kRate)));  // empty cell
  EXPECT_DOUBLE_EQ(a.value(3, UnitValueKind::kCount), 0.0);   // empty cells are kept with 0
  EXPECT_THROW(aggregate_units(unit, 4, std::vector<double>{1}, {}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
