// The line chart: round ticks against a brute-force search of the 1-2-5 series, and each point's marker drawn in its
// colour where the layout maps it.
#include "geo/map/line_chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace hotspot {
namespace {

TEST(LineChartTest, TicksAreTheSmallestOneTwoFiveStepCoveringTheRange) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-1000, 1000), w(-3, 4);
  for (int i = 0; i < 3000; ++i) {
    const double lo = u(rng), hi = lo + std::pow(10.0, w(rng));
    const std::vector<double> t = round_ticks(lo, hi, 6);
    ASSERT_GE(t.size(), 2u);
    EXPECT_LE(t.front(), lo + 1e-9 * std::fabs(lo));
    EXPECT_GE(t.back(), hi - 1e-9 * std::fabs(hi));
    const double step = t[1] - t[0];
    // Brute force: the smallest k * 10^e (k in 1, 2, 5) at least (hi - lo) / 6.
    double want = 0;
    for (int e = -6; e <= 6 && want == 0; ++e)
      for (double k : {1.0, 2.0, 5.0})
        if (want == 0 && k * std::pow(10.0, e) >= (hi - lo) / 6 * (1 - 1e-12)) want = k * std::pow(10.0, e);
    EXPECT_NEAR(step, want, want * 1e-9) << lo << " .. " << hi;
    for (size_t k = 1; k < t.size(); ++k) EXPECT_NEAR(t[k] - t[k - 1], step, step * 1e-6);
    EXPECT_LE(t.size(), 8u);  // at most one step beyond each end
  }
}

TEST(LineChartTest, MarkersAreWhereTheLayoutPutsThem) {
  LineChart c;
  c.title = "Spatial autocorrelation by distance";
  c.x_title = "Distance (US survey feet)";
  c.y_title = "z-score";
  c.points = {{2000, 1.0, ""}, {4000, 3.5, "first peak"}, {6000, 2.0, ""}, {8000, 5.0, "max peak"}, {10000, 4.0, ""}};
  c.y_guides = {1.65};
  LineChartLayout l;
  const RgbaImage img = draw_line_chart(c, {}, &l);
  ASSERT_EQ(img.width, 900);
  EXPECT_LE(l.x_min, 2000);
  EXPECT_GE(l.x_max, 10000);
  EXPECT_LE(l.y_min, 1.0);
  EXPECT_GE(l.y_max, 5.0);
  for (const ChartPoint& p : c.points) {
    const auto [px, py] = l.to_pixel(p.x, p.y);
    const Rgba got = img.at(static_cast<int>(px), static_cast<int>(py));
    const Rgba want = p.mark.empty() ? Rgba{49, 130, 189, 255} : Rgba{214, 47, 39, 255};
    EXPECT_NEAR(got.r, want.r, 12) << p.x;
    EXPECT_NEAR(got.g, want.g, 12) << p.x;
    EXPECT_NEAR(got.b, want.b, 12) << p.x;
  }
  // The label of a marked point is written above it in the mark's red.
  const auto [mx, my] = l.to_pixel(4000, 3.5);
  int red = 0;
  for (int y = static_cast<int>(my) - 30; y < static_cast<int>(my) - 10; ++y)
    for (int x = static_cast<int>(mx) - 40; x < static_cast<int>(mx) + 40; ++x) {
      const Rgba p = img.at(x, y);
      red += p.r > 150 && p.g < 110 && p.b < 110;
    }
  EXPECT_GT(red, 20);
}

TEST(LineChartTest, BadChartsAreRefused) {
  EXPECT_THROW(draw_line_chart(LineChart{}), std::invalid_argument);
  LineChart c;
  c.points = {{1, std::nan(""), ""}};
  EXPECT_THROW(draw_line_chart(c), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
