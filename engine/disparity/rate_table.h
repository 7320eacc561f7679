// Outcome rates by row x driver group: for each cell the records (stops), the outcomes (searches, arrests), the rate
// with its Wilson 95 % interval, and against the reference group in the same row the rate ratio (Katz interval) and
// the relative difference (the NC "likelihood" measure, engine/disparity/rate_ratio.h). The total row ("all rows")
// and the total column ("all groups") are cells too.
//
// Suppression (min_count k, 0 = off): the records and the outcome tables are each suppressed with their
// complementary cells (engine/disparity/suppression.h); a cell's rate, interval, ratio and likelihood are withheld
// when its records or outcomes are suppressed or fewer than k of its records lack the outcome (then k and n would
// give that small count away), and the ratio also when the reference cell's rate is withheld.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/disparity/count_table.h"
#include "engine/disparity/rate_interval.h"
#include "engine/disparity/rate_ratio.h"

namespace hotspot {

struct RateCell {
  int64_t records = 0, outcomes = 0;
  RateInterval rate;
  RateRatio ratio;                 // against the reference group of the row; NaN for the reference and total columns
  double likelihood = 0.0;         // ratio - 1 as (r_g - r_ref) / r_ref; NaN where the ratio is
  bool records_suppressed = false;
  bool outcomes_suppressed = false;  // and with them rate, interval, ratio and likelihood
  bool ratio_suppressed = false;
};

struct RateTableOptions {
  // The reference group. DEFAULT: empty = the group with the most records over all rows (ties: the first in order).
  std::string reference;
  // Suppress published counts below this. DEFAULT: 5 (a common threshold of statistical agencies); 0 = none.
  int64_t min_count = 5;
};

class RateTable {
 public:
  const std::vector<std::string>& rows() const { return records_.rows(); }
  const std::vector<std::string>& groups() const { return records_.cols(); }
  size_t reference() const { return reference_; }
  // r in [0, rows], g in [0, groups]; index rows() / groups() is the total.
  const RateCell& cell(size_t r, size_t g) const { return cells_[r * (groups().size() + 1) + g]; }
  const CountTable& records() const { return records_; }
  const CountTable& outcomes() const { return outcomes_; }

  friend RateTable rate_table(std::span<const std::string>, std::span<const std::string>, std::span<const uint8_t>,
                              const RateTableOptions&, std::span<const uint8_t>);

 private:
  CountTable records_, outcomes_;
  size_t reference_ = 0;
  std::vector<RateCell> cells_;
};

// Record i is in row rows[i], group groups[i], and has the outcome when outcome[i] != 0; only records with keep[i]
// != 0 count when `keep` is given. Throws std::invalid_argument naming a reference group that no record has.
RateTable rate_table(std::span<const std::string> rows, std::span<const std::string> groups,
                     std::span<const uint8_t> outcome, const RateTableOptions& options,
                     std::span<const uint8_t> keep = {});

}  // namespace hotspot
