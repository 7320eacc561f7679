#include "engine/spacetime/space_time_gistar.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "engine/hotspot/fdr.h"
#include "engine/hotspot/gistar.h"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Moments {
  double mean = 0.0, sd = 0.0, n = 0.0;
};

// Mean and population standard deviation of the bins of steps [t0, t1) of every location.
Moments moments(const SpaceTimeCube& cube, size_t t0, size_t t1) {
  Moments m;
  const size_t steps = cube.steps();
  double sum = 0.0;
  for (size_t i = 0; i < cube.locations(); ++i)
    for (size_t t = t0; t < t1; ++t) sum += cube.counts[i * steps + t];
  m.n = static_cast<double>(cube.locations() * (t1 - t0));
  m.mean = sum / m.n;
  double ss = 0.0;
  for (size_t i = 0; i < cube.locations(); ++i)
    for (size_t t = t0; t < t1; ++t) ss += (cube.counts[i * steps + t] - m.mean) * (cube.counts[i * steps + t] - m.mean);
  m.sd = std::sqrt(ss / m.n);
  if (!(m.sd > 0.0))
    throw std::invalid_argument("space-time Gi*: every bin of the global window has the same count (" +
                                std::to_string(m.mean) + "): zero variance, no hot or cold spot can be tested");
  return m;
}

// Per location and step, the sum of the location's counts over steps [t - N, t] (those that exist), and the number
// of steps in it.
std::vector<double> temporal_window_sums(const SpaceTimeCube& cube, size_t lag) {
  const size_t steps = cube.steps();
  std::vector<double> out(cube.counts.size(), 0.0);
  for (size_t i = 0; i < cube.locations(); ++i) {
    double running = 0.0;
    for (size_t t = 0; t < steps; ++t) {
      running += cube.counts[i * steps + t];
      if (t > lag) running -= cube.counts[i * steps + t - lag - 1];
      out[i * steps + t] = running;
    }
  }
  return out;
}

// z and p of every bin, given per-bin neighbourhood sums over time and the moments of each bin's window.
void z_scores(const SpaceTimeCube& cube, const SpatialWeights& w, size_t lag, const std::vector<Moments>& per_step,
              SpaceTimeGi& r) {
  const size_t steps = cube.steps();
  const std::vector<double> window = temporal_window_sums(cube, lag);
  std::vector<double> lag_sum(steps);
  for (size_t i = 0; i < cube.locations(); ++i) {
    std::fill(lag_sum.begin(), lag_sum.end(), 0.0);
    double wi = 0.0, s1 = 0.0;
    for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
      const double wk = w.weight_at(k);
      const double* src = window.data() + static_cast<size_t>(w.neighbors[k]) * steps;
      for (size_t t = 0; t < steps; ++t) lag_sum[t] += wk * src[t];
      wi += wk;
      s1 += wk * wk;
    }
    for (size_t t = 0; t < steps; ++t) {
      const Moments& m = per_step[t];
      const double in_window = static_cast<double>(std::min(t, lag) + 1);
      const double W = wi * in_window, S1 = s1 * in_window;
      const double vden = (m.n * S1 - W * W) / (m.n - 1.0);
      const size_t b = i * steps + t;
      if (!(vden > 1e-12 * m.n * S1)) continue;
      r.z[b] = (lag_sum[t] - m.mean * W) / (m.sd * std::sqrt(vden));
      r.p[b] = two_sided_normal_p(r.z[b]);
    }
  }
}

// Gi_Bin per step, FDR over the step's locations.
void bins_per_step(const SpaceTimeCube& cube, FdrCorrection fdr, SpaceTimeGi& r) {
  const size_t steps = cube.steps(), n = cube.locations();
  std::vector<double> z(n), p(n);
  for (size_t t = 0; t < steps; ++t) {
    for (size_t i = 0; i < n; ++i) {
      z[i] = r.z[i * steps + t];
      p[i] = r.p[i * steps + t];
    }
    const std::vector<int> bins = confidence_bins(z, p, fdr == FdrCorrection::kOn);
    for (size_t i = 0; i < n; ++i) r.bin[i * steps + t] = bins[i];
  }
}

}  // namespace

SpaceTimeGi space_time_gi_star(const SpaceTimeCube& cube, const SpatialWeights& w, const SpaceTimeGiOptions& o) {
  if (w.n != cube.locations())
    throw std::invalid_argument("space-time Gi*: weights over " + std::to_string(w.n) + " units for " +
                                std::to_string(cube.locations()) + " locations");
  if (o.neighborhood_steps < 0) throw std::invalid_argument("--neighborhood-steps cannot be negative");
  if (cube.locations() < 2) throw std::invalid_argument("space-time Gi*: needs at least 2 locations");
  const size_t steps = cube.steps();
  SpaceTimeGi r;
  r.steps = steps;
  r.z.assign(cube.counts.size(), kNaN);
  r.p.assign(cube.counts.size(), kNaN);
  r.bin.assign(cube.counts.size(), 0);
  std::vector<Moments> per_step(steps);
  size_t lag = static_cast<size_t>(o.neighborhood_steps);
  if (o.window == GlobalWindow::kEntireCube) {
    std::fill(per_step.begin(), per_step.end(), moments(cube, 0, steps));
  } else {
    lag = 0;
    for (size_t t = 0; t < steps; ++t) per_step[t] = moments(cube, t, t + 1);
  }
  z_scores(cube, w, lag, per_step, r);
  bins_per_step(cube, o.fdr, r);
  return r;
}

}  // namespace hotspot
