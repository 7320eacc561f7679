#include "engine/nearrepeat/knox.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

namespace hotspot {
namespace {

// Incidents in a few clusters over 20,000 x 20,000 ft, dates 0..365 whole days (many ties at the time edges).
struct Incidents {
  std::vector<Point> points;
  std::vector<double> days;
};

Incidents incidents(size_t n, uint32_t seed) {
  std::mt19937 g(seed);
  std::normal_distribution<double> spread(0.0, 900.0);
  std::uniform_real_distribution<double> anywhere(0.0, 20000.0);
  std::uniform_int_distribution<int> day(0, 365);
  Incidents in;
  const double cx[] = {5000, 12000, 15000}, cy[] = {6000, 14000, 4000};
  for (size_t i = 0; i < n; ++i) {
    const bool clustered = i % 3 != 0;
    const double x = clustered ? cx[i % 3] + spread(g) : anywhere(g);
    const double y = clustered ? cy[i % 3] + spread(g) : anywhere(g);
    in.points.push_back({x, y, 1.0});
    in.days.push_back(day(g));
  }
  return in;
}

KnoxOptions ratcliffe_bands() {
  KnoxOptions o;
  o.distance_edges_crs = {0, 400, 800, 1200};
  o.time_edges_days = {0, 7, 14, 21};
  o.permutations = 199;
  o.seed = 5;
  return o;
}

// The band of v written out band by band: [e0, e1], (e1, e2], ...
int brute_band(double v, const std::vector<double>& e) {
  for (size_t b = 0; b + 1 < e.size(); ++b)
    if ((b == 0 ? v >= e[0] : v > e[b]) && v <= e[b + 1]) return static_cast<int>(b);
  return -1;
}

// Every one of the n (n - 1) / 2 pairs.
std::vector<int64_t> brute_counts(const Incidents& in, const KnoxOptions& o, const std::vector<double>& days) {
  const size_t tb = o.time_edges_days.size() - 1;
  std::vector<int64_t> c((o.distance_edges_crs.size() - 1) * tb, 0);
  for (size_t i = 0; i < in.points.size(); ++i)
    for (size_t j = i + 1; j < in.points.size(); ++j) {
      const double d = std::sqrt((in.points[i].x - in.points[j].x) * (in.points[i].x - in.points[j].x) +
                                 (in.points[i].y - in.points[j].y) * (in.points[i].y - in.points[j].y));
      const int db = brute_band(d, o.distance_edges_crs), t = brute_band(std::fabs(days[i] - days[j]), o.time_edges_days);
      if (db >= 0 && t >= 0) ++c[static_cast<size_t>(db) * tb + static_cast<size_t>(t)];
    }
  return c;
}

TEST(KnoxTest, ObservedPairsEqualABruteForceCount) {
  const Incidents in = incidents(3000, 1);
  const KnoxOptions o = ratcliffe_bands();
  const KnoxResult r = knox_test(in.points, in.days, o);
  ASSERT_EQ(r.distance_bands, 3u);
  ASSERT_EQ(r.time_bands, 3u);
  EXPECT_EQ(r.observed, brute_counts(in, o, in.days));
  int64_t total = 0;
  for (int64_t v : r.observed) total += v;
  EXPECT_GT(total, 1000);
}

// Points on a line exactly 0, 400, 800 and 1200 ft apart: the edges belong to the band below, 0 to the first.
TEST(KnoxTest, EdgesBelongToTheBandBelow) {
  const std::vector<Point> pts{{0, 0, 1}, {0, 0, 1}, {400, 0, 1}, {1200, 0, 1}, {1201, 0, 1}};
  const std::vector<double> days{0, 7, 14, 21, 22};
  const KnoxOptions o = ratcliffe_bands();
  const KnoxResult r = knox_test(pts, days, o);
  Incidents in{pts, days};
  EXPECT_EQ(r.observed, brute_counts(in, o, days));
  // [0, 400] ft x [0, 7] days: (0, 1) 0 ft 7 days, (1, 2) 400 ft 7 days, (3, 4) 1 ft 1 day.
  EXPECT_EQ(r.observed[r.cell(0, 0)], 3);
  EXPECT_EQ(r.observed[r.cell(0, 1)], 1);  // (0, 2): 400 ft, 14 days
  EXPECT_EQ(band_of(0.0, o.time_edges_days), 0);
  EXPECT_EQ(band_of(7.0, o.time_edges_days), 0);
  EXPECT_EQ(band_of(7.5, o.time_edges_days), 1);
  EXPECT_EQ(band_of(21.5, o.time_edges_days), -1);
}

// Shuffling the dates keeps the spatial pairs, so E[count(d, t)] = pairs in distance band d x the share of all
// n (n - 1) / 2 date pairs that fall in time band t: the permutation mean must come near it.
TEST(KnoxTest, ExpectedCountsMatchTheExactPermutationMean) {
  const Incidents in = incidents(1500, 2);
  KnoxOptions o = ratcliffe_bands();
  o.permutations = 999;
  const KnoxResult r = knox_test(in.points, in.days, o);
  const size_t n = in.days.size();
  std::vector<double> time_share(r.time_bands, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      const int t = brute_band(std::fabs(in.days[i] - in.days[j]), o.time_edges_days);
      if (t >= 0) time_share[static_cast<size_t>(t)] += 2.0 / (static_cast<double>(n) * static_cast<double>(n - 1));
    }
  KnoxOptions all_time = o;
  all_time.time_edges_days = {0, 1000};
  const std::vector<int64_t> spatial = brute_counts(in, all_time, in.days);  // pairs per distance band
  for (size_t d = 0; d < r.distance_bands; ++d)
    for (size_t t = 0; t < r.time_bands; ++t) {
      const double exact = static_cast<double>(spatial[d]) * time_share[t];
      // Each shuffle's count has a variance below its mean times a few (pairs share incidents): 6 standard errors.
      EXPECT_NEAR(r.expected[r.cell(d, t)], exact, 6.0 * std::sqrt(4.0 * exact / o.permutations) + 0.05)
          << "band " << d << ", " << t;
      EXPECT_GE(r.pseudo_p[r.cell(d, t)], 1.0 / 1000.0);
      EXPECT_LE(r.pseudo_p[r.cell(d, t)], 1.0);
    }
}

TEST(KnoxTest, ResultsDependOnTheSeedNotOnTheThreads) {
  const Incidents in = incidents(2000, 3);
  KnoxOptions o = ratcliffe_bands();
  o.threads = 1;
  const KnoxResult one = knox_test(in.points, in.days, o);
  o.threads = 2;
  const KnoxResult two = knox_test(in.points, in.days, o);
  EXPECT_EQ(one.expected, two.expected);
  EXPECT_EQ(one.pseudo_p, two.pseudo_p);
  o.seed = 6;
  EXPECT_NE(knox_test(in.points, in.days, o).expected, one.expected);
}

TEST(KnoxTest, BadInputIsRejected) {
  const Incidents in = incidents(10, 4);
  KnoxOptions o = ratcliffe_bands();
  o.distance_edges_crs = {0, 800, 400};
  EXPECT_THROW(knox_test(in.points, in.days, o), std::invalid_argument);
  o = ratcliffe_bands();
  o.time_edges_days = {7};
  EXPECT_THROW(knox_test(in.points, in.days, o), std::invalid_argument);
  o = ratcliffe_bands();
  std::vector<double> days = in.days;
  days[2] = -1.0;
  EXPECT_THROW(knox_test(in.points, days, o), std::invalid_argument);
  EXPECT_THROW(knox_test(std::vector<Point>{{0, 0, 1}}, std::vector<double>{0}, o), std::invalid_argument);
  o.permutations = 0;
  EXPECT_THROW(knox_test(in.points, in.days, o), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
