// Which published values are counts of incidents, and which counts are too small to publish. A field is a count
// when its name says so (spelling normalised: case, spaces, hyphens and underscores ignored): it contains "count"
// (Join_Count, SUM_COUNT, count_2024), is "n", "observed", "before", "after", "stops", "records", "outcomes" (a table
// of stops) or a year (counts by year), or names
// incidents ("incidents", "violent", "incidents_2023") and is not a figure derived from counts (share, rate, ratio, density, mean, pct, per, change,
// z-score, p-value in the name). A count discloses when it is at least 1 and below k: zero and suppressed (null) cells do not.
#pragma once

#include <string_view>

namespace hotspot {

bool is_count_name(std::string_view name);

// A figure computed from counts (share, rate, ratio, density, mean, pct, per, change in the name): published only
// with the counts it comes from.
bool is_derived_from_counts(std::string_view name);

// Whether `derived` is a figure of the count `count`: derived from counts and naming it (share_violent, violent).
bool is_derived_from(std::string_view derived, std::string_view count);

// 0 < count < min_count.
bool is_small_count(double count, int min_count);

}  // namespace hotspot
