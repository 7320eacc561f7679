#include "engine/privacy/cell_suppression.h"

#include <optional>
#include <stdexcept>

namespace hotspot {

namespace {

size_t at(const CellCountTable& t, size_t r, size_t c) { return r * (t.cols + 1) + c; }

// The table as lines: (rows + 1) x (cols + 1) entries, margins computed, and the lines whose entries add up.
CountLines augment(const CellCountTable& t) {
  CountLines a;
  a.values.assign((t.rows + 1) * (t.cols + 1), 0);
  a.is_total.assign(a.values.size(), 0);
  for (size_t r = 0; r <= t.rows; ++r)
    for (size_t c = 0; c <= t.cols; ++c) a.is_total[at(t, r, c)] = r == t.rows || c == t.cols;
  for (size_t r = 0; r < t.rows; ++r)
    for (size_t c = 0; c < t.cols; ++c) {
      const int64_t v = t.cells[r * t.cols + c];
      a.values[at(t, r, c)] = v;
      a.values[at(t, r, t.cols)] += v;
      a.values[at(t, t.rows, c)] += v;
      a.values[at(t, t.rows, t.cols)] += v;
    }
  const bool rows_pub = t.row_totals == RowTotals::published, cols_pub = t.column_totals == ColumnTotals::published;
  for (size_t r = 0; r <= t.rows; ++r) {  // row lines: the data rows (with row totals), the totals row (column totals)
    if (r < t.rows ? !rows_pub : !cols_pub) continue;
    std::vector<size_t> line;
    for (size_t c = 0; c <= t.cols; ++c) line.push_back(at(t, r, c));
    a.lines.push_back(line);
  }
  for (size_t c = 0; c <= t.cols; ++c) {  // column lines: data columns (column totals), totals column (row totals)
    if (c < t.cols ? !cols_pub : !rows_pub) continue;
    std::vector<size_t> line;
    for (size_t r = 0; r <= t.rows; ++r) line.push_back(at(t, r, c));
    a.lines.push_back(line);
  }
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

size_t best_complement(const CountLines& a, const std::vector<std::vector<size_t>>& lines_of, size_t line,
                       const std::vector<Suppressed>& s) {
  std::optional<size_t> best;
  Rank best_rank{};
  for (size_t e : a.lines[line]) {
    if (s[e] != Suppressed::no) continue;
    int fresh = 1;
    for (size_t l : lines_of[e])
      if (l != line && suppressed_in(a.lines[l], s) > 0) fresh = 0;
    const Rank rank{a.is_total[e] ? 2 : (a.values[e] > 0 ? 0 : 1), a.values[e], fresh};
    if (!best || rank < best_rank) best = e, best_rank = rank;
  }
  return *best;  // a line with one suppressed entry has at least one other (every line has two or more)
}

void check(const CountLines& a, int min_count) {
  if (min_count < 1) throw std::invalid_argument("count lines: min_count must be at least 1");
  if (a.is_total.size() != a.values.size()) throw std::invalid_argument("count lines: is_total does not match values");
  for (const auto& line : a.lines)
    for (size_t e : line)
      if (e >= a.values.size()) throw std::invalid_argument("count lines: an entry index is out of range");
}

}  // namespace

std::vector<Suppressed> suppress_small_counts(const CountLines& a, int min_count) {
  check(a, min_count);
  std::vector<std::vector<size_t>> lines_of(a.values.size());
  for (size_t l = 0; l < a.lines.size(); ++l)
    for (size_t e : a.lines[l]) lines_of[e].push_back(l);
  std::vector<Suppressed> status(a.values.size(), Suppressed::no);
  for (size_t e = 0; e < a.values.size(); ++e) {  // a published total below k is a small count too
    const bool published = !a.is_total[e] || !lines_of[e].empty();
    if (published && a.values[e] > 0 && a.values[e] < min_count) status[e] = Suppressed::primary;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t l = 0; l < a.lines.size(); ++l)
      if (a.lines[l].size() > 1 && suppressed_in(a.lines[l], status) == 1) {  // a one-entry line adds nothing
        status[best_complement(a, lines_of, l, status)] = Suppressed::complementary;
        changed = true;
      }
  }
  return status;
}

SuppressionResult suppress_small_counts(const CellCountTable& t, int min_count) {
  if (t.cells.size() != t.rows * t.cols) throw std::invalid_argument("count table: cells do not match rows x cols");
  if (min_count < 1) throw std::invalid_argument("count table: min_count must be at least 1");
  SuppressionResult r;
  r.rows = t.rows;
  r.cols = t.cols;
  r.status = suppress_small_counts(augment(t), min_count);
  for (Suppressed s : r.status) {
    r.primary += s == Suppressed::primary;
    r.complementary += s == Suppressed::complementary;
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
