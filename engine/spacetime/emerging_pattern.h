// ArcGIS's 17 emerging hot spot patterns, from a location's per-step hot/cold significance and the Mann-Kendall
// trend of its Gi* z-scores. Definitions: ArcGIS Pro, "How Emerging Hot Spot Analysis works"
// (https://pro.arcgis.com/en/pro-app/latest/tool-reference/space-time-pattern-mining/learnmoreemerging.htm).
// The integer codes are those of ArcGIS's CATEGORY field (README, "Emerging hot spots", says where they come from).
//
// With H the hot steps, C the cold steps, n the steps and "final" the last step (ninety percent is H >= 0.9 n,
// exactly 90 % included; "less than ninety percent" is H < 0.9 n), the hot patterns are, in the order tested:
//   final not hot, H >= 90 %                              -> Historical (8)
//   final hot, H >= 90 %, trend significant and rising    -> Intensifying (3)
//   final hot, H >= 90 %, trend significant and falling   -> Diminishing (5)
//   final hot, H >= 90 %, no significant trend            -> Persistent (4)
//   final hot, H < 90 %, a cold step before               -> Oscillating (7)
//   final hot, H = 1                                      -> New (1)
//   final hot, the hot steps one run of >= 2 ending final -> Consecutive (2)
//   H >= 1, H < 90 %, no cold step (and none of the above) -> Sporadic (6)
// the cold patterns the same with hot and cold swapped (codes negated, "rising" and "falling" swapped: a cold spot
// intensifies when its z-scores fall), and anything else is No Pattern Detected (0).
#pragma once

#include <span>
#include <string>

namespace hotspot {

enum class EmergingPattern : int {
  kNoPattern = 0,
  kNewHot = 1, kConsecutiveHot = 2, kIntensifyingHot = 3, kPersistentHot = 4,
  kDiminishingHot = 5, kSporadicHot = 6, kOscillatingHot = 7, kHistoricalHot = 8,
  kNewCold = -1, kConsecutiveCold = -2, kIntensifyingCold = -3, kPersistentCold = -4,
  kDiminishingCold = -5, kSporadicCold = -6, kOscillatingCold = -7, kHistoricalCold = -8,
};

// ArcGIS's CATEGORY value.
inline int category_code(EmergingPattern p) { return static_cast<int>(p); }
// ArcGIS's PATTERN text, e.g. "Intensifying Hot Spot", "No Pattern Detected".
std::string pattern_name(EmergingPattern p);

// The trend the pattern rules read.
struct TrendSummary {
  double z = 0.0;  // Mann-Kendall Z of the Gi* z-scores
  double p = 1.0;  // its two-sided p (NaN: no trend can be tested, counted as not significant)
};

// `significance` per step in time order: +1 significant hot spot, -1 significant cold spot, 0 neither; `alpha` the
// level at which the trend counts as significant (p <= alpha).
EmergingPattern classify_emerging(std::span<const int> significance, const TrendSummary& trend, double alpha);

}  // namespace hotspot
