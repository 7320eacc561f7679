#include "engine/disparity/rate_table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/disparity/suppression.h"

namespace hotspot {
namespace {

struct Records {
  std::vector<std::string> rows, groups;
  std::vector<uint8_t> outcome;
};

Records random_records(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> rows = {"Central", "Metro", "North", "South"};
  const std::vector<std::string> groups = {"Asian", "Black", "Hispanic", "White"};
  std::discrete_distribution<int> g({2, 50, 10, 38});
  Records r;
  for (size_t i = 0; i < n; ++i) {
    const int gi = g(rng);
    r.rows.push_back(rows[rng() % 4]);
    r.groups.push_back(groups[gi]);
    r.outcome.push_back(std::uniform_real_distribution<double>(0, 1)(rng) < (gi == 1 ? 0.06 : 0.03));
  }
  return r;
}

TEST(RateTableTest, CountsRatesAndRatiosEqualABruteForceCount) {
  const Records r = random_records(5000, 7);
  RateTableOptions o;
  o.min_count = 0;
  const RateTable t = rate_table(r.rows, r.groups, r.outcome, o);
  ASSERT_EQ(t.rows().size(), 4u);
  ASSERT_EQ(t.groups().size(), 4u);
  EXPECT_EQ(t.groups()[t.reference()], "Black");  // the largest group
  for (size_t ri = 0; ri <= 4; ++ri)
    for (size_t gi = 0; gi <= 4; ++gi) {
      int64_t n = 0, k = 0, n0 = 0, k0 = 0;
      for (size_t i = 0; i < r.rows.size(); ++i) {
        const bool in_row = ri == 4 || r.rows[i] == t.rows()[ri];
        if (in_row && (gi == 4 || r.groups[i] == t.groups()[gi])) n++, k += r.outcome[i];
        if (in_row && r.groups[i] == "Black") n0++, k0 += r.outcome[i];
      }
      const RateCell& c = t.cell(ri, gi);
      EXPECT_EQ(c.records, n);
      EXPECT_EQ(c.outcomes, k);
      EXPECT_DOUBLE_EQ(c.rate.rate, static_cast<double>(k) / n);
      if (gi == 4 || gi == t.reference() || k == 0) {  // no ratio for the reference, the total, or no outcome
        EXPECT_TRUE(std::isnan(c.ratio.ratio));
        continue;
      }
      const double rr = (static_cast<double>(k) / n) / (static_cast<double>(k0) / n0);
      EXPECT_NEAR(c.ratio.ratio, rr, 1e-12);
      EXPECT_NEAR(c.likelihood, rr - 1.0, 1e-12);
      EXPECT_FALSE(c.ratio_suppressed);
    }
}

TEST(RateTableTest, NamedReferenceAndUnknownReference) {
  const Records r = random_records(500, 3);
  RateTableOptions o;
  o.reference = "White";
  EXPECT_EQ(rate_table(r.rows, r.groups, r.outcome, o).groups()[3], "White");
  EXPECT_EQ(rate_table(r.rows, r.groups, r.outcome, o).reference(), 3u);
  o.reference = "Whte";
  try {
    rate_table(r.rows, r.groups, r.outcome, o);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'White'"), std::string::npos) << e.what();
  }
}

TEST(SuppressionTest, HandTableSuppressesTheSmallCellAndItsComplements) {
  // rows A, B; cols x, y, z:   A: 3 10 20 | 33    B: 8 12 30 | 50    total: 11 22 50 | 83
  CountTable t({"A", "B"}, {"x", "y", "z"});
  t.add("A", "x", 3), t.add("A", "y", 10), t.add("A", "z", 20);
  t.add("B", "x", 8), t.add("B", "y", 12), t.add("B", "z", 30);
  const std::vector<uint8_t> m = suppress_small_counts(t, 5);
  // Primary: A-x (3). Row A then needs a second: its smallest other entry, A-y (10). Column x: B-x (8); column y:
  // B-y (12). Row B then has two. Nothing else.
  const std::vector<uint8_t> expected = {1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(m, expected);
  EXPECT_EQ(suppress_small_counts(t, 0), std::vector<uint8_t>(12, 0));
}

TEST(SuppressionTest, EverySmallCellHiddenAndNoLineRevealsOne) {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    Records r = random_records(300, seed);
    const CountTable t = count_table(r.rows, r.groups);
    const std::vector<uint8_t> m = suppress_small_counts(t, 5);
    const size_t w = t.cols().size() + 1, h = t.rows().size() + 1;
    for (size_t i = 0; i < m.size(); ++i)
      if (t.at(i / w, i % w) < 5) {
        EXPECT_TRUE(m[i]) << seed;
      }
    for (size_t ri = 0; ri < h; ++ri) {
      int hidden = 0;
      for (size_t c = 0; c < w; ++c) hidden += m[ri * w + c];
      EXPECT_NE(hidden, 1) << "row " << ri << " seed " << seed;
    }
    for (size_t c = 0; c < w; ++c) {
      int hidden = 0;
      for (size_t ri = 0; ri < h; ++ri) hidden += m[ri * w + c];
      EXPECT_NE(hidden, 1) << "col " << c << " seed " << seed;
    }
  }
}

TEST(RateTableTest, SmallCountsWithholdTheRateAndTheRatiosAgainstIt) {
  // Row "Q": 3 Asian stops, none searched; 40 Black (4 searched); 60 White (2 searched).
  Records r;
  auto add = [&](const std::string& g, int n, int k) {
    for (int i = 0; i < n; ++i) r.rows.push_back("Q"), r.groups.push_back(g), r.outcome.push_back(i < k);
  };
  add("Asian", 3, 0), add("Black", 40, 4), add("White", 60, 2);
  RateTableOptions o;
  o.reference = "White";
  const RateTable t = rate_table(r.rows, r.groups, r.outcome, o);
  EXPECT_TRUE(t.cell(0, 0).records_suppressed);   // 3 records
  EXPECT_TRUE(t.cell(0, 0).outcomes_suppressed);
  EXPECT_TRUE(t.cell(0, 2).outcomes_suppressed);  // 2 searches
  EXPECT_TRUE(t.cell(0, 1).ratio_suppressed);     // against a withheld reference
  EXPECT_TRUE(t.cell(0, 1).outcomes_suppressed);  // 4 searches
  // 40 Black records are enough, but with the 3 Asian records hidden the row total would reveal them: the smallest
  // other entry of the row is hidden with them.
  EXPECT_TRUE(t.cell(0, 1).records_suppressed);
  EXPECT_FALSE(t.cell(0, 2).records_suppressed);
  EXPECT_EQ(t.cell(1, 3).records, 103);
}

}  // namespace
}  // namespace hotspot
