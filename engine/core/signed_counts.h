// Exports with signed counts: a row with count 1 is a record, a row with count -1 with the same incident id corrects
// (cancels) an earlier record of that incident. Netting gives every row one fate, so each still ends in the output
// or in the rejects with a reason: a cancelled record and the row that cancels it both leave the analysis.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

struct CountFate {
  enum class Kind {
    keep,        // count 1, not cancelled (or a row netting does not look at)
    cancelled,   // count 1, cancelled by the row `partner`
    correction,  // count -1, cancels the row `partner`
    unmatched,   // count -1, no earlier uncancelled row of its id
    bad_count,   // a count other than 1 or -1 (0, 2, text, empty)
  } kind = Kind::keep;
  int64_t partner = -1;  // index of the other row of a cancellation
};

// One row to net: its count and id as written; `skip` rows (malformed ones) keep their fate and net nothing.
struct CountRow {
  std::string count, id;
  bool skip = false;
};

// Nets the rows in input order: each count -1 cancels the latest earlier row of the same id (ids compared after
// trimming blanks) that has count 1 and is not cancelled yet. Counts are read as integers ("1", "-1", "1.0", "+1").
std::vector<CountFate> net_signed_counts(const std::vector<CountRow>& rows);

}  // namespace hotspot
