// The exact law of the engine's permutation pseudo-p of one unit (binary weights, non-negative integer values), and
// Bernstein's margin for sums of independent bounded variables: the truth gistar_test.cc checks Monte Carlo
// pseudo-p values against.
//
// What engine/hotspot/gistar.cc draws: for unit i with m neighbours other than itself, each of the R permutations
// keeps x_i in its own slot and draws m distinct units uniformly, without replacement, from the n - 1 others; the
// permuted sum is s = x_i + D, D the sum of the drawn values. It counts U = #{s >= observed} and Lo = #{s <= observed}
// (a tie counts in both) and reports p = min(1, 2 (min(U, Lo) + 1) / (R + 1)).
//
// The law: with S the observed sum of the m neighbours, one permutation is in the lower tail with probability
// tau_lo = P(D <= S) and in the upper one with tau_up = P(D >= S) = 1 - P(D <= S - 1), D multivariate
// hypergeometric (sum_cdf_without_replacement below). The R permutations are independent, so Lo ~ Binomial(R, tau_lo)
// and U ~ Binomial(R, tau_up). They are dependent, but every permutation counts in U or in Lo, so U + Lo >= R and
// "U <= k and Lo <= k" is impossible for 2 k < R: P(min(U, Lo) <= k) = P(U <= k) + P(Lo <= k) exactly for k < R / 2.
// p reaches 1 at min(U, Lo) = kp1 = ceil((R - 1) / 2) and every k < kp1 is below R / 2, so the law of p needs only
// the two marginals.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

namespace hotspot::testing {

inline double log_choose(double a, double b) { return std::lgamma(a + 1.0) - std::lgamma(b + 1.0) - std::lgamma(a - b + 1.0); }

// P(D <= s_max) for D the sum of m values drawn uniformly without replacement from a finite population given as
// value -> how many units hold it (values non-negative integers). Counts the m-subsets with sum <= s_max: those take
// only values <= s_max; f[j][s] = the number of ways to take j units of value >= 1 with sum s (j <= s <= s_max), the
// other m - j being zeros: sum_{j,s} f[j][s] C(zeros, m - j) / C(population, m).
inline double sum_cdf_without_replacement(const std::map<long, long>& count_of_value, long m, long s_max) {
  if (s_max < 0) return 0.0;
  long population = 0;
  for (const auto& [v, c] : count_of_value) {
    if (v < 0 || c < 0) throw std::invalid_argument("sum_cdf_without_replacement: negative value or count");
    population += c;
  }
  if (m > population) throw std::invalid_argument("sum_cdf_without_replacement: more draws than units");
  const size_t side = static_cast<size_t>(s_max) + 1;
  std::vector<std::vector<double>> f(side, std::vector<double>(side, 0.0));
  f[0][0] = 1.0;
  for (const auto& [v, c] : count_of_value) {
    if (v == 0 || v > s_max) continue;
    std::vector<std::vector<double>> g = f;  // t = 0 units of value v
    for (long j = 0; j <= s_max; ++j)
      for (long s = 0; s <= s_max; ++s) {
        if (f[j][s] == 0.0) continue;
        for (long t = 1; t <= c && j + t <= s_max && s + v * t <= s_max; ++t)
          g[j + t][s + v * t] += f[j][s] * std::exp(log_choose(c, t));
      }
    f = std::move(g);
  }
  const auto zeros_it = count_of_value.find(0);
  const long zeros = zeros_it == count_of_value.end() ? 0 : zeros_it->second;
  double p = 0.0;
  for (long j = 0; j <= std::min(m, s_max); ++j) {
    if (m - j > zeros) continue;
    double ways = 0.0;
    for (long s = 0; s <= s_max; ++s) ways += f[j][s];
    p += ways * std::exp(log_choose(zeros, m - j) - log_choose(population, m));
  }
  return std::min(1.0, p);
}

// P(B <= k) for B ~ Binomial(R, tau), k = 0..k_max.
inline std::vector<double> binomial_cdf(int R, double tau, int k_max) {
  std::vector<double> cdf(static_cast<size_t>(k_max) + 1, 0.0);
  double acc = 0.0;
  for (int k = 0; k <= k_max; ++k) {
    if (tau <= 0.0) acc = 1.0;
    else if (tau < 1.0)
      acc += std::exp(log_choose(R, k) + k * std::log(tau) + (R - k) * std::log1p(-tau));
    else acc = k == R ? 1.0 : 0.0;
    cdf[static_cast<size_t>(k)] = std::min(1.0, acc);
  }
  return cdf;
}

// The law of p = min(1, 2 (K + 1) / (R + 1)) over the categories K = 0..kp1 (K = kp1 stands for min(U, Lo) >= kp1,
// p = 1), from tau_lo and tau_up as in the file comment.
struct PseudoPLaw {
  int R = 0;
  std::vector<double> prob;  // P(K = k)

  PseudoPLaw(int permutations, double tau_lo, double tau_up) : R(permutations) {
    const int kp1 = R / 2;  // = ceil((R - 1) / 2)
    const std::vector<double> lo = binomial_cdf(R, tau_lo, kp1), up = binomial_cdf(R, tau_up, kp1);
    double below = 0.0;  // P(K < k)
    for (int k = 0; k < kp1; ++k) {
      const double at_most = std::min(1.0, lo[static_cast<size_t>(k)] + up[static_cast<size_t>(k)]);
      prob.push_back(at_most - below);
      below = at_most;
    }
    prob.push_back(1.0 - below);
  }
  int top() const { return static_cast<int>(prob.size()) - 1; }
  double p_of(int k) const { return std::min(1.0, 2.0 * (k + 1) / (R + 1)); }
  // The category of an engine p: top() for p = 1, else k if p = 2 (k + 1) / (R + 1) with k < top(); -1 if p is none
  // of the values p_of can take.
  int category(double p) const {
    if (p == 1.0) return top();
    const double k = p * (R + 1) / 2.0 - 1.0;
    const long kr = std::lround(k);
    return std::fabs(k - static_cast<double>(kr)) <= 1e-9 && kr >= 0 && kr < top() ? static_cast<int>(kr) : -1;
  }
  double mean() const {
    double e = 0.0;
    for (int k = 0; k <= top(); ++k) e += prob[static_cast<size_t>(k)] * p_of(k);
    return e;
  }
  double variance() const {
    double e2 = 0.0;
    for (int k = 0; k <= top(); ++k) e2 += prob[static_cast<size_t>(k)] * p_of(k) * p_of(k);
    return std::max(0.0, e2 - mean() * mean());
  }
  // Comparisons of p_of(k) with a threshold, tolerant to the last bit (thresholds may be computed otherwise).
  bool p_at_most(int k, double alpha) const { return p_of(k) <= alpha + 1e-12; }
  bool p_at_least(int k, double threshold) const { return p_of(k) >= threshold - 1e-12; }
  double prob_p_at_most(double alpha) const {
    double s = 0.0;
    for (int k = 0; k <= top(); ++k) s += p_at_most(k, alpha) ? prob[static_cast<size_t>(k)] : 0.0;
    return s;
  }
  double prob_p_at_least(double threshold) const {
    double s = 0.0;
    for (int k = 0; k <= top(); ++k) s += p_at_least(k, threshold) ? prob[static_cast<size_t>(k)] : 0.0;
    return s;
  }
  // [lo, hi]: the categories outside have probability <= beta in all (at most beta / 2 on each side).
  std::pair<int, int> interval(double beta) const {
    int lo = 0, hi = top();
    double below = 0.0, above = 0.0;
    while (lo < top() && below + prob[static_cast<size_t>(lo)] <= beta / 2) below += prob[static_cast<size_t>(lo++)];
    while (hi > 0 && above + prob[static_cast<size_t>(hi)] <= beta / 2) above += prob[static_cast<size_t>(hi--)];
    return {lo, hi};
  }
};

// Bernstein: for a sum of independent variables with |X_i - E X_i| <= b and total variance V,
// P(sum - E >= t) <= exp(-t^2 / (2 V + 2 b t / 3)); the t that makes this delta is
// b L / 3 + sqrt(b^2 L^2 / 9 + 2 L V), L = ln(1 / delta). Two-sided: use delta / 2 on each side.
inline double bernstein_margin(double variance, double range, double delta) {
  const double L = std::log(1.0 / delta);
  return range * L / 3.0 + std::sqrt(range * range * L * L / 9.0 + 2.0 * L * variance);
}

}  // namespace hotspot::testing
