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
#include "engine/core/timestamp.h"

namespace hotspot::cli {

int run_info(const InfoOptions& o, std::ostream& out, std::ostream& err) {
  SubcommandRun how = subcommand_run(o);
  how.threads = 0;
  how.rejects = o.rejects_path;
  how.records = SubcommandRun::Records::optional;
  const Context ctx = run_subcommand_stages(o.ingest, {}, how);
  const IngestResult& r = ctx.records();
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
    j["warnings"] = ctx.notes;
    out << j.dump(2) << "\n";
  } else {
    print_ingest_summary(r, out, o.top_categories);
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
    PrivacyOptions privacy;
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
      "  hotspot info divisions.shp --json");
  add_ingest_flags(*sub, b->options.ingest, b->options.rejects_path, b->input, b->cli);
  declare_common_options(b->common, b->options.threads, b->options.overwrite, b->options.quiet);
  b->cli.bind(*sub, b->common);
  b->privacy.declare(b->profile);
  std::erase_if(b->profile.options(), [](const Option& o) { return o.key != "profile"; });  // refused anyway
  b->cli.bind(*sub, b->profile);
  sub->add_flag("--json", b->options.json, "Print the summary as JSON");
  sub->add_option("--top-categories", b->options.top_categories, "How many categories to list")->capture_default_str();
  sub->callback([b, &action]() {
    action = [b]() {
      b->cli.apply();
      refuse_public_profile(b->privacy, "info",
                            "writes no publishable output: its only file is the rejects file, which holds raw records "
                            "(addresses and coordinates); its summary goes to the terminal");
      return run_info(b->options, std::cout, std::cerr);
    };
  });
}

}  // namespace hotspot::cli
