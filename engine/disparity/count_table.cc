#include "engine/disparity/count_table.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace hotspot {

CountTable::CountTable(std::vector<std::string> rows, std::vector<std::string> cols)
    : rows_(std::move(rows)), cols_(std::move(cols)), cells_((rows_.size() + 1) * (cols_.size() + 1), 0) {}

int CountTable::row_index(const std::string& row) const {
  const auto it = std::lower_bound(rows_.begin(), rows_.end(), row);
  return it != rows_.end() && *it == row ? static_cast<int>(it - rows_.begin()) : -1;
}

int CountTable::col_index(const std::string& col) const {
  const auto it = std::lower_bound(cols_.begin(), cols_.end(), col);
  return it != cols_.end() && *it == col ? static_cast<int>(it - cols_.begin()) : -1;
}

void CountTable::add(const std::string& row, const std::string& col, int64_t n) {
  const int r = row_index(row), c = col_index(col);
  if (r < 0 || c < 0) throw std::logic_error("CountTable::add: unknown label '" + row + "' / '" + col + "'");
  const size_t w = cols_.size() + 1;
  cells_[r * w + c] += n;
  cells_[r * w + total_col()] += n;
  cells_[total_row() * w + c] += n;
  cells_[total_row() * w + total_col()] += n;
}

std::vector<std::string> distinct_sorted(std::span<const std::string> labels) {
  const std::set<std::string> seen(labels.begin(), labels.end());
  return {seen.begin(), seen.end()};
}

CountTable count_table(std::span<const std::string> rows, std::span<const std::string> cols,
                       std::span<const uint8_t> keep) {
  std::vector<std::string> r_kept, c_kept;
  for (size_t i = 0; i < rows.size(); ++i)
    if (keep.empty() || keep[i]) {
      r_kept.push_back(rows[i]);
      c_kept.push_back(cols[i]);
    }
  CountTable t(distinct_sorted(r_kept), distinct_sorted(c_kept));
  for (size_t i = 0; i < r_kept.size(); ++i) t.add(r_kept[i], c_kept[i]);
  return t;
}

}  // namespace hotspot
