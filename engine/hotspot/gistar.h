// Getis-Ord Gi* (Ord & Getis 1995) with analytic z-scores and optional conditional permutation inference.
//
//   z_i = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n S1_i - W_i^2) / (n - 1)))
//
// with xbar the mean over all n units, S the population standard deviation (divisor n), W_i = sum_j w_ij and
// S1_i = sum_j w_ij^2 over row i of the weights (self included for Gi*). This is spdep::localG with
// include.self and ArcGIS's Hot Spot Analysis. p is the two-sided normal p-value 2 (1 - Phi(|z|)).
// A unit with no neighbour other than itself, or whose neighbourhood is every unit (zero variance of the
// neighbourhood sum), gets NaN (written as null), not 0.
//
// Permutations (conditional randomisation, Anselin 1995): for unit i, x_i stays in its own slot and the other
// slots of row i receive values drawn without replacement from the other n - 1 values, R times. The two-sided
// ("folded") pseudo p-value is min(1, 2 (min(U, L) + 1) / (R + 1)), U and L the numbers of draws whose
// neighbourhood sum is at least / at most the observed one (a tie counts in both: a conservative, valid p). Each unit has its own random stream derived from
// (seed, i), so results are identical for any number of threads. spdep 1.2's localG_perm differs: it draws with
// replacement and redraws the self slot too; its p-values agree only statistically.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/core/progress.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot {

struct GiStarOptions {
  int permutations = 0;  // R; 0 = analytic only
  uint64_t seed = 12345;
  int threads = 0;       // 0: all hardware threads
};

struct GiStarResult {
  std::vector<double> z;         // NaN where undefined
  std::vector<double> p;         // two-sided normal p; NaN where z is
  std::vector<double> pseudo_p;  // min(1, 2 (min(U, L) + 1) / (R + 1)); empty without permutations; NaN where undefined
  std::vector<uint32_t> n_neighbors;  // neighbours including the unit itself (ArcGIS's NNeighbors)
  double mean = 0.0;
  double sd = 0.0;               // population standard deviation
  size_t undefined = 0;          // units with NaN z
  std::vector<std::string> warnings;
};

// Throws std::invalid_argument when the sizes differ, a value is not finite, there are fewer than 2 units, or all
// values are equal (zero variance: Gi* is undefined). Fewer than 30 units is a warning, as in ArcGIS.
GiStarResult gi_star(std::span<const double> x, const SpatialWeights& w, const GiStarOptions& options = {},
                     Progress* progress = nullptr);

// Two-sided normal p-value of a z-score.
double two_sided_normal_p(double z);

}  // namespace hotspot
