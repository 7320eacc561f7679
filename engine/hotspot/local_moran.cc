#include "engine/hotspot/local_moran.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/hotspot/fdr.h"
#include "engine/hotspot/gistar.h"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_options(std::span<const double> x, const SpatialWeights& w, const LocalMoranOptions& o) {
  check_moran_inputs(x, w, "Local Moran's I");
  if (x.size() < 3)
    throw std::invalid_argument("Local Moran's I: needs at least 3 analysis units, got " + std::to_string(x.size()));
  if (!(o.alpha > 0.0 && o.alpha < 1.0))
    throw std::invalid_argument("Local Moran's I: the significance level must be between 0 and 1, got " +
                                std::to_string(o.alpha));
  if (o.permutations < 0) throw std::invalid_argument("Local Moran's I: the number of permutations cannot be negative");
}

// The moments of the deviations that every unit's statistic uses.
struct Moments {
  double mean = 0.0;
  double m2 = 0.0;  // sum z^2 / n
  double b2 = 0.0;  // (sum z^4 / n) / m2^2
};

Moments moments(std::span<const double> x) {
  const double n = static_cast<double>(x.size());
  Moments m;
  for (double v : x) m.mean += v;
  m.mean /= n;
  double z2 = 0.0, z4 = 0.0;
  for (double v : x) {
    const double z = v - m.mean;
    z2 += z * z;
    z4 += z * z * z * z;
  }
  m.m2 = z2 / n;
  m.b2 = (z4 / n) / (m.m2 * m.m2);
  return m;
}

// I_i, its moments, z and p of every unit; also the lag of the deviations for the quadrants.
void analytic(std::span<const double> x, const SpatialWeights& w, LocalMoranMoments kind, const Moments& m,
              LocalMoranResult& r, std::vector<double>& lag) {
  const size_t count = x.size();
  const double n = static_cast<double>(count);
  r.ii.assign(count, 0.0);
  r.expected.assign(count, 0.0);
  r.variance.assign(count, 0.0);
  r.z.assign(count, kNaN);
  r.p.assign(count, kNaN);
  r.n_neighbors.assign(count, 0);
  lag.assign(count, 0.0);
  for (size_t i = 0; i < count; ++i) {
    double wi = 0.0, wi2 = 0.0;
    for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
      const double wk = w.weight_at(k);
      lag[i] += wk * (x[w.neighbors[k]] - m.mean);
      wi += wk;
      wi2 += wk * wk;
    }
    r.n_neighbors[i] = static_cast<uint32_t>(w.row_size(i));
    const double zi = x[i] - m.mean;
    r.ii[i] = zi / m.m2 * lag[i];
    if (kind == LocalMoranMoments::kConditional) {
      r.expected[i] = -(zi * zi * wi) / ((n - 1.0) * m.m2);
      r.variance[i] = (zi / m.m2) * (zi / m.m2) * (n / (n - 2.0)) * (wi2 - wi * wi / (n - 1.0)) *
                      (m.m2 - zi * zi / (n - 1.0));
    } else {
      r.expected[i] = -wi / (n - 1.0);
      r.variance[i] = wi2 * (n - m.b2) / (n - 1.0) + (wi * wi - wi2) * (2.0 * m.b2 - n) / ((n - 1.0) * (n - 2.0)) -
                      r.expected[i] * r.expected[i];
    }
    if (w.row_size(i) == 0 || !(r.variance[i] > 0.0)) {
      ++r.undefined;
      continue;
    }
    r.z[i] = (r.ii[i] - r.expected[i]) / std::sqrt(r.variance[i]);
    r.p[i] = two_sided_normal_p(r.z[i]);
  }
}

// The conditional permutations are Gi's (gi_star on weights without self): the neighbour sum's draws. A unit whose
// value is exactly the mean has I_i = 0 in every draw: its pseudo p is 1.
void permutation_p(std::span<const double> x, const SpatialWeights& w, const LocalMoranOptions& o, const Moments& m,
                   Progress* progress, LocalMoranResult& r) {
  GiStarOptions go;
  go.permutations = o.permutations;
  go.seed = o.seed;
  go.threads = o.threads;
  r.pseudo_p = gi_star(x, w, go, progress).pseudo_p;
  for (size_t i = 0; i < x.size(); ++i) {
    if (w.row_size(i) == 0) r.pseudo_p[i] = kNaN;
    else if (x[i] == m.mean) r.pseudo_p[i] = 1.0;
  }
}

ClusterType quadrant(double zi, double lag) {
  const bool high = zi > 0.0, high_around = lag > 0.0;
  if (high) return high_around ? ClusterType::kHighHigh : ClusterType::kHighLow;
  return high_around ? ClusterType::kLowHigh : ClusterType::kLowLow;
}

void classify(std::span<const double> x, const LocalMoranOptions& o, const Moments& m, const std::vector<double>& lag,
              LocalMoranResult& r) {
  const std::vector<double>& p = r.significance_p();
  r.critical_p = o.fdr == FdrCorrection::kOn ? bh_critical_p(p, o.alpha) : o.alpha;
  r.type.assign(x.size(), ClusterType::kNone);
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(r.z[i]) || !std::isfinite(p[i])) continue;
    if (r.critical_p > 0.0 && p[i] <= r.critical_p) r.type[i] = quadrant(x[i] - m.mean, lag[i]);
  }
}

}  // namespace

LocalMoranResult local_moran(std::span<const double> x, const SpatialWeights& weights, const LocalMoranOptions& o,
                             Progress* progress) {
  check_options(x, weights, o);
  const SpatialWeights w = moran_weights(weights, o.standardisation);
  if (w.summary().without_neighbors == x.size())
    throw std::invalid_argument("Local Moran's I: no analysis unit has a neighbour; use a larger distance band");
  const Moments m = moments(x);
  LocalMoranResult r;
  r.mean = m.mean;
  std::vector<double> lag;
  analytic(x, w, o.moments, m, r, lag);
  // The ranks of the draws do not change when a row is scaled, so the permutations run on the weights as given
  // (binary ones take gi_star's faster path, and their sums tie exactly).
  if (o.permutations > 0) permutation_p(x, weights, o, m, progress, r);
  classify(x, o, m, lag, r);
  if (x.size() < 30)
    r.warnings.push_back("only " + std::to_string(x.size()) +
                         " analysis units: Local Moran's I is unreliable with fewer than 30 features (ArcGIS says the "
                         "same)");
  if (r.undefined > 0)
    r.warnings.push_back(std::to_string(r.undefined) +
                         " analysis unit(s) have no neighbour within the weights (or a zero variance): their Local "
                         "Moran's I z-score is null");
  return r;
}

std::string to_string(ClusterType t) {
  switch (t) {
    case ClusterType::kHighHigh: return "HH";
    case ClusterType::kLowLow: return "LL";
    case ClusterType::kHighLow: return "HL";
    case ClusterType::kLowHigh: return "LH";
    case ClusterType::kNone: return "";
  }
  return "";
}

}  // namespace hotspot
