// Public point layers: hundred-block points against a brute-force snapping and grouping; donut points against the
// stated bounds and a brute-force check that none lands within the avoid distance of any incident.
#include "engine/privacy/generalise_points.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

namespace hotspot {
namespace {

// Incidents scattered around `blocks` reference points (some far from all), fixed seed.
struct Scene {
  std::vector<Point> incidents, references;
};
Scene scene() {
  Scene s;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 10000.0), near(-40.0, 40.0);
  for (int i = 0; i < 300; ++i) s.references.push_back({u(rng), u(rng)});
  std::geometric_distribution<int> per_block(0.35);
  for (const Point& r : s.references)
    for (int k = per_block(rng); k > 0; --k) s.incidents.push_back({r.x + near(rng), r.y + near(rng)});
  for (int i = 0; i < 50; ++i) s.incidents.push_back({20000.0 + u(rng), u(rng)});  // near no reference point
  return s;
}

TEST(HundredBlockPointsTest, MatchesBruteForceSnappingAndGrouping) {
  const Scene s = scene();
  const int k = 3;
  const double snap = 500.0, avoid = 10.0;
  std::map<size_t, int64_t> groups;
  size_t far = 0;
  for (const Point& p : s.incidents) {
    size_t best = 0;
    double best_d = 1e300;
    for (size_t r = 0; r < s.references.size(); ++r) {
      const double d = std::hypot(p.x - s.references[r].x, p.y - s.references[r].y);
      if (d < best_d) best_d = d, best = r;
    }
    if (best_d <= snap) ++groups[best];
    else ++far;
  }
  std::vector<std::pair<Point, int64_t>> expected;
  size_t below = 0;
  for (const auto& [r, n] : groups) {
    size_t close = 0;
    for (const Point& p : s.incidents) close += std::hypot(p.x - s.references[r].x, p.y - s.references[r].y) <= avoid;
    if (n < k || (close > 0 && close < static_cast<size_t>(k))) below += static_cast<size_t>(n);
    else expected.push_back({s.references[r], n});
  }
  const GeneralisedPoints g = hundred_block_points(s.incidents, s.references, k, Length{snap, LengthUnit::kMetre},
                                                   Length{avoid, LengthUnit::kMetre}, 1.0);
  ASSERT_EQ(g.points.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(g.points[i].x, expected[i].first.x);
    EXPECT_EQ(g.points[i].y, expected[i].first.y);
    EXPECT_EQ(g.incidents[i], expected[i].second);
    EXPECT_GE(g.incidents[i], k);
  }
  EXPECT_EQ(g.dropped_unplaced, far);
  EXPECT_EQ(g.dropped_below_k, below);
  EXPECT_GT(below, 0u);  // the scene has small blocks
  int64_t published = 0;
  for (int64_t n : g.incidents) published += n;
  EXPECT_EQ(static_cast<size_t>(published) + below + far, s.incidents.size());  // every incident accounted for
}

TEST(DonutPointsTest, EveryPointIsDisplacedWithinBoundsAndClearOfEveryIncident) {
  // Dense incidents (a 20 m lattice), so many first draws land within 10 m of another incident and are redrawn.
  std::vector<Point> incidents;
  for (int i = 0; i < 40; ++i)
    for (int j = 0; j < 40; ++j) incidents.push_back({20.0 * i, 20.0 * j});
  DonutOptions o;  // 50 m to 250 m
  o.threads = 1;
  const Length avoid{10.0, LengthUnit::kMetre};
  const GeneralisedPoints g = donut_points(incidents, o, avoid, 1.0);
  ASSERT_EQ(g.points.size() + g.dropped_unplaced, incidents.size());
  EXPECT_GT(g.points.size(), incidents.size() * 9 / 10);
  // Each published point is its incident's (the order is kept, dropped ones skipped): match by the bounds.
  size_t j = 0;
  for (size_t i = 0; i < incidents.size() && j < g.points.size(); ++i) {
    const double d = std::hypot(g.points[j].x - incidents[i].x, g.points[j].y - incidents[i].y);
    if (d < 50.0 || d > 250.0) continue;  // incident i was dropped (or this is not its point)
    ++j;
  }
  EXPECT_EQ(j, g.points.size());
  for (const Point& p : g.points)
    for (const Point& q : incidents) ASSERT_GT(std::hypot(p.x - q.x, p.y - q.y), 10.0);
  o.threads = 2;
  const GeneralisedPoints g2 = donut_points(incidents, o, avoid, 1.0);
  ASSERT_EQ(g2.points.size(), g.points.size());
  for (size_t i = 0; i < g.points.size(); ++i) EXPECT_EQ(g.points[i].x, g2.points[i].x);
}

TEST(DonutPointsTest, AvoidDistanceMustBeBelowTheMinimum) {
  DonutOptions o;
  EXPECT_THROW(donut_points(std::vector<Point>{{0, 0}}, o, Length{60.0, LengthUnit::kMetre}, 1.0),
               std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
