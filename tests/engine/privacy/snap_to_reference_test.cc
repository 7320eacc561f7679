#include "engine/privacy/snap_to_reference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace hotspot {
namespace {

TEST(SnapToReferenceTest, EachPointTakesTheNearestReferenceAsBruteForceFindsIt) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 5000.0);
  std::vector<Point> refs(400), pts(3000);
  for (Point& p : refs) p = {u(rng), u(rng)};
  for (Point& p : pts) p = {u(rng), u(rng), 2.0};
  const SnapResult s = snap_to_reference(pts, refs, Length{150.0, LengthUnit::kMetre}, 1.0);
  size_t unsnapped = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    int64_t best = -1;
    double best_d = 150.0;
    for (size_t k = 0; k < refs.size(); ++k) {
      const double d = std::hypot(refs[k].x - pts[i].x, refs[k].y - pts[i].y);
      if (d <= best_d && (best < 0 || d < best_d)) best = static_cast<int64_t>(k), best_d = d;
    }
    ASSERT_EQ(s.reference[i], best) << i;
    if (best < 0) {
      ++unsnapped;
      EXPECT_EQ(s.points[i].x, pts[i].x);
    } else {
      EXPECT_EQ(s.points[i].x, refs[best].x);
      EXPECT_EQ(s.points[i].y, refs[best].y);
    }
    EXPECT_EQ(s.points[i].weight, 2.0);
  }
  EXPECT_EQ(s.unsnapped, unsnapped);
  EXPECT_GT(unsnapped, 0u);
  EXPECT_LT(unsnapped, pts.size());
}

}  // namespace
}  // namespace hotspot
