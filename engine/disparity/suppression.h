// Small-count suppression of a published two-way table with its margins (CountTable).
//
// Primary: every cell, margins included, with a count below `min_count` (zero included) is suppressed.
// Complementary: a row (or column) is one linear relation, cells + ... = margin; when exactly one of its entries
// (cells and margin) is suppressed, the others would reveal it, so the smallest unsuppressed entry of that line is
// suppressed too (ties: the first in order, margin last). Repeated until no line has exactly one suppressed entry.
// This protects each line on its own; it is the usual cell-suppression rule of statistical offices, not a full
// linear-programming audit across lines.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/disparity/count_table.h"

namespace hotspot {

// Flags in the table's (rows + 1) x (cols + 1) layout, row-major: 1 = suppressed. min_count <= 0: nothing.
std::vector<uint8_t> suppress_small_counts(const CountTable& table, int64_t min_count);

// The union of two masks of one layout.
std::vector<uint8_t> either(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b);

}  // namespace hotspot
