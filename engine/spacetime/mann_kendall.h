// The Mann-Kendall trend test (Mann 1945, Kendall 1975) with the ties correction, as ArcGIS's Emerging Hot Spot
// Analysis applies it to each location's series:
//
//   S      = sum over i < j of sign(x_j - x_i)
//   Var(S) = [n (n - 1) (2n + 5) - sum over tie groups of t (t - 1) (2t + 5)] / 18
//   Z      = (S - 1) / sqrt(Var(S)) for S > 0, (S + 1) / sqrt(Var(S)) for S < 0, 0 for S = 0 (continuity correction)
//   p      = 2 (1 - Phi(|Z|)), two-sided
//
// t is the size of a group of exactly equal values. NaN values (an undefined Gi*) are left out and n counts the
// others. With fewer than 2 values, or a zero variance (all values equal), Z and p are NaN.
#pragma once

#include <span>

namespace hotspot {

struct MannKendall {
  double s = 0.0;
  double var_s = 0.0;
  double z = 0.0;  // NaN when undefined
  double p = 1.0;  // NaN when undefined
  size_t n = 0;    // values used
  // +1 rising, -1 falling, 0 when S is 0 or undefined.
  int sign() const { return s > 0 ? 1 : (s < 0 ? -1 : 0); }
};

MannKendall mann_kendall(std::span<const double> series);

// The ties correction of Var(S): the sum over groups of equal values of t (t - 1) (2t + 5).
double mann_kendall_tie_term(std::span<const double> values);

}  // namespace hotspot
