#include "engine/privacy/cell_suppression.h"

#include <limits>
#include <optional>
#include <stdexcept>

namespace hotspot {

namespace {

// The augmented table: values (margins computed) and the lines whose entries add up.
struct Augmented {
  size_t rows = 0, cols = 0;
  std::vector<int64_t> value;
  std::vector<std::vector<size_t>> lines;
  std::vector<std::vector<size_t>> lines_of;  // per entry, the lines it is in

  size_t at(size_t r, size_t c) const { return r * (cols + 1) + c; }
  bool is_total(size_t e) const { return e / (cols + 1) == rows || e % (cols + 1) == cols; }
};

Augmented augment(const CellCountTable& t) {
  Augmented a;
  a.rows = t.rows;
  a.cols = t.cols;
  a.value.assign((t.rows + 1) * (t.cols + 1), 0);
  for (size_t r = 0; r < t.rows; ++r)
    for (size_t c = 0; c < t.cols; ++c) {
      const int64_t v = t.cells[r * t.cols + c];
      a.value[a.at(r, c)] = v;
      a.value[a.at(r, t.cols)] += v;
      a.value[a.at(t.rows, c)] += v;
      a.value[a.at(t.rows, t.cols)] += v;
    }
  const bool rows_pub = t.row_totals == RowTotals::published, cols_pub = t.column_totals == ColumnTotals::published;
  for (size_t r = 0; r <= t.rows; ++r) {  // row lines: the data rows (with row totals), the totals row (column totals)
    if (r < t.rows ? !rows_pub : !cols_pub) continue;
    std::vector<size_t> line;
    for (size_t c = 0; c <= t.cols; ++c) line.push_back(a.at(r, c));
    a.lines.push_back(line);
  }
  for (size_t c = 0; c <= t.cols; ++c) {  // column lines: data columns (column totals), totals column (row totals)
    if (c < t.cols ? !cols_pub : !rows_pub) continue;
    std::vector<size_t> line;
    for (size_t r = 0; r <= t.rows; ++r) line.push_back(a.at(r, c));
    a.lines.push_back(line);
  }
  a.lines_of.resize(a.value.size());
  for (size_t l = 0; l < a.lines.size(); ++l)
    for (size_t e : a.lines[l]) a.lines_of[e].push_back(l);
  return a;
}

size_t suppressed_in(const std::vector<size_t>& line, const std::vector<Suppressed>& s) {
  size_t n = 0;
  for (size_t e : line) n += s[e] != Suppressed::no;
  return n;
}

// Ranking of a candidate complement: non-zero cells first, then zero cells, then totals; smaller values first;
// then one whose other lines already hold a suppression; then the first.
struct Rank {
  int kind;
  int64_t value;
  int fresh;
  bool operator<(const Rank& o) const {
    if (kind != o.kind) return kind < o.kind;
    if (value != o.value) return value < o.value;
    return fresh < o.fresh;
  }
};

size_t best_complement(const Augmented& a, size_t line, const std::vector<Suppressed>& s) {
  std::optional<size_t> best;
  Rank best_rank{};
  for (size_t e : a.lines[line]) {
    if (s[e] != Suppressed::no) continue;
    int fresh = 1;
    for (size_t l : a.lines_of[e])
      if (l != line && suppressed_in(a.lines[l], s) > 0) fresh = 0;
    const Rank rank{a.is_total(e) ? 2 : (a.value[e] > 0 ? 0 : 1), a.value[e], fresh};
    if (!best || rank < best_rank) best = e, best_rank = rank;
  }
  return *best;  // a line with one suppressed entry has at least one other (every line has two or more)
}

}  // namespace

SuppressionResult suppress_small_counts(const CellCountTable& t, int min_count) {
  if (t.cells.size() != t.rows * t.cols) throw std::invalid_argument("count table: cells do not match rows x cols");
  if (min_count < 1) throw std::invalid_argument("count table: min_count must be at least 1");
  const Augmented a = augment(t);
  SuppressionResult r;
  r.rows = t.rows;
  r.cols = t.cols;
  r.status.assign(a.value.size(), Suppressed::no);
  for (size_t e = 0; e < a.value.size(); ++e)
    if (!a.is_total(e) && a.value[e] > 0 && a.value[e] < min_count) r.status[e] = Suppressed::primary, ++r.primary;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t l = 0; l < a.lines.size(); ++l)
      if (suppressed_in(a.lines[l], r.status) == 1) {
        r.status[best_complement(a, l, r.status)] = Suppressed::complementary;
        ++r.complementary;
        changed = true;
      }
  }
  return r;
}

SuppressionResult suppress_small_counts(const std::vector<int64_t>& counts, int min_count) {
  CellCountTable t;
  t.rows = 1;
  t.cols = counts.size();
  t.cells = counts;
  t.column_totals = ColumnTotals::not_published;
  return suppress_small_counts(t, min_count);
}

}  // namespace hotspot
