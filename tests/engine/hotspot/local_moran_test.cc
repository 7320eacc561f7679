#include "engine/hotspot/local_moran.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <vector>

#include "tests/engine/hotspot/moran_golden.h"

namespace hotspot {
namespace {

using testing::near_1e9;

struct Golden {
  std::vector<double> x;
  testing::TextColumns local[2];  // style B, style W
  SpatialWeights w = testing::moran_golden_weights();
};

const Golden& golden() {
  static const Golden g = [] {
    Golden r;
    r.x = testing::numbers(testing::read_text_columns("cells_2000ft.csv").at("count"));
    r.local[0] = testing::read_text_columns("spdep_local_B.csv");
    r.local[1] = testing::read_text_columns("spdep_local_W.csv");
    return r;
  }();
  return g;
}

std::string spdep_quadrant(ClusterType t) {
  static const std::map<ClusterType, std::string> names{{ClusterType::kHighHigh, "High-High"},
                                                        {ClusterType::kLowLow, "Low-Low"},
                                                        {ClusterType::kHighLow, "High-Low"},
                                                        {ClusterType::kLowHigh, "Low-High"}};
  return names.at(t);
}

TEST(LocalMoranTest, MatchesSpdepLocalmoranOnCharlotteCells) {
  const Golden& g = golden();
  ASSERT_EQ(g.x.size(), 4899u);
  for (int style = 0; style < 2; ++style)
    for (LocalMoranMoments kind : {LocalMoranMoments::kConditional, LocalMoranMoments::kTotalRandomisation}) {
      const bool cond = kind == LocalMoranMoments::kConditional;
      SCOPED_TRACE(std::string(style ? "W " : "B ") + (cond ? "conditional" : "total"));
      const testing::TextColumns& ref = g.local[style];
      LocalMoranOptions o;
      o.standardisation = style ? WeightsStandardisation::kRow : WeightsStandardisation::kNone;
      o.moments = kind;
      const LocalMoranResult r = local_moran(g.x, g.w, o);
      const std::string tag = cond ? "_cond" : "_total";
      const std::vector<double> ii = testing::numbers(ref.at("Ii")), e = testing::numbers(ref.at("E" + tag)),
                                var = testing::numbers(ref.at("Var" + tag)), z = testing::numbers(ref.at("Z" + tag)),
                                p = testing::numbers(ref.at("P" + tag));
      size_t bad = 0, typed = 0;
      for (size_t i = 0; i < g.x.size(); ++i) {
        const bool ok = near_1e9(r.ii[i], ii[i]) && near_1e9(r.expected[i], e[i]) &&
                        near_1e9(r.variance[i], var[i]) && near_1e9(r.z[i], z[i]) && near_1e9(r.p[i], p[i]);
        if (!ok && ++bad <= 3)
          ADD_FAILURE() << "cell " << i << ": Ii " << r.ii[i] << " vs " << ii[i] << ", z " << r.z[i] << " vs " << z[i];
        // ArcGIS's rule: a type only where p <= 0.05 (no FDR by default), then spdep's (z, lag z) quadrant.
        EXPECT_EQ(r.type[i] != ClusterType::kNone, p[i] <= 0.05) << "cell " << i;
        if (r.type[i] != ClusterType::kNone) {
          ++typed;
          EXPECT_EQ(spdep_quadrant(r.type[i]), ref.at("quadrant")[i]) << "cell " << i;
        }
      }
      EXPECT_EQ(bad, 0u);
      EXPECT_GT(typed, 400u);
      EXPECT_EQ(r.undefined, 0u);
    }
}

// The small case with its unstandardised dense matrix.
struct SmallCase : testing::SmallMoranCase {
  std::vector<std::vector<double>> m = dense(false);
};

// I_i from the dense matrix: (z_i / m2) sum_j w_ij z_j with the population second moment.
double dense_local(const std::vector<double>& y, const std::vector<std::vector<double>>& m, size_t i) {
  const double n = static_cast<double>(y.size());
  double mean = 0.0, m2 = 0.0, lag = 0.0;
  for (double v : y) mean += v / n;
  for (double v : y) m2 += (v - mean) * (v - mean) / n;
  for (size_t j = 0; j < y.size(); ++j) lag += m[i][j] * (y[j] - mean);
  return (y[i] - mean) / m2 * lag;
}

// E[I_i] and Var[I_i] are the exact moments over the permutations: all n! arrangements (total randomisation), or
// those keeping x_i in place (conditional): enumerated here, independently of the closed forms.
TEST(LocalMoranTest, MomentsEqualTheExactPermutationDistribution) {
  const SmallCase c;
  const size_t n = c.x.size();
  for (LocalMoranMoments kind : {LocalMoranMoments::kConditional, LocalMoranMoments::kTotalRandomisation}) {
    LocalMoranOptions o;
    o.standardisation = WeightsStandardisation::kNone;
    o.moments = kind;
    const LocalMoranResult r = local_moran(c.x, c.w, o);
    for (size_t i = 0; i < n; ++i) {
      double sum = 0.0, sum2 = 0.0, count = 0.0;
      testing::for_each_permutation(c.x, [&](const std::vector<double>& y) {
        if (kind == LocalMoranMoments::kConditional && y[i] != c.x[i]) return;
        const double v = dense_local(y, c.m, i);
        sum += v;
        sum2 += v * v;
        count += 1.0;
      });
      // With the duplicate value 1 (units 3 and 4) a conditional arrangement can put the other 1 in slot i: it is
      // the same multiset of the others, so the moments are unchanged.
      const double mean = sum / count, var = sum2 / count - mean * mean;
      SCOPED_TRACE("unit " + std::to_string(i) + (kind == LocalMoranMoments::kConditional ? " conditional" : " total"));
      EXPECT_TRUE(near_1e9(r.ii[i], dense_local(c.x, c.m, i)));
      EXPECT_TRUE(near_1e9(r.expected[i], mean));
      EXPECT_TRUE(near_1e9(r.variance[i], var));
    }
  }
}

// The neighbour sum of unit i over every way of filling its slots from the other n - 1 values (in place of the
// draws): the exact folded p-value min(1, 2 min(P(S >= s), P(S <= s))).
double exact_folded_p(const SmallCase& c, size_t i) {
  std::vector<double> others;
  for (size_t j = 0; j < c.x.size(); ++j)
    if (j != i) others.push_back(c.x[j]);
  std::vector<double> wts;
  double observed = 0.0;
  for (uint64_t k = c.w.offsets[i]; k < c.w.offsets[i + 1]; ++k) {
    wts.push_back(c.w.weights[k]);
    observed += c.w.weights[k] * c.x[c.w.neighbors[k]];
  }
  double upper = 0.0, lower = 0.0, count = 0.0;
  testing::for_each_permutation(others, [&](const std::vector<double>& y) {
    double s = 0.0;
    for (size_t k = 0; k < wts.size(); ++k) s += wts[k] * y[k];
    upper += s >= observed - 1e-12;
    lower += s <= observed + 1e-12;
    count += 1.0;
  });
  return std::min(1.0, 2.0 * std::min(upper, lower) / count);
}

TEST(LocalMoranTest, PseudoPAgreesWithTheExactConditionalPermutationP) {
  const SmallCase c;
  LocalMoranOptions o;
  o.permutations = 19999;
  o.seed = 7;
  const LocalMoranResult r = local_moran(c.x, c.w, o);
  ASSERT_EQ(r.pseudo_p.size(), c.x.size());
  for (size_t i = 0; i < c.x.size(); ++i) {
    const double exact = exact_folded_p(c, i);
    // The estimate is 2 (M + 1) / (R + 1) with M binomial: 5 standard deviations of slack, plus the +1.
    const double sd = 2.0 * std::sqrt(std::max(exact / 2.0 * (1.0 - exact / 2.0), 1e-6) / o.permutations);
    EXPECT_NEAR(r.pseudo_p[i], exact, 5.0 * sd + 4.0 / o.permutations) << "unit " << i;
  }
}

TEST(LocalMoranTest, PseudoPDependsOnTheSeedNotOnTheThreads) {
  const Golden& g = golden();
  LocalMoranOptions o;
  o.permutations = 99;
  o.threads = 1;
  const LocalMoranResult one = local_moran(g.x, g.w, o);
  o.threads = 2;
  const LocalMoranResult two = local_moran(g.x, g.w, o);
  o.seed = 99;
  const LocalMoranResult other = local_moran(g.x, g.w, o);
  size_t differ = 0;
  for (size_t i = 0; i < g.x.size(); ++i) {
    EXPECT_EQ(one.pseudo_p[i], two.pseudo_p[i]) << "cell " << i;
    differ += one.pseudo_p[i] != other.pseudo_p[i];
    // COType follows the pseudo p-value with permutations.
    EXPECT_EQ(one.type[i] != ClusterType::kNone, one.pseudo_p[i] <= 0.05) << "cell " << i;
  }
  EXPECT_GT(differ, 100u);
}

TEST(LocalMoranTest, FdrUsesTheBenjaminiHochbergCriticalP) {
  const Golden& g = golden();
  LocalMoranOptions o;
  o.fdr = FdrCorrection::kOn;
  const LocalMoranResult r = local_moran(g.x, g.w, o);
  std::vector<double> sorted = r.p;
  std::sort(sorted.begin(), sorted.end());
  double critical = 0.0;  // the largest p_(k) <= 0.05 k / m
  for (size_t k = 1; k <= sorted.size(); ++k)
    if (sorted[k - 1] <= 0.05 * static_cast<double>(k) / static_cast<double>(sorted.size())) critical = sorted[k - 1];
  EXPECT_EQ(r.critical_p, critical);
  ASSERT_GT(critical, 0.0);
  ASSERT_LT(critical, 0.05);
  size_t typed = 0, expected = 0;
  for (size_t i = 0; i < g.x.size(); ++i) {
    typed += r.type[i] != ClusterType::kNone;
    expected += r.p[i] <= critical;
  }
  EXPECT_EQ(typed, expected);
}

TEST(LocalMoranTest, BadInputIsRejected) {
  const SmallCase c;
  EXPECT_THROW(local_moran(std::vector<double>(8, 1.0), c.w), std::invalid_argument);
  LocalMoranOptions o;
  o.alpha = 0.0;
  EXPECT_THROW(local_moran(c.x, c.w, o), std::invalid_argument);
  o.alpha = 0.05;
  o.permutations = -1;
  EXPECT_THROW(local_moran(c.x, c.w, o), std::invalid_argument);
  const SpatialWeights two = weights_from_lists({{1}, {0}}, false);
  EXPECT_THROW(local_moran(std::vector<double>{1, 2}, two), std::invalid_argument);
  const SpatialWeights none = weights_from_lists({{}, {}, {}}, false);
  EXPECT_THROW(local_moran(std::vector<double>{1, 2, 3}, none), std::invalid_argument);
}

TEST(LocalMoranTest, UnitWithoutNeighbourIsNull) {
  const SpatialWeights w = weights_from_lists({{1}, {0, 2}, {1}, {}}, false);
  LocalMoranOptions o;
  o.permutations = 9;
  const LocalMoranResult r = local_moran(std::vector<double>{1, 5, 2, 8}, w, o);
  EXPECT_TRUE(std::isnan(r.z[3]));
  EXPECT_TRUE(std::isnan(r.pseudo_p[3]));
  EXPECT_EQ(r.type[3], ClusterType::kNone);
  EXPECT_EQ(r.undefined, 1u);
  EXPECT_TRUE(std::isfinite(r.z[1]));
}

}  // namespace
}  // namespace hotspot
