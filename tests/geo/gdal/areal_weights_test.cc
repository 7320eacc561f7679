#include "geo/gdal/areal_weights.h"

#include <gtest/gtest.h>

namespace hotspot {
namespace {

std::string box(double x0, double y0, double x1, double y1) {
  const auto p = [](double x, double y) { return std::to_string(x) + " " + std::to_string(y); };
  return "POLYGON((" + p(x0, y0) + "," + p(x1, y0) + "," + p(x1, y1) + "," + p(x0, y1) + "," + p(x0, y0) + "))";
}

// Four unit squares (a b / c d) under two targets split at x = 1.5, and one square e half outside both.
TEST(ArealWeightsTest, SharesOfKnownOverlapsAndTotalsPreserved) {
  const ZoneLayer sources = ZoneLayer::from_wkt({{"a", box(0, 1, 1, 2)}, {"b", box(1, 1, 2, 2)}, {"c", box(0, 0, 1, 1)},
                                                 {"d", box(1, 0, 2, 1)}, {"e", box(1.5, 2, 2.5, 3)}},
                                                nullptr);
  const ZoneLayer targets = ZoneLayer::from_wkt({{"west", box(0, 0, 1.5, 3)}, {"east", box(1.5, 0, 2, 3)}}, nullptr);
  const ArealWeights w = areal_weights(sources, targets);
  ASSERT_EQ(w.sources, 5u);
  ASSERT_EQ(w.targets, 2u);
  const double expected[5][2] = {{1, 0}, {0.5, 0.5}, {1, 0}, {0.5, 0.5}, {0, 0.5}};
  for (size_t s = 0; s < 5; ++s)
    for (size_t t = 0; t < 2; ++t) EXPECT_NEAR(w.at(s, t), expected[s][t], 1e-12) << s << "," << t;
  // Populations spread into the targets: what lies inside a target is kept exactly, e loses its outside half.
  const double pop[5] = {100, 40, 7, 13, 10};
  double west = 0, east = 0;
  for (size_t s = 0; s < 5; ++s) west += pop[s] * w.at(s, 0), east += pop[s] * w.at(s, 1);
  EXPECT_NEAR(west, 100 + 20 + 7 + 6.5, 1e-9);
  EXPECT_NEAR(east, 20 + 6.5 + 5, 1e-9);
  EXPECT_NEAR(west + east, 170 - 5, 1e-9);
}

}  // namespace
}  // namespace hotspot
