#include "engine/hotspot/gistar.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>

#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/fdr.h"
#include "engine/hotspot/spatial_weights.h"
#include "tests/engine/hotspot/exact_pseudo_p.h"

namespace hotspot {
namespace {

const std::string kGolden = std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/gistar/";

// A CSV with a header, as named columns of doubles ("NA"/"NaN" -> NaN).
std::map<std::string, std::vector<double>> read_columns(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  {
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ',')) names.push_back(c);
  }
  std::map<std::string, std::vector<double>> cols;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string c;
    for (size_t k = 0; k < names.size() && std::getline(ss, c, ','); ++k)
      cols[names[k]].push_back(c == "NA" || c == "NaN" || c == "nan" ? std::nan("") : std::stod(c));
  }
  return cols;
}

// The 27,360-cell reference: 10k points at 1000 ft cells, 3000 ft band (data/golden/gistar/README.md).
struct Reference {
  std::vector<double> x;
  std::vector<double> spdep_z, numpy_z, spdep_p, spdep_p_sim;
  AnalysisGrid grid = AnalysisGrid::square({1384000, 460000, 1536000, 640000}, 1000.0);
};

const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    auto cells = read_columns(kGolden + "cells_1000ft.csv");
    auto sp = read_columns(kGolden + "spdep_1000ft_band3000.csv");
    auto np = read_columns(kGolden + "numpy_1000ft_band3000.csv");
    r.x = cells["count"];
    r.spdep_z = sp["gi_z"];
    r.spdep_p = sp["p_norm"];
    r.spdep_p_sim = sp["p_sim"];
    r.numpy_z = np["gi_z"];
    return r;
  }();
  return ref;
}

TEST(GiStarTest, MatchesSpdepLocalGOn27360Cells) {
  const Reference& ref = reference();
  ASSERT_EQ(ref.x.size(), 27360u);
  ASSERT_EQ(ref.spdep_z.size(), 27360u);
  WeightsOptions wo;
  wo.band_crs = 3000.0;
  // Both neighbour paths: the fishnet stencil and the KD-tree over cell centres.
  const SpatialWeights stencil = fishnet_weights(ref.grid.ncols(), ref.grid.nrows(), 1000.0, {}, wo);
  const SpatialWeights kd = distance_weights(ref.grid.centroids(), wo);
  for (const SpatialWeights* w : {&stencil, &kd}) {
    const GiStarResult r = gi_star(ref.x, *w);
    double max_dz = 0, max_dp = 0;
    for (size_t i = 0; i < ref.x.size(); ++i) {
      ASSERT_TRUE(std::isfinite(r.z[i]));
      max_dz = std::max(max_dz, std::fabs(r.z[i] - ref.spdep_z[i]));
      max_dz = std::max(max_dz, std::fabs(r.z[i] - ref.numpy_z[i]));
      max_dp = std::max(max_dp, std::fabs(r.p[i] - ref.spdep_p[i]));
      ASSERT_EQ(r.n_neighbors[i], w->row_size(i));
    }
    EXPECT_LT(max_dz, 1e-9);
    EXPECT_LT(max_dp, 1e-12);
    EXPECT_TRUE(r.warnings.empty());
  }
}

// Gi* by its definition, straight from the formula with a dense weight function (for small hand cases).
std::vector<double> dense_gistar(const std::vector<double>& x, const std::function<double(size_t, size_t)>& w) {
  const size_t n = x.size();
  double mean = 0;
  for (double v : x) mean += v;
  mean /= n;
  double s2 = 0;
  for (double v : x) s2 += (v - mean) * (v - mean);
  const double s = std::sqrt(s2 / n);
  std::vector<double> z(n);
  for (size_t i = 0; i < n; ++i) {
    double lag = 0, wi = 0, s1 = 0;
    for (size_t j = 0; j < n; ++j) {
      lag += w(i, j) * x[j];
      wi += w(i, j);
      s1 += w(i, j) * w(i, j);
    }
    z[i] = (lag - mean * wi) / (s * std::sqrt((n * s1 - wi * wi) / (n - 1.0)));
  }
  return z;
}

TEST(GiStarTest, InverseDistanceHandComputed) {
  // Five units on a line 0, 2, 3, 7, 8 with values 1, 4, 5, 0, 2; inverse distance (power 1) within 4.
  const std::vector<Point> pts = {{0, 0, 1}, {2, 0, 1}, {3, 0, 1}, {7, 0, 1}, {8, 0, 1}};
  const std::vector<double> x = {1, 4, 5, 0, 2};
  WeightsOptions o;
  o.scheme = WeightScheme::kInverseDistance;
  o.band_crs = 4.0;
  const GiStarResult r = gi_star(x, distance_weights(pts, o));
  const auto z = dense_gistar(x, [&](size_t i, size_t j) {
    const double d = std::fabs(pts[i].x - pts[j].x);
    return i == j ? 1.0 : d <= 4.0 ? 1.0 / d : 0.0;
  });
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(r.z[i], z[i], 1e-12) << i;
  // Unit 1 by hand: lag = 1/2*1 + 4 + 1*5 = 9.5, W = 2.5, S1 = 2.25; mean 2.4, S^2 = 3.44.
  const double expect1 = (9.5 - 2.4 * 2.5) / (std::sqrt(3.44) * std::sqrt((5 * 2.25 - 6.25) / 4.0));
  EXPECT_NEAR(r.z[1], expect1, 1e-12);
  EXPECT_NEAR(r.p[1], std::erfc(std::fabs(expect1) / std::sqrt(2.0)), 1e-15);
  EXPECT_EQ(r.n_neighbors[1], 3u);  // 0, 2 and itself (3 is 5 away)
  EXPECT_EQ(r.warnings.size(), 1u);  // fewer than 30 features
}

TEST(GiStarTest, KNearestAndContiguityHandComputed) {
  // kNN (k = 1) on a line: 0 - 1 are mutual nearest, 2's nearest is 1, 3's nearest is 2.
  const std::vector<Point> pts = {{0, 0, 1}, {1, 0, 1}, {3, 0, 1}, {6, 0, 1}};
  const std::vector<double> x = {3, 1, 0, 2};
  WeightsOptions o;
  o.scheme = WeightScheme::kKNearest;
  o.k = 1;
  GiStarResult r = gi_star(x, distance_weights(pts, o));
  const int nn[4] = {1, 0, 1, 2};
  auto z = dense_gistar(x, [&](size_t i, size_t j) { return i == j || static_cast<int>(j) == nn[i] ? 1.0 : 0.0; });
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(r.z[i], z[i], 1e-12);
  // Unit 0 by hand: lag = 4, W = S1 = 2, mean 1.5, S^2 = 1.25: z = (4 - 3) / (sqrt(1.25) sqrt((8 - 4) / 3)).
  EXPECT_NEAR(r.z[0], 1.0 / (std::sqrt(1.25) * std::sqrt(4.0 / 3.0)), 1e-12);

  // Contiguity: a 2 x 3 block of polygons, rook (edges) lists.
  //   0 1 2
  //   3 4 5
  const std::vector<std::vector<uint32_t>> rook = {{1, 3}, {0, 2, 4}, {1, 5}, {0, 4}, {1, 3, 5}, {2, 4}};
  const std::vector<double> v = {10, 8, 1, 9, 2, 0};
  r = gi_star(v, weights_from_lists(rook, true));
  z = dense_gistar(v, [&](size_t i, size_t j) {
    if (i == j) return 1.0;
    for (uint32_t k : rook[i])
      if (k == j) return 1.0;
    return 0.0;
  });
  for (size_t i = 0; i < 6; ++i) EXPECT_NEAR(r.z[i], z[i], 1e-12);
  // Unit 0: lag 27, W 3, mean 5, S^2 = 250/6 - 25; z = (27 - 15) / (S sqrt((18 - 9) / 5)).
  EXPECT_NEAR(r.z[0], 12.0 / (std::sqrt(250.0 / 6.0 - 25.0) * std::sqrt(9.0 / 5.0)), 1e-12);
}

TEST(GiStarTest, RatesAreAnalysedAsValues) {
  // Searches per stop in 4 cells of a row, rook neighbours: rates 0.5, 0.25, 0 and 1.
  const std::vector<int64_t> unit = {0, 0, 1, 1, 1, 1, 2, 3, 3};
  const std::vector<double> searches = {1, 0, 1, 0, 0, 0, 0, 1, 1};
  const std::vector<double> stops = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  const UnitAggregation a = aggregate_units(unit, 4, {}, searches, stops);
  const std::vector<double> rate = a.values(UnitValueKind::kRate);
  EXPECT_EQ(rate, (std::vector<double>{0.5, 0.25, 0.0, 1.0}));
  const GiStarResult r = gi_star(rate, weights_from_lists({{1}, {0, 2}, {1, 3}, {2}}, true));
  // mean 0.4375, S^2 = (0.25 + 0.0625 + 0 + 1)/4 - 0.4375^2; unit 3: lag 1, W 2.
  const double s = std::sqrt(1.3125 / 4 - 0.4375 * 0.4375);
  EXPECT_NEAR(r.z[3], (1.0 - 0.875) / (s * std::sqrt((8.0 - 4.0) / 3.0)), 1e-12);
}

TEST(GiStarTest, BadInputAndUndefinedUnits) {
  const auto w = weights_from_lists({{1}, {0}, {}}, true);
  EXPECT_THROW(gi_star(std::vector<double>{2, 2, 2}, w), std::invalid_argument);  // zero variance
  EXPECT_THROW(gi_star(std::vector<double>{1, 2}, w), std::invalid_argument);     // size mismatch
  EXPECT_THROW(gi_star(std::vector<double>{1, NAN, 2}, w), std::invalid_argument);
  const GiStarResult r = gi_star(std::vector<double>{1, 3, 2}, w);
  EXPECT_TRUE(std::isnan(r.z[2]));  // no neighbour but itself: null, not 0
  EXPECT_TRUE(std::isnan(r.p[2]));
  EXPECT_EQ(r.undefined, 1u);
  EXPECT_EQ(r.n_neighbors[2], 1u);
  // Nobody has a neighbour: an error naming the band.
  EXPECT_THROW(gi_star(std::vector<double>{1, 3, 2}, weights_from_lists({{}, {}, {}}, true)), std::invalid_argument);
}

TEST(GiStarTest, PermutationsAreSeededAndThreadCountInvariant) {
  const Reference& ref = reference();
  // A 60 x 60 corner of the reference grid keeps the test fast.
  WeightsOptions wo;
  wo.band_crs = 3000.0;
  const AnalysisGrid& g = ref.grid;
  std::vector<double> x;
  std::vector<int64_t> unit(g.size(), -1);
  int64_t next = 0;
  for (int64_t rr = 40; rr < 100; ++rr)
    for (int64_t cc = 40; cc < 100; ++cc) {
      unit[static_cast<size_t>(rr * g.ncols() + cc)] = next++;
      x.push_back(ref.x[static_cast<size_t>(rr * g.ncols() + cc)]);
    }
  const SpatialWeights w = fishnet_weights(g.ncols(), g.nrows(), 1000.0, unit, wo);
  GiStarOptions o;
  o.permutations = 199;
  o.seed = 7;
  o.threads = 1;
  const GiStarResult a = gi_star(x, w, o);
  o.threads = 2;
  const GiStarResult b = gi_star(x, w, o);
  o.threads = 5;
  const GiStarResult c = gi_star(x, w, o);
  ASSERT_EQ(a.pseudo_p.size(), x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    ASSERT_EQ(a.pseudo_p[i], b.pseudo_p[i]);
    ASSERT_EQ(a.pseudo_p[i], c.pseudo_p[i]);
    ASSERT_GE(a.pseudo_p[i], 1.0 / 200.0);
    ASSERT_LE(a.pseudo_p[i], 1.0);
  }
  o.seed = 8;
  const GiStarResult d = gi_star(x, w, o);
  size_t differ = 0;
  for (size_t i = 0; i < x.size(); ++i) differ += a.pseudo_p[i] != d.pseudo_p[i];
  EXPECT_GT(differ, x.size() / 4);
}

// On a tiny case the exact conditional permutation p-value can be enumerated; the Monte Carlo one must agree.
TEST(GiStarTest, PseudoPAgreesWithExactEnumeration) {
  // 8 units; unit 0 has neighbours 1, 2 (and itself). Values chosen with ties.
  const std::vector<double> x = {5, 4, 4, 0, 1, 0, 2, 1};
  std::vector<std::vector<uint32_t>> lists(8);
  lists[0] = {1, 2};
  for (uint32_t i = 1; i < 8; ++i) lists[i] = {static_cast<uint32_t>(i % 7 + 1)};
  const SpatialWeights w = weights_from_lists(lists, true);
  // Exact: the pair (a, b) of distinct other units, uniformly; two-sided = twice the smaller tail.
  const double observed = 5.0 + 4.0 + 4.0;
  int upper = 0, lower = 0, total = 0;
  for (int a = 1; a < 8; ++a)
    for (int b = a + 1; b < 8; ++b) {
      ++total;
      const double s = 5.0 + x[a] + x[b];
      upper += s >= observed;
      lower += s <= observed;
    }
  const double exact = 2.0 * std::min(upper, lower) / total;  // 2/21: only {1,2} reaches 13
  // The exact law used on the cold side of the spdep comparison (exact_pseudo_p.h) against this enumeration, and
  // against enumerated triples for every bound of the sum.
  const std::map<long, long> others = {{0, 2}, {1, 2}, {2, 1}, {4, 2}};  // x without unit 0
  EXPECT_NEAR(testing::sum_cdf_without_replacement(others, 2, 8), static_cast<double>(lower) / total, 1e-12);
  EXPECT_NEAR(1.0 - testing::sum_cdf_without_replacement(others, 2, 7), static_cast<double>(upper) / total, 1e-12);
  for (long s_max = -1; s_max <= 11; ++s_max) {
    int at_most = 0, triples = 0;
    for (int a = 1; a < 8; ++a)
      for (int b = a + 1; b < 8; ++b)
        for (int c = b + 1; c < 8; ++c) {
          ++triples;
          at_most += x[a] + x[b] + x[c] <= s_max;
        }
    EXPECT_NEAR(testing::sum_cdf_without_replacement(others, 3, s_max), static_cast<double>(at_most) / triples, 1e-12)
        << s_max;
  }
  GiStarOptions o;
  o.permutations = 99999;
  o.seed = 3;
  const GiStarResult r = gi_star(x, w, o);
  const double se = 2.0 * std::sqrt(exact / 2 * (1 - exact / 2) / o.permutations);
  EXPECT_NEAR(r.pseudo_p[0], exact, 4 * se + 1.0 / o.permutations);
}

// How many of the hot cells may disagree with spdep on "p <= alpha" when both are correct Monte Carlo estimates of
// the same conditional-permutation p-value, with a bound exceeded with probability < 1e-6.
//
// Model: cell i has a true smaller-tail probability tau_i; a run with R draws counts M ~ Binomial(R, tau_i) draws
// in that tail and reports p = 2 (M + 1) / (R + 1). spdep's p_sim gives its count M_s = p_sim (R + 1) / 2 - 1.
// With a uniform prior on tau_i, tau_i | M_s ~ Beta(M_s + 1, R - M_s + 1), so our count given spdep's is
// beta-binomial(R, M_s + 1, R - M_s + 1): this carries both runs' Monte Carlo error. Our class is "p <= alpha",
// i.e. M <= c with c = alpha (R + 1) / 2 - 1. The disagreement of cell i is Bernoulli(d_i) with d_i = P(M <= c)
// when spdep's class is "not significant" and 1 - P(M <= c) when it is; cells draw independent streams, so the
// count D of disagreements has mean E = sum d_i and variance V = sum d_i (1 - d_i), and Bernstein's inequality
// (testing::bernstein_margin) gives the bound E + t exceeded with probability 1e-6.
// The uniform prior and the plug-in of spdep's scheme (with replacement, self slot redrawn) for ours are the model's
// assumptions; the bound is one-sided, as only too many disagreements point to a wrong implementation.
struct DisagreementBound {
  double expected = 0.0;  // E
  double bound = 0.0;     // E + t
};

double log_beta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

// P(M <= c) for M ~ beta-binomial(R, a, b).
double beta_binomial_cdf(int R, double a, double b, int c) {
  double sum = 0.0;
  for (int k = 0; k <= c; ++k)
    sum += std::exp(std::lgamma(R + 1.0) - std::lgamma(k + 1.0) - std::lgamma(R - k + 1.0) + log_beta(k + a, R - k + b) -
                    log_beta(a, b));
  return sum;
}

DisagreementBound disagreement_bound(const std::vector<double>& spdep_p, int R, double alpha) {
  const int c = static_cast<int>(std::floor(alpha * (R + 1) / 2.0 + 1e-9)) - 1;
  double e = 0.0, v = 0.0;
  for (double p : spdep_p) {
    const int m = std::max(0, static_cast<int>(std::lround(p * (R + 1) / 2.0)) - 1);
    const double ours_significant = beta_binomial_cdf(R, m + 1.0, R - m + 1.0, c);
    const double d = p <= alpha ? 1.0 - ours_significant : ours_significant;
    e += d;
    v += d * (1.0 - d);
  }
  return {e, e + testing::bernstein_margin(v, 1.0, 1e-6)};
}

// The reference cell's neighbours within the 3000 ft band other than itself, from the grid alone: the cells (dr, dc)
// away with dr^2 + dc^2 <= 9 (centres at most 3 cells apart; 28 inside the grid), their number m and count sum.
struct BandNeighbourhood {
  long m = 0;
  long sum = 0;
};

BandNeighbourhood band_neighbourhood(const Reference& ref, size_t i) {
  const int64_t ncols = ref.grid.ncols(), nrows = ref.grid.nrows();
  const int64_t row = static_cast<int64_t>(i) / ncols, col = static_cast<int64_t>(i) % ncols;
  BandNeighbourhood b;
  for (int64_t dr = -3; dr <= 3; ++dr)
    for (int64_t dc = -3; dc <= 3; ++dc) {
      const int64_t rr = row + dr, cc = col + dc;
      if ((dr == 0 && dc == 0) || dr * dr + dc * dc > 9 || rr < 0 || rr >= nrows || cc < 0 || cc >= ncols) continue;
      ++b.m;
      b.sum += std::lround(ref.x[static_cast<size_t>(rr * ncols + cc)]);
    }
  return b;
}

// A sum of independent bounded variables (|X_i - E X_i| <= 1) against its exact mean: observed, E, V.
struct ExactSum {
  double observed = 0.0, expected = 0.0, variance = 0.0;
  void add(double x, double mean, double var) { observed += x, expected += mean, variance += var; }
  void add_bernoulli(bool x, double prob) { add(x ? 1.0 : 0.0, prob, prob * (1.0 - prob)); }
  // Two-sided Bernstein margin: |observed - expected| exceeds it with probability < delta.
  double margin(double delta) const { return testing::bernstein_margin(variance, 1.0, delta / 2.0); }
};

::testing::AssertionResult within(const char* what, const ExactSum& s, double delta) {
  const double t = s.margin(delta);
  std::printf("cold side, %s: observed %.1f, exact expectation %.1f (%+.2f sd), allowed %.1f .. %.1f\n", what,
              s.observed, s.expected, (s.observed - s.expected) / std::sqrt(s.variance), s.expected - t, s.expected + t);
  if (std::fabs(s.observed - s.expected) <= t) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << ": observed " << s.observed << ", expected " << s.expected
                                       << " +- " << t;
}

// The cold side (z <= 0) against the exact law of the engine's pseudo-p (tests/engine/hotspot/exact_pseudo_p.h):
// the values are counts, weights binary with self, so each cold cell's law follows from (m, the neighbours' sum S,
// its own count), with the population of the n - 1 other cells. Checks, each failing a correct implementation with
// probability < 2e-7 (cells draw independent streams), so < 1e-6 for the five:
//   - every p is one of the values min(1, 2 (k + 1) / (R + 1)), and its k lies in the cell's central interval of
//     probability 1 - 2e-7 / (number of cold cells) (Bonferroni over the cells);
//   - the sum of p over the cells within the two-sided Bernstein margin of its exact mean (|p - E p| <= 1);
//   - the number of cells whose class "p <= alpha" differs from spdep's, alpha = 0.05 and 0.01, and the number with
//     our p >= spdep's p_sim: spdep's values are fixed data here, so each cell's indicator is Bernoulli with an exact
//     probability from our law, and the count is held to the two-sided Bernstein margin of its exact mean. (spdep's
//     mid-rank makes its p smaller on ties, and its draws with replacement and redrawn self slot give other tail
//     probabilities, so the counts differ from 0 by design; only our side of the comparison is random.)
void check_cold_side(const Reference& ref, const GiStarResult& r, int R) {
  constexpr double kDelta = 2e-7;
  std::map<long, long> count_of_value;
  for (double v : ref.x) {
    ASSERT_EQ(v, std::round(v)) << "the law assumes integer counts";
    ++count_of_value[std::lround(v)];
  }
  size_t cold = 0;
  for (size_t i = 0; i < ref.x.size(); ++i) cold += !(r.z[i] > 0);
  std::map<std::tuple<long, long, long>, testing::PseudoPLaw> laws;
  ExactSum sum_p, disagree05, disagree01, ours_larger;
  size_t outside = 0;
  for (size_t i = 0; i < ref.x.size(); ++i) {
    if (r.z[i] > 0) continue;
    const BandNeighbourhood b = band_neighbourhood(ref, i);
    const long own = std::lround(ref.x[i]);
    auto it = laws.find({b.m, b.sum, own});
    if (it == laws.end()) {
      std::map<long, long> others = count_of_value;
      --others[own];
      const double tau_lo = testing::sum_cdf_without_replacement(others, b.m, b.sum);
      const double tau_up = 1.0 - testing::sum_cdf_without_replacement(others, b.m, b.sum - 1);
      it = laws.emplace(std::make_tuple(b.m, b.sum, own), testing::PseudoPLaw(R, tau_lo, tau_up)).first;
    }
    const testing::PseudoPLaw& law = it->second;
    const double p = r.pseudo_p[i], theirs = ref.spdep_p_sim[i];
    const int k = law.category(p);
    ASSERT_GE(k, 0) << "cell " << i << ": p " << p << " is not min(1, 2 (k + 1) / (R + 1))";
    const auto [lo, hi] = law.interval(kDelta / static_cast<double>(cold));
    if ((k < lo || k > hi) && ++outside <= 10)
      ADD_FAILURE() << "cell " << i << " (m " << b.m << ", S " << b.sum << ", own " << own << "): p " << p
                    << " outside " << law.p_of(lo) << " .. " << law.p_of(hi);
    sum_p.add(p, law.mean(), law.variance());
    const double ours05 = law.prob_p_at_most(0.05), ours01 = law.prob_p_at_most(0.01);
    disagree05.add_bernoulli(law.p_at_most(k, 0.05) != (theirs <= 0.05), theirs <= 0.05 ? 1.0 - ours05 : ours05);
    disagree01.add_bernoulli(law.p_at_most(k, 0.01) != (theirs <= 0.01), theirs <= 0.01 ? 1.0 - ours01 : ours01);
    ours_larger.add_bernoulli(law.p_at_least(k, theirs), law.prob_p_at_least(theirs));
  }
  std::printf("cold side: %zu cells, %zu distinct exact laws, %zu cells outside their interval\n", cold, laws.size(),
              outside);
  EXPECT_EQ(outside, 0u);
  EXPECT_TRUE(within("sum of pseudo p", sum_p, kDelta));
  EXPECT_TRUE(within("cells whose p <= 0.05 class differs from spdep's", disagree05, kDelta));
  EXPECT_TRUE(within("cells whose p <= 0.01 class differs from spdep's", disagree01, kDelta));
  EXPECT_TRUE(within("cells with our p >= spdep's", ours_larger, kDelta));
}

// spdep's localG_perm (R = 999, seed 1) draws with replacement and redraws the self slot, so p-values agree only
// statistically: the hot side is compared with spdep's classes through a Monte Carlo model, the cold side with the
// exact law of our p (check_cold_side).
TEST(GiStarTest, PseudoPAgreesStatisticallyWithSpdepLocalGPerm) {
  const Reference& ref = reference();
  ASSERT_EQ(ref.spdep_p_sim.size(), ref.x.size());
  WeightsOptions wo;
  wo.band_crs = 3000.0;
  const SpatialWeights w = fishnet_weights(ref.grid.ncols(), ref.grid.nrows(), 1000.0, {}, wo);
  GiStarOptions o;
  o.permutations = 999;
  o.seed = 1;
  const GiStarResult r = gi_star(ref.x, w, o);
  size_t agree05 = 0, agree01 = 0, ours05 = 0, theirs05 = 0;
  const size_t n = ref.x.size();
  if (const char* dump = std::getenv("HOTSPOT_GISTAR_DUMP")) {  // id,z,pseudo_p for the analysis in the README
    std::ofstream out(dump);
    out << "id,gi_z,pseudo_p\n";
    out.precision(17);
    for (size_t i = 0; i < n; ++i) out << i << ',' << r.z[i] << ',' << r.pseudo_p[i] << '\n';
  }
  // Hot side (z > 0): ties are rare and the schemes should give the same classes up to Monte Carlo noise.
  // Cold side: most neighbourhood sums tie with many draws (small counts); spdep ranks ties at their mid-rank, we
  // count them as at least as extreme (a conservative, valid p), so our p there is larger by a factor of about
  // 1.5 and fewer cold cells pass.
  size_t hot = 0, hot_agree05 = 0, hot_agree01 = 0;
  double sum_a = 0, sum_b = 0, sum_ab = 0, sum_aa = 0, sum_bb = 0;
  std::vector<double> hot_spdep_p;
  for (size_t i = 0; i < n; ++i) {
    const double a = r.pseudo_p[i], b = ref.spdep_p_sim[i];
    const bool a05 = a <= 0.05, b05 = b <= 0.05;
    agree05 += a05 == b05;
    agree01 += (a <= 0.01) == (b <= 0.01);
    ours05 += a05;
    theirs05 += b05;
    if (r.z[i] > 0) {
      ++hot;
      hot_spdep_p.push_back(b);
      hot_agree05 += a05 == b05;
      hot_agree01 += (a <= 0.01) == (b <= 0.01);
    }
    sum_a += a, sum_b += b, sum_ab += a * b, sum_aa += a * a, sum_bb += b * b;
  }
  const double dn = static_cast<double>(n);
  const double corr = (sum_ab / dn - sum_a * sum_b / (dn * dn)) /
                      std::sqrt((sum_aa / dn - sum_a * sum_a / (dn * dn)) * (sum_bb / dn - sum_b * sum_b / (dn * dn)));
  // The overall figures are printed, not asserted: the overall disagreement is the hot plus the cold one, each held
  // to its own derived bound below, so a bound on the total would only restate those two.
  std::printf("pseudo p vs spdep localG_perm p_sim over %zu cells: corr %.4f; class agreement p<=0.05 %.4f, "
              "p<=0.01 %.4f; hot side (%zu cells) %.4f / %.4f; significant at 0.05: ours %zu, spdep %zu\n",
              n, corr, agree05 / dn, agree01 / dn, hot, static_cast<double>(hot_agree05) / hot,
              static_cast<double>(hot_agree01) / hot, ours05, theirs05);
  // Hot side: the disagreements with spdep must stay within what Monte Carlo error of both runs explains (the
  // bound of disagreement_bound, exceeded by a correct implementation with probability < 1e-6). Committed run:
  // 86 cells at 0.05 (expected 63.3, bound 103.4; the excess over the mean is presumably the schemes' difference)
  // and 88 at 0.01 (expected 171.7, bound 237.5: the uniform prior overstates tau for the many cells whose z is far
  // beyond any draw, so the bound is conservative there). Dropping the doubling of the folded p gives 182 at 0.05
  // and fails it, while the correlation of the p-values stays at 0.979; that correlation (printed, 0.978) has no
  // such derivation (the cold side differs by design) and is not asserted.
  for (double alpha : {0.05, 0.01}) {
    const DisagreementBound db = disagreement_bound(hot_spdep_p, o.permutations, alpha);
    const size_t disagree = hot - (alpha == 0.05 ? hot_agree05 : hot_agree01);
    std::printf("hot side, p <= %.2f: %zu cells disagree with spdep; expected %.1f, bound %.1f\n", alpha, disagree,
                db.expected, db.bound);
    EXPECT_LE(static_cast<double>(disagree), db.bound) << alpha;
  }
  // Cold side: against the exact law of our p (check_cold_side). Committed run: 23,272 cells, 86 distinct laws, no
  // cell outside its interval; sum of p 4760.3 (exact mean 4757.2, +1.1 sd; allowed 4735.7 .. 4778.7); class
  // differing from spdep's in 2342 cells at 0.05 (2335.1; 2131.5 .. 2538.6) and 1283 at 0.01 (1283.9; 1146.2 ..
  // 1421.5); our p >= spdep's in 21,384 (21,386.2; 21,277.5 .. 21,495.0). Seeds 2 to 9 stay within 1.8 sd of every
  // mean. Breaking the engine makes this fail: counting ties half (an integer mid-rank) gives a sum of p of 3833.8
  // (-344 sd) and 515 class differences at 0.05 (-52 sd); not counting ties 2920.4 and 1615 cells outside their
  // interval; redrawing the self slot as spdep does, 177 cells outside and a sum of 4523.1 (-87 sd); dropping the
  // doubling or the cap at 1 puts p off the values 2 (k + 1) / (R + 1). Too small for one run to see at this risk:
  // drawing with replacement (sum +2.7 sd, against +1.1 unbroken) or never drawing the last unit (+1.1 sd).
  check_cold_side(ref, r, o.permutations);
}

}  // namespace
}  // namespace hotspot
