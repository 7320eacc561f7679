#include "cli/commands/ingest_summary.h"

#include <algorithm>
#include <iomanip>
#include <vector>

#include "engine/core/timestamp.h"

namespace hotspot::cli {

namespace {

// What netting the signed counts did: records cancelled, the rows that cancelled them, cancellations that matched
// nothing.
void print_netting(const IngestResult& r, const SummaryCounts& s, std::ostream& out) {
  const auto n = [&s](const char* code) {
    const auto it = s.by_reason.find(code);
    return it == s.by_reason.end() ? std::string("0") : to_text(it->second, s.min_count);
  };
  out << "netting:   " << n(reason::kCancelled) << " record(s) cancelled by " << n(reason::kCorrection) << " row(s) with "
      << r.count_column << " -1; " << n(reason::kUnmatchedCancellation) << " cancellation(s) matched no earlier record; "
      << n(reason::kBadCount) << " row(s) with another count\n";
}

// The top categories by count; suppressed ones are listed by name, without their count, after the shown ones.
void print_categories(const SummaryCounts& s, std::ostream& out, int top_categories) {
  std::vector<std::pair<std::string, SummaryCount>> cats(s.by_category.begin(), s.by_category.end());
  std::stable_sort(cats.begin(), cats.end(), [](const auto& x, const auto& y) {
    if (x.second.shown() != y.second.shown()) return x.second.shown();
    return x.second.value > y.second.value && x.second.shown();
  });
  out << "categories (" << cats.size() << " distinct";
  if (static_cast<int>(cats.size()) > top_categories) out << ", top " << top_categories;
  out << "):\n";
  for (int i = 0; i < static_cast<int>(cats.size()) && i < top_categories; ++i) {
    const auto& [name, count] = cats[static_cast<size_t>(i)];
    out << "  " << std::setw(7) << to_text(count, s.min_count) << "  " << name << "\n";
  }
}

}  // namespace

void print_ingest_summary(const IngestResult& r, std::ostream& out, int top_categories) {
  print_ingest_summary(r, summary_counts(r, PrivacyOptions{}), out, top_categories);
}

void print_ingest_summary(const IngestResult& r, const SummaryCounts& s, std::ostream& out, int top_categories) {
  const int k = s.min_count;
  out << "input:     " << r.source_path << "\n";
  if (!s.privacy.empty())
    out << "privacy:   " << s.privacy << "; " << s.suppressed << " count(s) suppressed\n";
  out << "records:   " << to_text(s.in, k) << " in, " << to_text(s.accepted, k) << " accepted, " << to_text(s.rejected, k)
      << " rejected\n";
  for (const auto& [code, n] : s.by_reason) out << "  rejected " << std::left << std::setw(24) << code << to_text(n, k) << "\n";
  out << std::right;
  if (!r.count_column.empty()) print_netting(r, s, out);
  if (r.x_column == r.y_column && !r.x_column.empty() && r.x_column != "(geometry)") out << "columns:   points=" << r.x_column << " (WKT)";
  else out << "columns:   x=" << r.x_column << " y=" << r.y_column;
  if (!r.date_column.empty()) out << " date=" << r.date_column;
  if (!r.category_column.empty()) out << " category=" << r.category_column;
  if (!r.weight_column.empty()) out << " weight=" << r.weight_column;
  out << "\n";
  out << "crs:       " << r.crs_note << "\n";
  if (!s.extent.empty() && r.analysis_crs) {
    const std::string unit = r.analysis_crs->linear_unit_name();
    out << std::fixed << std::setprecision(1) << "extent:    x " << s.extent.min_x << " .. " << s.extent.max_x << ", y "
        << s.extent.min_y << " .. " << s.extent.max_y << " (" << unit << "; " << std::setprecision(2)
        << s.extent.width() * r.analysis_crs->linear_unit_m() / 1000.0 << " km x "
        << s.extent.height() * r.analysis_crs->linear_unit_m() / 1000.0 << " km)\n";
    out << std::defaultfloat << std::setprecision(6);
  }
  if (r.min_time_ms && r.max_time_ms)
    out << "dates:     " << format_date(*r.min_time_ms) << " .. " << format_date(*r.max_time_ms) << " (" << r.date_column << ")\n";
  if (r.undated > 0)
    out << (r.min_time_ms ? "           " : "dates:     ") << to_text(s.undated, k) << " accepted record(s) have no date in "
        << r.date_column << "\n";
  if (!s.by_category.empty()) print_categories(s, out, top_categories);
}

void print_warnings(const std::vector<std::string>& warnings, std::ostream& out) {
  for (const std::string& w : warnings) out << "hotspot: warning: " << w << "\n";
}


}  // namespace hotspot::cli
