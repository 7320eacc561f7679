#include "cli/commands/info_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "cli/commands/ingest_flags.h"
#include "cli/commands/stderr_progress.h"
#include "engine/core/timestamp.h"

namespace hotspot::cli {

void print_ingest_summary(const IngestResult& r, std::ostream& out, int top_categories) {
  const RecordAccounting& a = r.accounting;
  out << "input:     " << r.source_path << "\n";
  out << "records:   " << a.records_in() << " in, " << a.accepted() << " accepted, " << a.rejected_total()
      << " rejected\n";
  for (const auto& [code, n] : a.rejected_by_reason()) out << "  rejected " << std::left << std::setw(24) << code << n << "\n";
  out << std::right;
  out << "columns:   x=" << r.x_column << " y=" << r.y_column;
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
  if (!r.category_counts.empty()) {
    std::vector<std::pair<std::string, int64_t>> cats(r.category_counts.begin(), r.category_counts.end());
    std::stable_sort(cats.begin(), cats.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    out << "categories (" << r.category_counts.size() << " distinct";
    if (static_cast<int>(cats.size()) > top_categories) out << ", top " << top_categories;
    out << "):\n";
    for (int i = 0; i < static_cast<int>(cats.size()) && i < top_categories; ++i)
      out << "  " << std::setw(7) << cats[static_cast<size_t>(i)].second << "  " << cats[static_cast<size_t>(i)].first << "\n";
  }
  for (const std::string& w : r.warnings) out << "warning:   " << w << "\n";
}

int run_info(const InfoOptions& o, std::ostream& out, std::ostream& err) {
  StderrProgress progress;
  IngestResult r = ingest(o.ingest, &progress);
  if (!o.rejects_path.empty()) write_rejects_csv(r, o.rejects_path, o.overwrite);
  if (o.json) {
    nlohmann::ordered_json j;
    j["input"] = r.source_path;
    j["records_in"] = r.accounting.records_in();
    j["accepted"] = r.accounting.accepted();
    j["rejected"] = r.accounting.rejected_total();
    j["rejected_by_reason"] = r.accounting.rejected_by_reason();
    j["source_crs"] = r.source_crs ? r.source_crs->authority_code() : "";
    j["analysis_crs"] = r.analysis_crs ? r.analysis_crs->authority_code() : "";
    j["crs_note"] = r.crs_note;
    if (!r.extent.empty())
      j["extent"] = {{"min_x", r.extent.min_x}, {"min_y", r.extent.min_y}, {"max_x", r.extent.max_x}, {"max_y", r.extent.max_y}};
    if (r.min_time_ms) j["date_min"] = format_date(*r.min_time_ms);
    if (r.max_time_ms) j["date_max"] = format_date(*r.max_time_ms);
    j["category_counts"] = r.category_counts;
    j["warnings"] = r.warnings;
    out << j.dump(2) << "\n";
  } else {
    print_ingest_summary(r, out, o.top_categories);
    if (!o.rejects_path.empty()) out << "rejects:   " << o.rejects_path << " (" << r.rejects.size() << " rows)\n";
  }
  (void)err;
  return kExitOk;
}

void register_info(CLI::App& app, CommandAction& action) {
  auto opts = std::make_shared<InfoOptions>();
  auto input = std::make_shared<OptionTable>("input");
  auto cli = std::make_shared<CliOptions>();
  CLI::App* sub = app.add_subcommand("info", "Count and describe an incident file: every record accepted or rejected with a reason");
  sub->footer(
      "Examples:\n"
      "  hotspot info data/charlotte/incidents.csv\n"
      "  hotspot info incidents.csv --rejects rejects.csv --date-from 2020-01-01 --date-to 2020-12-31\n"
      "  hotspot info divisions.shp --json");
  add_ingest_flags(*sub, opts->ingest, *input, *cli);
  sub->add_option("--rejects", opts->rejects_path, "Write rejected records with their reasons to this CSV");
  sub->add_flag("--overwrite", opts->overwrite, "Replace existing output files");
  sub->add_flag("--json", opts->json, "Print the summary as JSON");
  sub->add_option("--top-categories", opts->top_categories, "How many categories to list")->capture_default_str();
  sub->callback([opts, input, cli, &action]() {
    action = [opts, input, cli]() {
      cli->apply();
      return run_info(*opts, std::cout, std::cerr);
    };
  });
}

}  // namespace hotspot::cli
