// Anselin's Local Moran's I (Anselin 1995, "Local indicators of spatial association - LISA"), ArcGIS's Cluster and
// Outlier Analysis, with the analytic moments of spdep::localmoran (spdep 1.2-7, mlvar = TRUE):
//
//   I_i = (z_i / m2) sum_j w_ij z_j,   z_i = x_i - xbar,   m2 = sum_j z_j^2 / n,   W_i = sum_j w_ij,
//   W2_i = sum_j w_ij^2,   b2 = (sum_j z_j^4 / n) / m2^2.
//   Conditional on z_i (spdep's default, conditional = TRUE; Sokal, Oden & Thomson 1998):
//     E[I_i] = -z_i^2 W_i / ((n - 1) m2),
//     Var[I_i] = (z_i / m2)^2 (n / (n - 2)) (W2_i - W_i^2 / (n - 1)) (m2 - z_i^2 / (n - 1));
//   Total randomisation (Anselin 1995; spdep conditional = FALSE):
//     E[I_i] = -W_i / (n - 1),
//     Var[I_i] = W2_i (n - b2) / (n - 1) + (W_i^2 - W2_i) (2 b2 - n) / ((n - 1)(n - 2)) - E[I_i]^2.
//
// z_i = (I_i - E[I_i]) / sqrt(Var[I_i]), p two-sided normal. A unit with no neighbour, or a zero variance (e.g. a
// value exactly at the mean under the conditional moments), gets NaN (written as null).
//
// Permutations (conditional randomisation, Anselin 1995): x_i stays, the neighbour slots of row i receive values
// drawn without replacement from the other n - 1 values, R times; the statistic is the neighbour sum
// sum_j w_ij x_j (I_i is that sum times a constant of unit i, shifted). The draws are Gi*'s (engine/hotspot/gistar.h,
// on the same weights without self): one seeded stream per unit, so results do not depend on the thread count, and
// the pseudo p-value is the folded two-sided min(1, 2 (min(U, L) + 1) / (R + 1)).
//
// Cluster/outlier type (ArcGIS's COType): for a unit significant at `alpha` (its pseudo p-value with permutations,
// else its normal p; with FDR, at the Benjamini-Hochberg critical p of those p-values), the quadrant of (z_i, lag
// of z at i): HH (high among high) and LL are clusters, HL (high among low) and LH outliers. Otherwise blank. A value
// exactly at the mean counts as low, as spdep's quadrants.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/core/progress.h"
#include "engine/hotspot/fdr.h"
#include "engine/hotspot/moran.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot {

enum class LocalMoranMoments {
  kConditional,          // conditional on z_i (spdep localmoran's default)
  kTotalRandomisation,   // Anselin (1995)'s total randomisation
};

enum class ClusterType : uint8_t { kNone, kHighHigh, kLowLow, kHighLow, kLowHigh };

struct LocalMoranOptions {
  // Row standardisation. DEFAULT: kRow, as ArcGIS.
  WeightsStandardisation standardisation = WeightsStandardisation::kRow;
  LocalMoranMoments moments = LocalMoranMoments::kConditional;
  // Conditional permutations for the pseudo p-value. DEFAULT: 0 (analytic p only). REQUIRES: >= 0.
  int permutations = 0;
  uint64_t seed = 12345;
  int threads = 0;  // 0: all hardware threads
  // Significance level of COType. REQUIRES: 0 < alpha < 1.
  double alpha = 0.05;
  // Benjamini-Hochberg correction of the COType significance. DEFAULT: off, as ArcGIS's Cluster and Outlier Analysis.
  FdrCorrection fdr = FdrCorrection::kOff;
};

struct LocalMoranResult {
  std::vector<double> ii;        // I_i (ArcGIS's LMiIndex)
  std::vector<double> expected;  // E[I_i]
  std::vector<double> variance;  // Var[I_i]
  std::vector<double> z;         // LMiZScore; NaN where undefined
  std::vector<double> p;         // two-sided normal p; NaN where z is
  std::vector<double> pseudo_p;  // folded permutation p; empty without permutations
  std::vector<ClusterType> type; // COType
  std::vector<uint32_t> n_neighbors;
  double mean = 0.0;
  double critical_p = 0.0;       // p at or below which a unit is significant (alpha, or the BH critical p)
  size_t undefined = 0;          // units with NaN z
  std::vector<std::string> warnings;

  // The p-value COType is decided on (ArcGIS's LMiPValue): the pseudo p with permutations, else the normal p.
  const std::vector<double>& significance_p() const { return pseudo_p.empty() ? p : pseudo_p; }
};

// Throws std::invalid_argument as check_moran_inputs, and for fewer than 3 units, no unit with a neighbour,
// alpha outside (0, 1) or negative permutations. Fewer than 30 units is a warning, as in ArcGIS.
LocalMoranResult local_moran(std::span<const double> x, const SpatialWeights& w, const LocalMoranOptions& options = {},
                             Progress* progress = nullptr);

// "HH", "LL", "HL", "LH" or "" (not significant).
std::string to_string(ClusterType type);

}  // namespace hotspot
