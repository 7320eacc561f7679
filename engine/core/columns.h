// Finding a table's columns by name, one rule for every reader (incident files, references, zones, joins), and
// naming them in messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// The name as columns are matched: ASCII lower case without spaces, hyphens and underscores, so that `X-Coord`,
// `XCoord` and `x_coord` are one column.
std::string column_key(std::string_view name);

// Index of the column called `name`: the first equal to it ignoring ASCII case, else the first with the same
// column_key; -1 when there is none.
int find_column(const std::vector<std::string>& header, std::string_view name);

// "a, b, c": the columns, for messages that say what the header has.
std::string column_list(const std::vector<std::string>& header);

}  // namespace hotspot
