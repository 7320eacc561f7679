#include "engine/privacy/cell_suppression.h"

#include <gtest/gtest.h>

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

TEST(CellSuppressionTest, BadTablesAreRefused) {
  EXPECT_THROW(suppress_small_counts(CellCountTable{2, 2, {1, 2, 3}}, 3), std::invalid_argument);
  EXPECT_THROW(suppress_small_counts(std::vector<int64_t>{1}, 0), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
