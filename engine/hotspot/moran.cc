#include "engine/hotspot/moran.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/hotspot/gistar.h"

namespace hotspot {

namespace {

// w_ji, or 0 when j does not list i. Rows are sorted by column and the callers ask for increasing i, so each row j
// keeps a cursor that only moves forward: one pass over the weights in all, instead of a search per entry.
class TransposedWeights {
 public:
  explicit TransposedWeights(const SpatialWeights& w)
      : w_(w), cursor_(w.offsets.begin(), w.offsets.empty() ? w.offsets.begin() : w.offsets.end() - 1) {}
  double at(size_t i, size_t j) {
    uint64_t& k = cursor_[j];
    const uint64_t end = w_.offsets[j + 1];
    while (k < end && w_.neighbors[k] < i) ++k;
    return k < end && w_.neighbors[k] == i ? w_.weight_at(k) : 0.0;
  }

 private:
  const SpatialWeights& w_;
  std::vector<uint64_t> cursor_;
};

struct WeightConstants {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0;
  size_t with_neighbors = 0;
};

WeightConstants weight_constants(const SpatialWeights& w) {
  WeightConstants c;
  std::vector<double> row_sum(w.n, 0.0), col_sum(w.n, 0.0);
  TransposedWeights transposed(w);
  for (size_t i = 0; i < w.n; ++i) {
    if (w.row_size(i) > 0) ++c.with_neighbors;
    for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
      const size_t j = w.neighbors[k];
      const double wij = w.weight_at(k);
      row_sum[i] += wij;
      col_sum[j] += wij;
      c.s1 += wij * wij + wij * transposed.at(i, j);
    }
  }
  for (size_t i = 0; i < w.n; ++i) {
    c.s0 += row_sum[i];
    c.s2 += (row_sum[i] + col_sum[i]) * (row_sum[i] + col_sum[i]);
  }
  return c;
}

}  // namespace

SpatialWeights row_standardised(const SpatialWeights& w) {
  if (w.self_included) throw std::invalid_argument("row standardisation: the weights include the units themselves");
  SpatialWeights r = w;
  r.weights.assign(w.neighbors.size(), 0.0);
  for (size_t i = 0; i < w.n; ++i) {
    double sum = 0.0;
    for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) sum += w.weight_at(k);
    for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) r.weights[k] = w.weight_at(k) / sum;
  }
  return r;
}

SpatialWeights moran_weights(const SpatialWeights& w, WeightsStandardisation standardisation) {
  if (w.self_included)
    throw std::invalid_argument("Moran's I: the weights include the units themselves (build them without self)");
  return standardisation == WeightsStandardisation::kRow ? row_standardised(w) : w;
}

void check_moran_inputs(std::span<const double> x, const SpatialWeights& w, const std::string& statistic) {
  const size_t n = x.size();
  if (w.n != n)
    throw std::invalid_argument(statistic + ": " + std::to_string(n) + " values for weights over " +
                                std::to_string(w.n) + " units");
  if (w.self_included)
    throw std::invalid_argument(statistic + ": the weights include the units themselves (build them without self)");
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i]))
      throw std::invalid_argument(statistic + ": value of unit " + std::to_string(i) + " is not finite");
  if (n > 0 && std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; }))
    throw std::invalid_argument(statistic + ": all " + std::to_string(n) + " analysis units have the same value (" +
                                std::to_string(x[0]) + "): zero variance, so spatial autocorrelation is undefined");
}

MoranResult global_moran(std::span<const double> x, const SpatialWeights& weights, const MoranOptions& options) {
  check_moran_inputs(x, weights, "Moran's I");
  const SpatialWeights w = moran_weights(weights, options.standardisation);
  const WeightConstants c = weight_constants(w);
  MoranResult r;
  r.n = c.with_neighbors;
  r.without_neighbors = x.size() - c.with_neighbors;
  if (r.n < 4)
    throw std::invalid_argument("Moran's I: needs at least 4 analysis units with a neighbour, got " +
                                std::to_string(r.n));
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double zz = 0.0, z4 = 0.0, cross = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    const double zi = x[i] - mean;
    zz += zi * zi;
    z4 += zi * zi * zi * zi;
    double lag = 0.0;
    for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) lag += w.weight_at(k) * (x[w.neighbors[k]] - mean);
    cross += zi * lag;
  }
  const double n = static_cast<double>(r.n), s02 = c.s0 * c.s0;
  r.s0 = c.s0;
  r.s1 = c.s1;
  r.s2 = c.s2;
  r.kurtosis = static_cast<double>(x.size()) * z4 / (zz * zz);
  r.i = n / c.s0 * cross / zz;
  r.expected = -1.0 / (n - 1.0);
  const double a = n * (c.s1 * (n * n - 3.0 * n + 3.0) - n * c.s2 + 3.0 * s02);
  const double b = r.kurtosis * (c.s1 * (n * n - n) - 2.0 * n * c.s2 + 6.0 * s02);
  r.variance = (a - b) / ((n - 1.0) * (n - 2.0) * (n - 3.0) * s02) - r.expected * r.expected;
  if (!(r.variance > 0.0))
    throw std::invalid_argument("Moran's I: the variance under randomisation is not positive (" +
                                std::to_string(r.variance) + "): the values are too concentrated for the test");
  r.z = (r.i - r.expected) / std::sqrt(r.variance);
  r.p = two_sided_normal_p(r.z);
  if (x.size() < 30)
    r.warnings.push_back("only " + std::to_string(x.size()) +
                         " analysis units: Moran's I is unreliable with fewer than 30 features (ArcGIS says the same)");
  if (r.without_neighbors > 0)
    r.warnings.push_back(std::to_string(r.without_neighbors) +
                         " analysis unit(s) have no neighbour within the weights: they take no part in the pairs");
  return r;
}

std::string to_string(WeightsStandardisation s) {
  return s == WeightsStandardisation::kRow ? "row-standardised" : "as built (no standardisation)";
}

}  // namespace hotspot
