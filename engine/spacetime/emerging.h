// Emerging hot spot analysis of a space-time cube: space-time Gi* per bin (space_time_gistar.h), then per location
// the Mann-Kendall trend (mann_kendall.h) of its Gi* z-scores and, separately, of its counts, the numbers of
// significant hot and cold steps, and ArcGIS's pattern (emerging_pattern.h).
//
// A step is a significant hot (cold) spot when its FDR-corrected Gi_Bin is at least the level of `alpha`
// (0.10 -> +/-1, 0.05 -> +/-2, 0.01 -> +/-3) with a positive (negative) z; the trend is significant when its
// p <= alpha. ArcGIS requires at least 10 time steps for the trend test; fewer is an error.
#pragma once

#include <vector>

#include "engine/hotspot/spatial_weights.h"
#include "engine/spacetime/emerging_pattern.h"
#include "engine/spacetime/mann_kendall.h"
#include "engine/spacetime/space_time_cube.h"
#include "engine/spacetime/space_time_gistar.h"

namespace hotspot {

inline constexpr size_t kMinTrendSteps = 10;

struct EmergingOptions {
  SpaceTimeGiOptions gi;  // neighbourhood steps, global window, FDR
  double alpha = 0.05;    // significance level of bins and trends: 0.10, 0.05 or 0.01
};

struct LocationTrend {
  EmergingPattern pattern = EmergingPattern::kNoPattern;
  MannKendall gi_trend;     // of the Gi* z-scores
  MannKendall count_trend;  // of the counts
  int hot_steps = 0;        // significant hot steps
  int cold_steps = 0;       // significant cold steps
};

struct EmergingResult {
  SpaceTimeGi gi;
  std::vector<LocationTrend> locations;  // in the cube's location order
};

// Throws std::invalid_argument for an alpha other than 0.10, 0.05 or 0.01, fewer than kMinTrendSteps steps, or
// what space_time_gi_star refuses.
EmergingResult emerging_hot_spots(const SpaceTimeCube& cube, const SpatialWeights& w, const EmergingOptions& options);

// The Gi_Bin magnitude that `alpha` requires; throws for another alpha.
int required_bin(double alpha);

}  // namespace hotspot
