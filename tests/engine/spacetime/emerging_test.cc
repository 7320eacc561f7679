#include "engine/spacetime/emerging.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <vector>

#include "engine/core/timestamp.h"
#include "engine/hotspot/analysis_units.h"
#include "engine/spacetime/location_weights.h"

namespace hotspot {
namespace {

constexpr int kCols = 24, kRows = 24;
constexpr double kCell = 100;
constexpr int kMonths = 36;
constexpr int64_t kMsPerDay = 86400000LL;

struct City {
  std::vector<int64_t> unit, time_ms;
};

int cell(int row, int col) { return row * kCols + col; }

// Incidents on a 24 x 24 fishnet over 36 months (2021-01 to 2023-12): Poisson noise of mean 1 per cell and month
// everywhere, a rising hot spot (3 x 3 cells round (5, 5), mean 6 + 0.5 t) and a fading one (round (17, 17), mean
// 30 - 0.5 t, still well above the noise at the end).
City synthetic_city() {
  City c;
  std::mt19937 rng(2024);
  auto add = [&](int unit, int month, double mean) {
    std::poisson_distribution<int> n(mean);
    const int64_t first = days_from_civil(2021 + month / 12, static_cast<unsigned>(month % 12 + 1), 1);
    for (int k = n(rng); k > 0; --k) {
      c.unit.push_back(unit);
      c.time_ms.push_back((first + k % 28) * kMsPerDay);
    }
  };
  for (int t = 0; t < kMonths; ++t)
    for (int r = 0; r < kRows; ++r)
      for (int col = 0; col < kCols; ++col) {
        double mean = 1.0;
        if (std::abs(r - 5) <= 1 && std::abs(col - 5) <= 1) mean = 6.0 + 0.5 * t;
        if (std::abs(r - 17) <= 1 && std::abs(col - 17) <= 1) mean = 30.0 - 0.5 * t;
        add(cell(r, col), t, mean);
      }
  // One incident on the last day so the end-aligned months are calendar months.
  c.unit.push_back(cell(0, 0));
  c.time_ms.push_back(days_from_civil(2023, 12, 31) * kMsPerDay);
  return c;
}

EmergingResult analyse(const SpaceTimeCube& cube) {
  const AnalysisGrid grid = AnalysisGrid::square(Extent{0, 0, kCols * kCell, kRows * kCell}, kCell);
  WeightsOptions wo;
  wo.band_crs = 1.5 * kCell;
  return emerging_hot_spots(cube, location_weights(grid, cube, wo), {});
}

size_t location_of(const SpaceTimeCube& cube, int unit) {
  for (size_t i = 0; i < cube.locations(); ++i)
    if (cube.location_unit[i] == unit) return i;
  ADD_FAILURE() << "unit " << unit << " is not a location";
  return 0;
}

TEST(EmergingHotSpots, ASyntheticCityGivesTheRisingAndFadingHotSpotsTheirPatterns) {
  const City city = synthetic_city();
  TimeStepOptions o;
  o.length = TimeStepLength::kOneMonth;
  const SpaceTimeCube cube = build_space_time_cube(city.unit, city.time_ms, o);
  ASSERT_EQ(cube.steps(), static_cast<size_t>(kMonths));
  const EmergingResult r = analyse(cube);
  const LocationTrend& rising = r.locations[location_of(cube, cell(5, 5))];
  const LocationTrend& fading = r.locations[location_of(cube, cell(17, 17))];
  EXPECT_EQ(rising.pattern, EmergingPattern::kIntensifyingHot);
  EXPECT_GT(rising.count_trend.z, 0);
  EXPECT_LT(rising.count_trend.p, 0.05);
  EXPECT_EQ(fading.pattern, EmergingPattern::kDiminishingHot);
  EXPECT_LT(fading.count_trend.z, 0);
  EXPECT_EQ(fading.hot_steps, kMonths);
  // Far from both, the noise shows no persistent, intensifying or diminishing hot spot.
  for (int row = 0; row < kRows; ++row)
    for (int col = 0; col < kCols; ++col) {
      if ((std::abs(row - 5) <= 3 && std::abs(col - 5) <= 3) || (std::abs(row - 17) <= 3 && std::abs(col - 17) <= 3))
        continue;
      const EmergingPattern p = r.locations[location_of(cube, cell(row, col))].pattern;
      EXPECT_NE(p, EmergingPattern::kPersistentHot) << row << "," << col;
      EXPECT_NE(p, EmergingPattern::kIntensifyingHot) << row << "," << col;
      EXPECT_NE(p, EmergingPattern::kDiminishingHot) << row << "," << col;
    }
}

TEST(EmergingHotSpots, FewerThanTenStepsIsAnError) {
  const City city = synthetic_city();
  TimeStepOptions o;
  o.length = TimeStepLength::kOneYear;  // 3 steps
  const SpaceTimeCube cube = build_space_time_cube(city.unit, city.time_ms, o);
  EXPECT_THROW(analyse(cube), std::invalid_argument);
}

TEST(EmergingHotSpots, RequiredBinFollowsTheSignificanceLevel) {
  EXPECT_EQ(required_bin(0.10), 1);
  EXPECT_EQ(required_bin(0.05), 2);
  EXPECT_EQ(required_bin(0.01), 3);
  EXPECT_THROW(required_bin(0.2), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
