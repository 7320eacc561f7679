#include "cli/commands/ingest_summary.h"

#include <algorithm>
#include <iomanip>

#include "engine/core/timestamp.h"

namespace hotspot::cli {

namespace {

// What netting the signed counts did: records cancelled, the rows that cancelled them, cancellations that matched
// nothing.
void print_netting(const IngestResult& r, std::ostream& out) {
  const auto& by = r.accounting.rejected_by_reason();
  const auto n = [&by](const char* code) {
    const auto it = by.find(code);
    return it == by.end() ? int64_t{0} : it->second;
  };
  out << "netting:   " << n(reason::kCancelled) << " record(s) cancelled by " << n(reason::kCorrection) << " row(s) with "
      << r.count_column << " -1; " << n(reason::kUnmatchedCancellation) << " cancellation(s) matched no earlier record; "
      << n(reason::kBadCount) << " row(s) with another count\n";
}

}  // namespace

void print_ingest_summary(const IngestResult& r, std::ostream& out, int top_categories) {
  const RecordAccounting& a = r.accounting;
  out << "input:     " << r.source_path << "\n";
  out << "records:   " << a.records_in() << " in, " << a.accepted() << " accepted, " << a.rejected_total()
      << " rejected\n";
  for (const auto& [code, n] : a.rejected_by_reason()) out << "  rejected " << std::left << std::setw(24) << code << n << "\n";
  out << std::right;
  if (!r.count_column.empty()) print_netting(r, out);
  if (r.x_column == r.y_column && !r.x_column.empty() && r.x_column != "(geometry)") out << "columns:   points=" << r.x_column << " (WKT)";
  else out << "columns:   x=" << r.x_column << " y=" << r.y_column;
  if (!r.date_column.empty()) out << " date=" << r.date_column;
  if (!r.category_column.empty()) out << " category=" << r.category_column;
  if (!r.weight_column.empty()) out << " weight=" << r.weight_column;
  out << "\n";
  out << "crs:       " << r.crs_note << "\n";
  if (!r.extent.empty() && r.analysis_crs) {
    const std::string unit = r.analysis_crs->linear_unit_name();
    out << std::fixed << std::setprecision(1) << "extent:    x " << r.extent.min_x << " .. " << r.extent.max_x << ", y "
        << r.extent.min_y << " .. " << r.extent.max_y << " (" << unit << "; " << std::setprecision(2)
        << r.extent.width() * r.analysis_crs->linear_unit_m() / 1000.0 << " km x "
        << r.extent.height() * r.analysis_crs->linear_unit_m() / 1000.0 << " km)\n";
    out << std::defaultfloat << std::setprecision(6);
  }
  if (r.min_time_ms && r.max_time_ms)
    out << "dates:     " << format_date(*r.min_time_ms) << " .. " << format_date(*r.max_time_ms) << " (" << r.date_column << ")\n";
  if (r.undated > 0)
    out << (r.min_time_ms ? "           " : "dates:     ") << r.undated << " accepted record(s) have no date in " << r.date_column << "\n";
  if (!r.category_counts.empty()) {
    std::vector<std::pair<std::string, int64_t>> cats(r.category_counts.begin(), r.category_counts.end());
    std::stable_sort(cats.begin(), cats.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    out << "categories (" << r.category_counts.size() << " distinct";
    if (static_cast<int>(cats.size()) > top_categories) out << ", top " << top_categories;
    out << "):\n";
    for (int i = 0; i < static_cast<int>(cats.size()) && i < top_categories; ++i)
      out << "  " << std::setw(7) << cats[static_cast<size_t>(i)].second << "  " << cats[static_cast<size_t>(i)].first << "\n";
  }
}

void print_warnings(const std::vector<std::string>& warnings, std::ostream& out) {
  for (const std::string& w : warnings) out << "hotspot: warning: " << w << "\n";
}


}  // namespace hotspot::cli
