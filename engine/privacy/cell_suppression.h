// Small-count suppression for a published table of counts with its margins (Statistical Disclosure Control:
// primary suppression of the cells, and of the published totals, from 1 to k - 1, then complementary suppression so
// that no suppressed value can be got back by subtracting the published ones from a published total).
//
// The table is rows x columns with, when published, the row totals, the column totals and the grand total. Think of
// it as (rows + 1) x (cols + 1): row `rows` holds the column totals and column `cols` the row totals. Each row of
// cells with its total, each column with its total, the column totals with the grand total and the row totals with
// the grand total is a line whose entries add up; a line with exactly one suppressed entry gives it away. While one
// exists, one more entry of that line is suppressed: the smallest non-zero cell (ties: one whose crossing line
// already has a suppression, then the first), else a zero cell, else the smallest total.
//
// What this does not do: protect against solving all lines at once as a linear system (audit tables where that
// matters with a linear-programming tool such as tau-argus) or against intervals (a suppressed value is still known
// to lie between 1 and k - 1 when it is a primary one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hotspot {

enum class Suppressed : uint8_t { no, primary, complementary };

// Which margins the table publishes (the grand total is published with either).
enum class RowTotals { published, not_published };
enum class ColumnTotals { published, not_published };

struct CellCountTable {
  size_t rows = 0, cols = 0;
  std::vector<int64_t> cells;  // row-major, rows x cols, each >= 0
  RowTotals row_totals = RowTotals::published;
  ColumnTotals column_totals = ColumnTotals::published;
};

struct SuppressionResult {
  size_t rows = 0, cols = 0;
  std::vector<Suppressed> status;  // (rows + 1) x (cols + 1), row-major (see above)
  size_t primary = 0, complementary = 0;

  Suppressed cell(size_t r, size_t c) const { return status[r * (cols + 1) + c]; }
  Suppressed row_total(size_t r) const { return status[r * (cols + 1) + cols]; }
  Suppressed column_total(size_t c) const { return status[rows * (cols + 1) + c]; }
  Suppressed grand_total() const { return status[rows * (cols + 1) + cols]; }
};

// REQUIRES: cells.size() == rows * cols, min_count >= 1. Throws std::invalid_argument otherwise.
SuppressionResult suppress_small_counts(const CellCountTable& table, int min_count);

// A list of counts published with their total (zones of a layer, areas of a report): a one-row table.
SuppressionResult suppress_small_counts(const std::vector<int64_t>& counts, int min_count);

// Published counts tied by any set of additive lines, for summaries that are not one table (records in = accepted
// + rejected, rejected = the sum over reasons, accepted = the sum over categories). Each line lists the entries
// that add up, its total among them; an entry may sit in several lines. As in the table above, every entry from 1
// to k - 1 is a primary suppression (a total in no line is not published and never is), and totals are the last
// choice for a complement.
struct CountLines {
  std::vector<int64_t> values;              // each >= 0
  std::vector<uint8_t> is_total;            // per entry: 1 = the total of some line
  std::vector<std::vector<size_t>> lines;   // entry indices (a line of one entry constrains nothing)
};

// REQUIRES: is_total.size() == values.size(), every index in range, min_count >= 1; throws std::invalid_argument
// otherwise. Returns the status of each entry.
std::vector<Suppressed> suppress_small_counts(const CountLines& counts, int min_count);

}  // namespace hotspot
