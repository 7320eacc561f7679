#include "engine/disparity/rate_table.h"

#include <cmath>
#include <stdexcept>

#include "engine/core/closest_names.h"
#include "engine/disparity/suppression.h"

namespace hotspot {

namespace {

size_t reference_column(const CountTable& records, const std::string& wanted) {
  if (!wanted.empty()) {
    const int c = records.col_index(wanted);
    if (c < 0) {
      const std::string hint = did_you_mean(closest_names(wanted, records.cols()));
      throw std::invalid_argument("reference group '" + wanted + "' matches no record" +
                                  (hint.empty() ? "" : "; " + hint));
    }
    return static_cast<size_t>(c);
  }
  size_t best = 0;
  for (size_t c = 1; c < records.cols().size(); ++c)
    if (records.at(records.total_row(), c) > records.at(records.total_row(), best)) best = c;
  return best;
}

RateCell make_cell(const CountTable& n, const CountTable& k, size_t r, size_t g, size_t ref) {
  RateCell cell;
  cell.records = n.at(r, g);
  cell.outcomes = k.at(r, g);
  cell.rate = wilson_interval(cell.outcomes, cell.records);
  cell.ratio = {std::nan(""), std::nan(""), std::nan("")};
  if (g != ref && g != n.total_col())
    cell.ratio = katz_rate_ratio(cell.outcomes, cell.records, k.at(r, ref), n.at(r, ref));
  cell.likelihood = std::isfinite(cell.ratio.ratio)
                        ? relative_difference(cell.rate.rate, wilson_interval(k.at(r, ref), n.at(r, ref)).rate)
                        : std::nan("");
  return cell;
}

}  // namespace

RateTable rate_table(std::span<const std::string> rows, std::span<const std::string> groups,
                     std::span<const uint8_t> outcome, const RateTableOptions& o, std::span<const uint8_t> keep) {
  RateTable t;
  t.records_ = count_table(rows, groups, keep);
  t.outcomes_ = CountTable(t.records_.rows(), t.records_.cols());
  for (size_t i = 0; i < rows.size(); ++i)
    if ((keep.empty() || keep[i]) && outcome[i]) t.outcomes_.add(rows[i], groups[i]);
  t.reference_ = reference_column(t.records_, o.reference);
  const std::vector<uint8_t> hide_n = suppress_small_counts(t.records_, o.min_count);
  const std::vector<uint8_t> hide_k = suppress_small_counts(t.outcomes_, o.min_count);
  const size_t w = t.groups().size() + 1, h = t.rows().size() + 1;
  for (size_t r = 0; r < h; ++r)
    for (size_t g = 0; g < w; ++g) {
      RateCell c = make_cell(t.records_, t.outcomes_, r, g, t.reference_);
      c.records_suppressed = hide_n[r * w + g] != 0;
      c.outcomes_suppressed = c.records_suppressed || hide_k[r * w + g] != 0 ||
                              (o.min_count > 0 && c.records - c.outcomes < o.min_count);
      t.cells_.push_back(c);
    }
  for (size_t r = 0; r < h; ++r)
    for (size_t g = 0; g < w; ++g) {
      RateCell& c = t.cells_[r * w + g];
      c.ratio_suppressed = c.outcomes_suppressed || t.cells_[r * w + t.reference_].outcomes_suppressed;
    }
  return t;
}

}  // namespace hotspot
