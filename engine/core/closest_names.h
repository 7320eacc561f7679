// "Did you mean ...?": the existing names closest to one that matched nothing (a category, an area name), for
// warnings that help fix a typo instead of silently selecting nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// Levenshtein distance between a and b, ignoring ASCII case (insertions, deletions and substitutions of one byte).
size_t edit_distance_ignoring_case(std::string_view a, std::string_view b);

// Up to `max_names` of `names` that look like `wanted`: those containing it or contained in it (ignoring case),
// then those within max(2, |wanted| / 4) edits, closest first, ties in the order given. Empty when none is close.
std::vector<std::string> closest_names(std::string_view wanted, const std::vector<std::string>& names, size_t max_names = 3);

// "did you mean 'A' or 'B'?"; empty when `names` is.
std::string did_you_mean(const std::vector<std::string>& names);

}  // namespace hotspot
