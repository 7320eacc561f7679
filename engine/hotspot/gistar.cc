#include "engine/hotspot/gistar.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/core/parallel_for.h"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr size_t kUnitsPerChunk = 1024;         // parallel work items of the z scores
constexpr size_t kPermutedUnitsPerChunk = 64;   // of the permutations (each unit costs R draws per neighbour)

uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// SplitMix64: small, fast and statistically sound for Monte Carlo; one stream per unit.
class UnitRng {
 public:
  UnitRng(uint64_t seed, uint64_t unit) : state_(mix64(mix64(seed) ^ (unit * 0xD1B54A32D192ED03ULL + 0x9E3779B97F4A7C15ULL))) {}
  uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return mix64(state_);
  }
  uint32_t next32() {
    if (have_) {
      have_ = false;
      return static_cast<uint32_t>(buffer_ >> 32);
    }
    buffer_ = next();
    have_ = true;
    return static_cast<uint32_t>(buffer_);
  }
  // Uniform integer in [0, range), range >= 1 (Lemire's multiply-shift with rejection: exactly uniform).
  uint32_t below(uint32_t range) {
    uint64_t m = static_cast<uint64_t>(next32()) * range;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < range) {
      const uint32_t threshold = static_cast<uint32_t>(-range) % range;
      while (low < threshold) {
        m = static_cast<uint64_t>(next32()) * range;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

 private:
  uint64_t state_;
  uint64_t buffer_ = 0;
  bool have_ = false;
};

void check_inputs(std::span<const double> x, const SpatialWeights& w, const GiStarOptions& o) {
  const size_t n = x.size();
  if (w.n != n)
    throw std::invalid_argument("Gi*: " + std::to_string(n) + " values for weights over " + std::to_string(w.n) + " units");
  if (n < 2) throw std::invalid_argument("Gi*: needs at least 2 analysis units, got " + std::to_string(n));
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i])) throw std::invalid_argument("Gi*: value of unit " + std::to_string(i) + " is not finite");
  if (o.permutations < 0) throw std::invalid_argument("Gi*: the number of permutations cannot be negative");
  if (o.permutations > 0 && n > std::numeric_limits<uint32_t>::max())
    throw std::invalid_argument("Gi*: too many units for permutations");
}

// The mean and population standard deviation of the values into `r`; throws when they are all equal, warns when
// there are fewer than 30.
void describe_values(std::span<const double> x, GiStarResult& r) {
  const size_t n = x.size();
  const double dn = static_cast<double>(n);
  double sum = 0.0;
  for (double v : x) sum += v;
  const double mean = sum / dn;
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double var = ss / dn;
  r.mean = mean;
  r.sd = std::sqrt(var);
  bool all_equal = true;
  for (double v : x)
    if (v != x[0]) {
      all_equal = false;
      break;
    }
  if (all_equal || !(var > 0.0))
    throw std::invalid_argument("Gi*: all " + std::to_string(n) + " analysis units have the same value (" +
                                std::to_string(x[0]) + "): zero variance, so no hot or cold spot can be tested");
  if (n < 30)
    r.warnings.push_back("only " + std::to_string(n) +
                         " analysis units: Gi* results are unreliable with fewer than 30 features (ArcGIS says the same)");
}

// The analytic z and p of every unit (NaN where undefined) and the count of undefined ones; throws when no unit has
// a neighbour.
void analytic_z(std::span<const double> x, const SpatialWeights& w, int threads, GiStarResult& r) {
  const size_t n = x.size();
  const double dn = static_cast<double>(n);
  r.z.assign(n, kNaN);
  r.p.assign(n, kNaN);
  r.n_neighbors.assign(n, 0);
  const double mean = r.mean, sd = r.sd;
  std::atomic<size_t> undefined{0};
  parallel_for(n, ParallelFor{threads, kUnitsPerChunk}, [&](const ChunkRange& units) {
    size_t bad = 0;
    for (size_t i = units.begin; i < units.end; ++i) {
      double lag = 0.0, wi = 0.0, s1 = 0.0;
      const uint64_t kb = w.offsets[i], ke = w.offsets[i + 1];
      if (w.binary()) {
        for (uint64_t k = kb; k < ke; ++k) lag += x[w.neighbors[k]];
        wi = static_cast<double>(ke - kb);
        s1 = wi;
      } else {
        for (uint64_t k = kb; k < ke; ++k) {
          const double wk = w.weights[k];
          lag += wk * x[w.neighbors[k]];
          wi += wk;
          s1 += wk * wk;
        }
      }
      const size_t others = w.neighbor_count(i);
      r.n_neighbors[i] = static_cast<uint32_t>(others + (w.self_included ? 1 : 0));
      const double vden = (dn * s1 - wi * wi) / (dn - 1.0);
      if (others == 0 || !(vden > 1e-12 * dn * s1)) {
        ++bad;
        continue;
      }
      const double z = (lag - mean * wi) / (sd * std::sqrt(vden));
      r.z[i] = z;
      r.p[i] = two_sided_normal_p(z);
    }
    undefined += bad;
  });
  r.undefined = undefined.load();
  if (r.undefined > 0)
    r.warnings.push_back(std::to_string(r.undefined) +
                         " analysis unit(s) have no neighbour within the weights (or every unit as neighbour): their "
                         "Gi* is null");
  if (r.undefined == n)
    throw std::invalid_argument("Gi*: no analysis unit has a neighbour other than itself; use a larger distance band");
}

// A unit's value as an integer (when every value is one, see integer_values) beside the mark of the last
// permutation that drew it: a draw of counts touches one 8-byte slot.
struct DrawSlot {
  int32_t count;
  uint32_t stamp;  // == gen: already drawn in this permutation
};

// Whether every value is an integer small enough that sums of them are exact in int64 and in doubles: then binary
// neighbour sums are added as integers, which gives the same sums (each partial sum is exact either way) faster.
bool integer_values(std::span<const double> x) {
  for (double v : x)
    if (!(std::fabs(v) <= 2147483647.0) || v != std::floor(v)) return false;
  return true;
}

// One unit drawn without replacement from the units other than i; marks it drawn in permutation `gen`.
inline size_t draw(UnitRng& rng, std::vector<DrawSlot>& slots, uint32_t pool, size_t i, uint32_t gen) {
  size_t j;
  do {
    const uint32_t t = rng.below(pool);
    j = t + (t >= i ? 1 : 0);
  } while (slots[j].stamp == gen);
  slots[j].stamp = gen;
  return j;
}

// One thread's scratch for the draws.
struct DrawScratch {
  std::vector<DrawSlot> slots;  // per unit
  uint32_t gen = 0;
  bool integers = false;        // integer_values(x)
  std::vector<double> wts;      // the weights of the row's slots other than the unit's own
};

// The folded pseudo p-values of one chunk of units: R times, the slots of row i other than its own receive values
// drawn without replacement from the other n - 1 values.
void permute_chunk(std::span<const double> x, const SpatialWeights& w, const GiStarOptions& o, const ChunkRange& units,
                   DrawScratch& scratch, GiStarResult& r) {
  // Locals, not references into the scratch, so that the stores into the slots cannot alias gen in the draw loop.
  std::vector<DrawSlot> slots = std::move(scratch.slots);
  uint32_t gen = scratch.gen;
  std::vector<double>& wts = scratch.wts;
  const size_t n = x.size();
  const int R = o.permutations;
  for (size_t i = units.begin; i < units.end; ++i) {
    if (!std::isfinite(r.z[i])) continue;
    const uint64_t kb = w.offsets[i], ke = w.offsets[i + 1];
    double self_w = 0.0, observed = 0.0;
    wts.clear();
    for (uint64_t k = kb; k < ke; ++k) {
      const double wk = w.weight_at(k);
      observed += wk * x[w.neighbors[k]];
      if (w.neighbors[k] == i) self_w += wk;
      else wts.push_back(wk);
    }
    const size_t m = wts.size();
    if (m > n - 1) continue;  // duplicate neighbour entries: cannot draw that many distinct values
    const double xi = x[i];
    // Ties count in both tails (conservative); sums of counts are exact in doubles.
    const double tol = 1e-12 * (std::fabs(observed) + 1.0);
    const uint32_t pool = static_cast<uint32_t>(n - 1);
    UnitRng rng(o.seed, i);
    int64_t upper = 0, lower = 0;
    const bool binary = w.binary(), integers = binary && scratch.integers;
    for (int rep = 0; rep < R; ++rep) {
      if (++gen == 0) {
        for (DrawSlot& d : slots) d.stamp = 0;
        gen = 1;
      }
      double s = self_w * xi;
      if (integers) {
        int64_t sum = 0;
        for (size_t k = 0; k < m; ++k) sum += slots[draw(rng, slots, pool, i, gen)].count;
        s += static_cast<double>(sum);
      } else {
        for (size_t k = 0; k < m; ++k) {
          const double v = x[draw(rng, slots, pool, i, gen)];
          s += binary ? v : wts[k] * v;
        }
      }
      upper += s >= observed - tol;
      lower += s <= observed + tol;
    }
    const double tail = static_cast<double>(std::min(upper, lower) + 1) / static_cast<double>(R + 1);
    r.pseudo_p[i] = std::min(1.0, 2.0 * tail);
  }
  scratch.slots = std::move(slots);
  scratch.gen = gen;
}

// Conditional permutations: the pseudo p-value of every unit whose z is defined.
void conditional_permutations(std::span<const double> x, const SpatialWeights& w, const GiStarOptions& o,
                              Progress* progress, GiStarResult& r) {
  const size_t n = x.size();
  r.pseudo_p.assign(n, kNaN);
  const ParallelFor how{o.threads, kPermutedUnitsPerChunk, progress, "permutations"};
  parallel_for(n, how,
               [x, integers = integer_values(x)]() {
                 DrawScratch d;
                 d.slots.reserve(x.size());
                 for (double v : x) d.slots.push_back({integers ? static_cast<int32_t>(v) : 0, 0});
                 d.integers = integers;
                 return d;
               },
               [&](DrawScratch& scratch, const ChunkRange& units) { permute_chunk(x, w, o, units, scratch, r); });
}

}  // namespace

double two_sided_normal_p(double z) { return std::isfinite(z) ? std::erfc(std::fabs(z) / std::sqrt(2.0)) : kNaN; }

GiStarResult gi_star(std::span<const double> x, const SpatialWeights& w, const GiStarOptions& o, Progress* progress) {
  check_inputs(x, w, o);
  GiStarResult r;
  describe_values(x, r);
  analytic_z(x, w, o.threads, r);
  if (o.permutations > 0) conditional_permutations(x, w, o, progress, r);
  return r;
}

}  // namespace hotspot
