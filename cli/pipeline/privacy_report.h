// The public profile applied to the report's three texts (report.md, report.csv, report.json) before they are
// written: counts from 1 to k - 1 become "< k" (Markdown) or null (CSV, JSON, with the suppressed fields named),
// with the rates and shares of the same row; counts by year are suppressed with a complement (the area's total is
// published), shown as "suppressed"; top categories' small counts become "(< k)"; positions (lon, lat) are left out.
#pragma once

#include <string>

namespace hotspot::cli {

std::string public_report_markdown(const std::string& markdown, int min_count);
std::string public_report_csv(const std::string& csv, int min_count);
std::string public_report_json(const std::string& json, int min_count);

}  // namespace hotspot::cli
