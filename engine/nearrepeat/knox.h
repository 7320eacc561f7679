// The Knox test for near repeats (Knox 1964), as in Ratcliffe's Near Repeat Calculator: incident pairs counted by
// distance band x time band, against the counts expected when the dates are shuffled among the incidents.
//
// Bands are given by increasing edges e_0 < e_1 < ... < e_k (distances in CRS units, times in days); band b holds
// the pairs with e_b <= d <= e_{b+1} for b = 0 and e_b < d <= e_{b+1} after (so with e_0 = 0 the first band includes
// the same location / the same day). Pairs beyond the last edge in either dimension are not counted in the table.
// Every unordered pair {i, j} counts once. Spatial pairs are found through the KD-tree (engine/core/point_index.h)
// within the last distance edge, never by looking at all n^2 pairs; the spatial pairs do not change under the date
// permutations, so each permutation only recomputes their time differences.
//
// Permutations: R times, the dates are shuffled among the incidents (a Fisher-Yates shuffle driven by a
// std::mt19937_64 seeded from (seed, permutation number), so the result is the same for any thread count).
// expected = mean count over the R shuffles; knox_ratio = observed / expected (NaN when expected is 0);
// pseudo_p = (1 + number of shuffles with a count >= the observed) / (R + 1), one-sided as Ratcliffe's.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/core/point.h"
#include "engine/core/progress.h"

namespace hotspot {

struct KnoxOptions {
  std::vector<double> distance_edges_crs;  // REQUIRES: >= 2 edges, increasing, first >= 0
  std::vector<double> time_edges_days;     // REQUIRES: >= 2 edges, increasing, first >= 0
  int permutations = 999;                  // R; REQUIRES: >= 1
  uint64_t seed = 12345;
  int threads = 0;                         // 0: all hardware threads
};

// Tables indexed [distance band * time bands + time band].
struct KnoxResult {
  size_t distance_bands = 0, time_bands = 0;
  std::vector<int64_t> observed;
  std::vector<double> expected;
  std::vector<double> knox_ratio;
  std::vector<double> pseudo_p;
  int64_t spatial_pairs = 0;  // pairs within the last distance edge

  size_t cell(size_t distance_band, size_t time_band) const { return distance_band * time_bands + time_band; }
};

// Throws std::invalid_argument when points and days differ in size, there are fewer than 2 incidents, a time is not
// finite or negative, a band list has fewer than 2 edges or is not increasing, or permutations < 1.
KnoxResult knox_test(PointSpan points, std::span<const double> days, const KnoxOptions& options,
                     Progress* progress = nullptr);

// The band of a value among edges (the rule above), or -1 outside [e_0, e_k].
int band_of(double value, std::span<const double> edges);

}  // namespace hotspot
