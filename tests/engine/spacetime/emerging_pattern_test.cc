#include "engine/spacetime/emerging_pattern.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hotspot {
namespace {

// Hand-built series of per-step significance (+1 hot, -1 cold, 0 neither), 20 steps unless said.
std::vector<int> series(const std::vector<std::pair<int, int>>& runs) {
  std::vector<int> s;
  for (const auto& r : runs) s.insert(s.end(), static_cast<size_t>(r.first), r.second);
  return s;
}

const TrendSummary kNoTrend{0.3, 0.76};
const TrendSummary kRising{3.0, 0.0027};
const TrendSummary kFalling{-3.0, 0.0027};
const double kAlpha = 0.05;

EmergingPattern classify(const std::vector<int>& s, TrendSummary t = kNoTrend) { return classify_emerging(s, t, kAlpha); }

TEST(EmergingPattern, NamesAndCategoryCodes) {
  EXPECT_EQ(pattern_name(EmergingPattern::kIntensifyingHot), "Intensifying Hot Spot");
  EXPECT_EQ(pattern_name(EmergingPattern::kHistoricalCold), "Historical Cold Spot");
  EXPECT_EQ(pattern_name(EmergingPattern::kNoPattern), "No Pattern Detected");
  EXPECT_EQ(category_code(EmergingPattern::kNewHot), 1);
  EXPECT_EQ(category_code(EmergingPattern::kHistoricalHot), 8);
  EXPECT_EQ(category_code(EmergingPattern::kOscillatingCold), -7);
}

TEST(EmergingPattern, NoPattern) {
  EXPECT_EQ(classify(series({{20, 0}})), EmergingPattern::kNoPattern);
  // hot and cold history, final step neither: no sporadic (it needs no opposite steps), no oscillating (final).
  EXPECT_EQ(classify(series({{3, 1}, {3, -1}, {14, 0}})), EmergingPattern::kNoPattern);
}

TEST(EmergingPattern, NewHotAndCold) {
  EXPECT_EQ(classify(series({{19, 0}, {1, 1}})), EmergingPattern::kNewHot);
  EXPECT_EQ(classify(series({{19, 0}, {1, -1}})), EmergingPattern::kNewCold);
}

TEST(EmergingPattern, ConsecutiveHotAndCold) {
  EXPECT_EQ(classify(series({{15, 0}, {5, 1}})), EmergingPattern::kConsecutiveHot);
  EXPECT_EQ(classify(series({{15, 0}, {5, -1}})), EmergingPattern::kConsecutiveCold);
  // a final run of 17 of 20 (85 %, under 90 %) is still consecutive
  EXPECT_EQ(classify(series({{3, 0}, {17, 1}})), EmergingPattern::kConsecutiveHot);
}

TEST(EmergingPattern, IntensifyingHotAndCold) {
  EXPECT_EQ(classify(series({{20, 1}}), kRising), EmergingPattern::kIntensifyingHot);
  EXPECT_EQ(classify(series({{20, -1}}), kFalling), EmergingPattern::kIntensifyingCold);
}

TEST(EmergingPattern, PersistentHotAndCold) {
  EXPECT_EQ(classify(series({{20, 1}})), EmergingPattern::kPersistentHot);
  EXPECT_EQ(classify(series({{20, -1}})), EmergingPattern::kPersistentCold);
}

TEST(EmergingPattern, DiminishingHotAndCold) {
  EXPECT_EQ(classify(series({{20, 1}}), kFalling), EmergingPattern::kDiminishingHot);
  EXPECT_EQ(classify(series({{20, -1}}), kRising), EmergingPattern::kDiminishingCold);
}

TEST(EmergingPattern, SporadicHotAndCold) {
  EXPECT_EQ(classify(series({{2, 1}, {5, 0}, {3, 1}, {9, 0}, {1, 1}})), EmergingPattern::kSporadicHot);
  EXPECT_EQ(classify(series({{2, -1}, {5, 0}, {3, -1}, {9, 0}, {1, -1}})), EmergingPattern::kSporadicCold);
  // on-again off-again with a final step that is not significant is still sporadic (ArcGIS Pro's wording)
  EXPECT_EQ(classify(series({{2, 1}, {5, 0}, {3, 1}, {10, 0}})), EmergingPattern::kSporadicHot);
}

TEST(EmergingPattern, OscillatingHotAndCold) {
  EXPECT_EQ(classify(series({{3, -1}, {16, 0}, {1, 1}})), EmergingPattern::kOscillatingHot);
  EXPECT_EQ(classify(series({{3, 1}, {16, 0}, {1, -1}})), EmergingPattern::kOscillatingCold);
}

TEST(EmergingPattern, HistoricalHotAndCold) {
  // not significant in the final step, hot in 19 of 20 (95 %)
  EXPECT_EQ(classify(series({{19, 1}, {1, 0}}), kRising), EmergingPattern::kHistoricalHot);
  EXPECT_EQ(classify(series({{19, -1}, {1, 0}})), EmergingPattern::kHistoricalCold);
}

TEST(EmergingPattern, TheNinetyPercentBoundary) {
  // exactly 90 %: 9 of 10 and 18 of 20 hot steps count as "ninety percent"
  EXPECT_EQ(classify(series({{1, 0}, {9, 1}})), EmergingPattern::kPersistentHot);
  EXPECT_EQ(classify(series({{2, 0}, {18, 1}}), kRising), EmergingPattern::kIntensifyingHot);
  EXPECT_EQ(classify(series({{9, 1}, {1, 0}})), EmergingPattern::kHistoricalHot);
  // just under: 17 of 20 (85 %) with the final step not significant is sporadic, not historical
  EXPECT_EQ(classify(series({{17, 1}, {3, 0}})), EmergingPattern::kSporadicHot);
  // 8 of 10 hot in one final run: consecutive, not persistent
  EXPECT_EQ(classify(series({{2, 0}, {8, 1}})), EmergingPattern::kConsecutiveHot);
}

TEST(EmergingPattern, TheFinalStepDecidesTheFamily) {
  // hot in 9 of 10 steps, cold in the last: the final step is cold, so a cold pattern (with a hot history)
  EXPECT_EQ(classify(series({{9, 1}, {1, -1}})), EmergingPattern::kOscillatingCold);
  // a cold history and a single final hot step: oscillating wins over new
  EXPECT_EQ(classify(series({{1, -1}, {18, 0}, {1, 1}})), EmergingPattern::kOscillatingHot);
}

TEST(EmergingPattern, ATrendCountsOnlyAtTheSignificanceLevel) {
  const std::vector<int> s = series({{20, 1}});
  EXPECT_EQ(classify_emerging(s, {2.0, 0.05}, 0.05), EmergingPattern::kIntensifyingHot);  // p == alpha: significant
  EXPECT_EQ(classify_emerging(s, {1.9, 0.0574}, 0.05), EmergingPattern::kPersistentHot);
  EXPECT_EQ(classify_emerging(s, {2.0, std::nan("")}, 0.05), EmergingPattern::kPersistentHot);
}

}  // namespace
}  // namespace hotspot
