#include "engine/privacy/count_fields.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace hotspot {

namespace {

std::string normalised(std::string_view name) {
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool is_derived_from_counts(std::string_view name) {
  const std::string n = normalised(name);
  for (const char* derived : {"share", "rate", "ratio", "density", "mean", "pct", "per", "change"})
    if (n.find(derived) != std::string::npos) return true;
  return false;
}

bool is_derived_from(std::string_view derived, std::string_view count) {
  return is_derived_from_counts(derived) && normalised(derived).find(normalised(count)) != std::string::npos;
}

bool is_count_name(std::string_view name) {
  const std::string n = normalised(name);
  if (n == "n" || n == "observed" || n == "before" || n == "after") return true;
  if (n == "stops" || n == "records" || n == "outcomes") return true;  // a table of stops (hotspot disparity)
  if (n.size() == 4 && (n.rfind("19", 0) == 0 || n.rfind("20", 0) == 0) &&
      std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return true;  // counts by year: {"2017": 11}
  // Figures derived from counts are not counts: share_incidents, incidents_per_sq_mile, count_change.
  if (is_derived_from_counts(name)) return false;
  for (const char* statistic : {"zscore", "pvalue", "countz", "countp", "countsign"})
    if (n.find(statistic) != std::string::npos) return false;
  return n.find("count") != std::string::npos || n.find("incidents") != std::string::npos ||
         n.find("violent") != std::string::npos;
}

bool is_small_count(double count, int min_count) { return count > 0.0 && count < static_cast<double>(min_count); }

}  // namespace hotspot
