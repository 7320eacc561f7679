#include "engine/privacy/cell_suppression.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace hotspot {
namespace {

// Every line of the augmented table (see cell_suppression.h) listed independently of the implementation.
std::vector<std::vector<std::pair<size_t, size_t>>> lines_of(const CellCountTable& t) {
  std::vector<std::vector<std::pair<size_t, size_t>>> lines;
  const bool rp = t.row_totals == RowTotals::published, cp = t.column_totals == ColumnTotals::published;
  for (size_t r = 0; r <= t.rows; ++r)
    if (r < t.rows ? rp : cp) {
      lines.emplace_back();
      for (size_t c = 0; c <= t.cols; ++c) lines.back().push_back({r, c});
    }
  for (size_t c = 0; c <= t.cols; ++c)
    if (c < t.cols ? cp : rp) {
      lines.emplace_back();
      for (size_t r = 0; r <= t.rows; ++r) lines.back().push_back({r, c});
    }
  return lines;
}

Suppressed status(const SuppressionResult& s, size_t r, size_t c) { return s.status[r * (s.cols + 1) + c]; }

// No line has exactly one suppressed entry, and every cell from 1 to k - 1 is suppressed as primary.
void expect_protected(const CellCountTable& t, const SuppressionResult& s, int k) {
  for (const auto& line : lines_of(t)) {
    int n = 0;
    for (auto [r, c] : line) n += status(s, r, c) != Suppressed::no;
    EXPECT_NE(n, 1) << "a line gives its one suppressed entry away";
  }
  for (size_t r = 0; r < t.rows; ++r)
    for (size_t c = 0; c < t.cols; ++c) {
      const int64_t v = t.cells[r * t.cols + c];
      EXPECT_EQ(s.cell(r, c) == Suppressed::primary, v > 0 && v < k) << r << "," << c;
    }
}

TEST(CellSuppressionTest, RowTotalRevealingACellForcesASecondSuppression) {
  // Row 0: 2 (small), 10, 7; total 19. Suppressing only the 2 would leave it as 19 - 10 - 7; the 7 (the smallest
  // non-zero cell of the row) goes too. Column 0 and 2 then each hold one suppression: their smallest others follow.
  CellCountTable t{2, 3, {2, 10, 7, 8, 9, 5}};
  const SuppressionResult s = suppress_small_counts(t, 3);
  EXPECT_EQ(s.cell(0, 0), Suppressed::primary);
  EXPECT_EQ(s.cell(0, 2), Suppressed::complementary);
  EXPECT_EQ(s.cell(1, 0), Suppressed::complementary);
  EXPECT_EQ(s.cell(1, 2), Suppressed::complementary);
  EXPECT_EQ(s.cell(0, 1), Suppressed::no);
  EXPECT_EQ(s.cell(1, 1), Suppressed::no);
  EXPECT_EQ(s.primary, 1u);
  EXPECT_EQ(s.complementary, 3u);
  expect_protected(t, s, 3);
}

TEST(CellSuppressionTest, ListWithTotalSuppressesTheNextSmallest) {
  const SuppressionResult s = suppress_small_counts(std::vector<int64_t>{40, 1, 12, 9, 0}, 3);
  EXPECT_EQ(s.cell(0, 1), Suppressed::primary);
  EXPECT_EQ(s.cell(0, 3), Suppressed::complementary);  // 9, the smallest non-zero other
  EXPECT_EQ(s.cell(0, 4), Suppressed::no);             // a zero is not preferred over a non-zero cell
  EXPECT_EQ(s.complementary, 1u);
}

TEST(CellSuppressionTest, TwoSmallCellsInALineNeedNoComplement) {
  const SuppressionResult s = suppress_small_counts(std::vector<int64_t>{1, 2, 30}, 3);
  EXPECT_EQ(s.primary, 2u);
  EXPECT_EQ(s.complementary, 0u);
}

TEST(CellSuppressionTest, LoneSmallCellTakesItsTotalWithIt) {
  const SuppressionResult s = suppress_small_counts(std::vector<int64_t>{2}, 3);
  EXPECT_EQ(s.cell(0, 0), Suppressed::primary);
  EXPECT_NE(s.row_total(0), Suppressed::no);
}

TEST(CellSuppressionTest, WithoutMarginsOnlyPrimary) {
  CellCountTable t{2, 2, {1, 5, 6, 7}, RowTotals::not_published, ColumnTotals::not_published};
  const SuppressionResult s = suppress_small_counts(t, 3);
  EXPECT_EQ(s.primary, 1u);
  EXPECT_EQ(s.complementary, 0u);
}

TEST(CellSuppressionTest, RandomTablesAreAlwaysProtected) {
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int> size(1, 7), value(0, 12), margin(0, 1);
  for (int trial = 0; trial < 500; ++trial) {
    CellCountTable t;
    t.rows = size(rng);
    t.cols = size(rng);
    for (size_t i = 0; i < t.rows * t.cols; ++i) t.cells.push_back(value(rng));
    t.row_totals = margin(rng) ? RowTotals::published : RowTotals::not_published;
    t.column_totals = margin(rng) ? ColumnTotals::published : ColumnTotals::not_published;
    expect_protected(t, suppress_small_counts(t, 5), 5);
  }
}

// An ingest summary: in (0) = accepted (1) + rejected (2); rejected = reasons 3 + 4; accepted = categories 5 + 6 + 7.
// One reason of 2 records: its sibling reason (4) would give it away from the rejected total, so the smaller of
// the two goes (reason 4 is the only other cell of that line); nothing else needs to go.
TEST(CellSuppressionTest, LinesSharingATotalAreProtectedTogether) {
  CountLines summary;
  summary.values = {1000, 900, 100, 2, 98, 500, 1, 399};
  summary.is_total = {1, 1, 1, 0, 0, 0, 0, 0};
  summary.lines = {{0, 1, 2}, {2, 3, 4}, {1, 5, 6, 7}};
  const std::vector<Suppressed> s = suppress_small_counts(summary, 3);
  const std::vector<Suppressed> expected = {Suppressed::no,      Suppressed::no, Suppressed::no,
                                            Suppressed::primary, Suppressed::complementary,
                                            Suppressed::no,      Suppressed::primary, Suppressed::complementary};
  EXPECT_EQ(s, expected);
  // Two rejected records, both for one reason: the rejected total is a count below k itself (primary, like the
  // reason); the other reason, a zero, then has nothing to hide beside it; in = accepted + rejected has one
  // suppressed entry, so the smaller of the other two totals (accepted) goes, and with it one category.
  summary.values = {902, 900, 2, 2, 0, 500, 100, 300};
  const std::vector<Suppressed> lone = suppress_small_counts(summary, 3);
  const std::vector<Suppressed> expected_lone = {Suppressed::no,      Suppressed::complementary, Suppressed::primary,
                                                 Suppressed::primary, Suppressed::no,            Suppressed::no,
                                                 Suppressed::complementary, Suppressed::no};
  EXPECT_EQ(lone, expected_lone);
}

// Random systems of overlapping lines: no line ever has exactly one suppressed entry, and exactly the published
// entries from 1 to k - 1 are primary.
TEST(CellSuppressionTest, RandomLineSystemsAreAlwaysProtected) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> value(0, 9), count(2, 12);
  for (int trial = 0; trial < 500; ++trial) {
    CountLines c;
    const size_t n = static_cast<size_t>(count(rng));
    for (size_t e = 0; e < n; ++e) c.values.push_back(value(rng)), c.is_total.push_back(e % 3 == 0);
    const int lines = count(rng) / 2;
    for (int l = 0; l < lines; ++l) {
      std::vector<size_t> line;
      for (size_t e = 0; e < n; ++e)
        if (value(rng) < 3) line.push_back(e);
      c.lines.push_back(line);
    }
    const std::vector<Suppressed> s = suppress_small_counts(c, 4);
    for (const auto& line : c.lines) {
      int k = 0;
      for (size_t e : line) k += s[e] != Suppressed::no;
      if (line.size() > 1) {
        EXPECT_NE(k, 1) << "trial " << trial;
      }
    }
    for (size_t e = 0; e < n; ++e) {
      bool in_a_line = false;
      for (const auto& line : c.lines) in_a_line |= std::find(line.begin(), line.end(), e) != line.end();
      const bool published = !c.is_total[e] || in_a_line;
      EXPECT_EQ(s[e] == Suppressed::primary, published && c.values[e] > 0 && c.values[e] < 4) << trial << " " << e;
    }
  }
}

TEST(CellSuppressionTest, BadTablesAreRefused) {
  EXPECT_THROW(suppress_small_counts(CellCountTable{2, 2, {1, 2, 3}}, 3), std::invalid_argument);
  EXPECT_THROW(suppress_small_counts(std::vector<int64_t>{1}, 0), std::invalid_argument);
  EXPECT_THROW(suppress_small_counts(CountLines{{1, 2}, {0}, {}}, 3), std::invalid_argument);
  EXPECT_THROW(suppress_small_counts(CountLines{{1, 2}, {0, 0}, {{0, 2}}}, 3), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
