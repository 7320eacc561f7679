#include "engine/hotspot/fdr.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hotspot {

namespace {

std::vector<double> sorted_finite(std::span<const double> p) {
  std::vector<double> s;
  s.reserve(p.size());
  for (double v : p)
    if (std::isfinite(v)) s.push_back(v);
  std::sort(s.begin(), s.end());
  return s;
}

double critical_from_sorted(const std::vector<double>& s, double alpha) {
  const double m = static_cast<double>(s.size());
  for (size_t k = s.size(); k > 0; --k)
    if (s[k - 1] <= static_cast<double>(k) * alpha / m) return s[k - 1];
  return 0.0;
}

}  // namespace

double bh_critical_p(std::span<const double> p, double alpha) { return critical_from_sorted(sorted_finite(p), alpha); }

std::vector<double> bh_adjusted(std::span<const double> p) {
  std::vector<size_t> order;
  for (size_t i = 0; i < p.size(); ++i)
    if (std::isfinite(p[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  std::vector<double> q(p.size(), std::numeric_limits<double>::quiet_NaN());
  const double m = static_cast<double>(order.size());
  double running = 1.0;
  for (size_t k = order.size(); k > 0; --k) {
    const size_t i = order[k - 1];
    running = std::min(running, p[i] * m / static_cast<double>(k));
    q[i] = running;
  }
  return q;
}

BinThresholds bin_thresholds(std::span<const double> p, bool fdr) {
  BinThresholds t;
  if (!fdr) return t;
  const std::vector<double> s = sorted_finite(p);
  t.p90 = critical_from_sorted(s, 0.10);
  t.p95 = critical_from_sorted(s, 0.05);
  t.p99 = critical_from_sorted(s, 0.01);
  return t;
}

std::vector<int> confidence_bins(std::span<const double> z, std::span<const double> p, bool fdr) {
  const BinThresholds t = bin_thresholds(p, fdr);
  std::vector<int> bins(p.size(), 0);
  for (size_t i = 0; i < p.size(); ++i) {
    if (!std::isfinite(p[i]) || i >= z.size() || !std::isfinite(z[i]) || z[i] == 0.0) continue;
    // With FDR off a threshold is alpha itself; with FDR on a threshold of 0 means nothing passes at that level.
    auto passes = [&](double crit) { return fdr ? (crit > 0.0 && p[i] <= crit) : p[i] <= crit; };
    int level = 0;
    if (passes(t.p99)) level = 3;
    else if (passes(t.p95)) level = 2;
    else if (passes(t.p90)) level = 1;
    bins[i] = z[i] > 0 ? level : -level;
  }
  return bins;
}

}  // namespace hotspot
