#include "engine/spacetime/emerging.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace hotspot {

int required_bin(double alpha) {
  if (std::fabs(alpha - 0.10) < 1e-12) return 1;
  if (std::fabs(alpha - 0.05) < 1e-12) return 2;
  if (std::fabs(alpha - 0.01) < 1e-12) return 3;
  throw std::invalid_argument("significance level " + std::to_string(alpha) + " is not one of 0.10, 0.05, 0.01");
}

EmergingResult emerging_hot_spots(const SpaceTimeCube& cube, const SpatialWeights& w, const EmergingOptions& o) {
  const int level = required_bin(o.alpha);
  const size_t steps = cube.steps();
  if (steps < kMinTrendSteps)
    throw std::invalid_argument("emerging hot spots: " + std::to_string(steps) + " time steps; the trend test needs at "
                                "least " + std::to_string(kMinTrendSteps) + " (use a shorter --time-step or more data)");
  EmergingResult r;
  r.gi = space_time_gi_star(cube, w, o.gi);
  r.locations.resize(cube.locations());
  std::vector<int> significance(steps);
  for (size_t i = 0; i < cube.locations(); ++i) {
    LocationTrend& loc = r.locations[i];
    for (size_t t = 0; t < steps; ++t) {
      const int b = r.gi.bin_at(i, t);
      significance[t] = b >= level ? 1 : (b <= -level ? -1 : 0);
      loc.hot_steps += significance[t] > 0;
      loc.cold_steps += significance[t] < 0;
    }
    loc.gi_trend = mann_kendall({r.gi.z.data() + i * steps, steps});
    loc.count_trend = mann_kendall(cube.series(i));
    loc.pattern = classify_emerging(significance, {loc.gi_trend.z, loc.gi_trend.p}, o.alpha);
  }
  return r;
}

}  // namespace hotspot
