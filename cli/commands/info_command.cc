#include "cli/commands/info_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "cli/commands/ingest_flags.h"
#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/common_options.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/summary_counts.h"
#include "engine/core/timestamp.h"

namespace hotspot::cli {

namespace {

nlohmann::ordered_json count_json(const SummaryCount& c) {
  return c.shown() ? nlohmann::ordered_json(c.value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json counts_json(const std::map<std::string, SummaryCount>& counts) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, c] : counts) j[name] = count_json(c);
  return j;
}

// The names of the suppressed counts ("accepted", "rejected_by_reason.bad_x", "category_counts.ARSON"), with why.
nlohmann::ordered_json suppressed_json(const SummaryCounts& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const auto note = [&j, &s](const std::string& key, const SummaryCount& c) {
    if (!c.shown()) j[key] = c.status == Suppressed::primary ? "below k = " + std::to_string(s.min_count) : "complementary";
  };
  note("records_in", s.in);
  note("accepted", s.accepted);
  note("rejected", s.rejected);
  note("undated", s.undated);
  for (const auto& [code, c] : s.by_reason) note("rejected_by_reason." + code, c);
  for (const auto& [name, c] : s.by_category) note("category_counts." + name, c);
  return j;
}

void print_json(const Context& ctx, const SummaryCounts& s, std::ostream& out) {
  const IngestResult& r = ctx.records();
  nlohmann::ordered_json j;
  j["input"] = r.source_path;
  if (!s.privacy.empty()) j["privacy"] = s.privacy;
  j["records_in"] = count_json(s.in);
  j["accepted"] = count_json(s.accepted);
  j["rejected"] = count_json(s.rejected);
  j["rejected_by_reason"] = counts_json(s.by_reason);
  j["source_crs"] = r.source_crs ? r.source_crs->authority_code() : "";
  j["analysis_crs"] = r.analysis_crs ? r.analysis_crs->authority_code() : "";
  j["crs_note"] = r.crs_note;
  if (!s.extent.empty())
    j["extent"] = {{"min_x", s.extent.min_x}, {"min_y", s.extent.min_y}, {"max_x", s.extent.max_x}, {"max_y", s.extent.max_y}};
  if (r.min_time_ms) j["date_min"] = format_date(*r.min_time_ms);
  if (r.max_time_ms) j["date_max"] = format_date(*r.max_time_ms);
  j["category_counts"] = counts_json(s.by_category);
  if (!s.privacy.empty()) j["suppressed"] = suppressed_json(s);
  j["warnings"] = ctx.notes;
  out << j.dump(2) << "\n";
}

}  // namespace

int run_info(const InfoOptions& o, std::ostream& out, std::ostream& err) {
  SubcommandRun how = subcommand_run(o);
  how.threads = 0;
  how.rejects = o.rejects_path;
  how.records = SubcommandRun::Records::optional;
  const Context ctx = run_subcommand_stages(o.ingest, {}, how);
  const IngestResult& r = ctx.records();
  const SummaryCounts counts = summary_counts(r, o.privacy);
  if (o.json) {
    print_json(ctx, counts, out);
  } else {
    print_ingest_summary(r, counts, out, o.top_categories);
    if (!o.rejects_path.empty()) out << "rejects:   " << o.rejects_path << " (" << r.rejects.size() << " rows)\n";
  }
  if (!o.json) print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_info(CLI::App& app, CommandAction& action) {
  struct Bound {
    InfoOptions options;
    OptionTable input{"input"};
    OptionTable common;
    OptionTable profile{"privacy"};
    CliOptions cli;
  };
  auto b = std::make_shared<Bound>();
  CLI::App* sub = app.add_subcommand(
      "info",
      "Counts every record: accepted, or rejected with a reason; CRS, extent, date range, categories");
  sub->footer(
      "Examples:\n"
      "  hotspot info data/charlotte/incidents.csv\n"
      "  hotspot info incidents.csv --rejects rejects.csv --date-from 2020-01-01 --date-to 2020-12-31\n"
      "  hotspot info divisions.shp --json\n"
      "  hotspot info incidents.csv --profile public --json   # counts below k suppressed, extent widened");
  add_ingest_flags(*sub, b->options.ingest, b->options.rejects_path, b->input, b->cli);
  declare_common_options(b->common, b->options.threads, b->options.overwrite, b->options.quiet);
  b->cli.bind(*sub, b->common);
  b->options.privacy.declare(b->profile);
  std::erase_if(b->profile.options(), [](const Option& o) {  // what the summary uses
    return o.key != "profile" && o.key != "min_count" && o.key != "generalisation";
  });
  b->cli.bind(*sub, b->profile);
  sub->add_flag("--json", b->options.json, "Print the summary as JSON");
  sub->add_option("--top-categories", b->options.top_categories, "How many categories to list")->capture_default_str();
  sub->callback([b, &action]() {
    action = [b]() {
      b->cli.apply();
      return run_info(b->options, std::cout, std::cerr);
    };
  });
}

}  // namespace hotspot::cli
