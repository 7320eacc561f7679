// A two-way table of counts with its margins, the shape every published disparity table has: rows (divisions, stop
// purposes, officer races) x columns (driver groups, results), plus a total row and a total column. Row and column
// labels are sorted (byte order) so the same records always give the same table.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

class CountTable {
 public:
  CountTable() = default;
  CountTable(std::vector<std::string> rows, std::vector<std::string> cols);

  // Counts one record in (row, col) and in the margins. REQUIRES: the labels are among the table's.
  void add(const std::string& row, const std::string& col, int64_t n = 1);

  const std::vector<std::string>& rows() const { return rows_; }
  const std::vector<std::string>& cols() const { return cols_; }
  // r in [0, rows], c in [0, cols]: index rows() / cols() is the total row / column.
  int64_t at(size_t r, size_t c) const { return cells_[r * (cols_.size() + 1) + c]; }
  size_t total_row() const { return rows_.size(); }
  size_t total_col() const { return cols_.size(); }
  int64_t total() const { return at(total_row(), total_col()); }
  int row_index(const std::string& row) const;  // -1 when absent
  int col_index(const std::string& col) const;

 private:
  std::vector<std::string> rows_, cols_;
  std::vector<int64_t> cells_;  // (rows + 1) x (cols + 1), row-major
};

// The distinct values of `labels`, sorted.
std::vector<std::string> distinct_sorted(std::span<const std::string> labels);

// A table over the distinct row and column labels; record i counts in (rows[i], cols[i]) when `keep` is empty or
// keep[i] is non-zero. REQUIRES: rows.size() == cols.size() (== keep.size() when given).
CountTable count_table(std::span<const std::string> rows, std::span<const std::string> cols,
                       std::span<const uint8_t> keep = {});

}  // namespace hotspot
