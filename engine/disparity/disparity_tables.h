// The tables of a disparity analysis from the accepted stops: outcome rates by zone (division) x driver group, by
// stop purpose x group (with the NC likelihood measure), by officer race x driver group, and the result mix
// (arrest, citation, warning, no action) of each group within each stop purpose, each with small-count suppression.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/disparity/count_table.h"
#include "engine/disparity/rate_table.h"
#include "engine/disparity/residential_benchmark.h"

namespace hotspot {

// One entry per accepted stop; "" = missing. A vector left empty means the analysis has no such column.
struct StopRecords {
  std::vector<std::string> group;    // required, never ""
  std::vector<uint8_t> outcome;      // required: 1 = the outcome (a search)
  std::vector<std::string> zone;     // the --by zone (division)
  std::vector<std::string> reason;   // stop purpose
  std::vector<std::string> result;   // stop result
  std::vector<std::string> officer;  // officer race
};

struct ResultMix {
  std::string reason;                // the stop purpose this block is for
  CountTable table;                  // rows: driver groups; columns: results
  std::vector<uint8_t> suppressed;   // suppress_small_counts layout
};

struct DisparityTables {
  std::optional<RateTable> by_zone, by_reason, by_officer;
  std::vector<ResultMix> result_mix;  // per stop purpose, in order
  int64_t records = 0;
  std::string reference;              // the reference group of every table, chosen over all stops
  std::optional<ResidentTable> residents;  // the residential benchmark per zone, when asked for (set by the caller)
};

// Throws std::invalid_argument naming a reference group no stop has (RateTableOptions).
DisparityTables disparity_tables(const StopRecords& stops, const RateTableOptions& options);

}  // namespace hotspot
