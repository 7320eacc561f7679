// False discovery rate control (Benjamini & Hochberg 1995) and ArcGIS's Gi_Bin confidence bins.
//
// Gi_Bin is -3..+3: +/-3 significant at 99 %, +/-2 at 95 %, +/-1 at 90 %, 0 not significant, with the sign of the
// z-score. With FDR on (ArcGIS's default for Hot Spot Analysis), each level's critical p-value is the
// Benjamini-Hochberg one: the largest p_(k) (k-th smallest of the m finite p-values) with p_(k) <= k alpha / m;
// units with p at or below it are significant at that level. With FDR off the critical p-value is alpha itself.
// Units with a NaN p-value or z-score get bin 0 and do not count in m.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace hotspot {

// Whether Gi_Bin / COType significance uses the false discovery rate correction (Benjamini-Hochberg) or the
// per-unit level.
enum class FdrCorrection { kOff, kOn };

// The BH critical p-value at level alpha; 0 when no p-value passes (nothing significant).
double bh_critical_p(std::span<const double> p, double alpha);

// BH adjusted p-values (q-values): min over k' >= k of m p_(k') / k', capped at 1; NaN stays NaN.
std::vector<double> bh_adjusted(std::span<const double> p);

struct BinThresholds {
  double p90 = 0.10, p95 = 0.05, p99 = 0.01;  // critical p-values per confidence level
};

BinThresholds bin_thresholds(std::span<const double> p, bool fdr);

// Gi_Bin for each unit.
std::vector<int> confidence_bins(std::span<const double> z, std::span<const double> p, bool fdr);

}  // namespace hotspot
