#include "cli/commands/check_public_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands/ingest_flags.h"
#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/common_options.h"
#include "cli/pipeline/ingest_options.h"

namespace hotspot::cli {

namespace {

constexpr size_t kShownPerFile = 10;

// Per file: how many findings, then the first few, each with the feature or row and the value.
void print_findings(const std::vector<PublicFinding>& findings, std::ostream& out) {
  for (size_t i = 0; i < findings.size();) {
    size_t end = i;
    while (end < findings.size() && findings[end].file == findings[i].file) ++end;
    out << findings[i].file << ": " << (end - i) << " finding(s)\n";
    for (size_t k = i; k < std::min(end, i + kShownPerFile); ++k)
      out << "  " << findings[k].file << ": " << findings[k].where << ": " << findings[k].value << ": "
          << findings[k].why << "\n";
    if (end - i > kShownPerFile) out << "  ... and " << (end - i - kShownPerFile) << " more in " << findings[i].file << "\n";
    i = end;
  }
}

// The ingest options with the incidents as --incidents INPUT: the command's positional is the folder.
void declare_incident_flags(OptionTable& t, CheckPublicCommandOptions& o) {
  declare_incidents_options(t, o.ingest);
  declare_rejects_option(t, o.rejects);
}

}  // namespace

int run_check_public(const CheckPublicCommandOptions& o, std::ostream& out, std::ostream& err) {
  CheckPublicStage stage(o.check);
  const Context ctx = run_subcommand_stages(o.ingest, {&stage}, subcommand_run(o));
  const CheckPublicOutcome& r = stage.outcome();
  print_findings(r.findings, out);
  for (const std::string& s : r.skipped) out << "not scanned: " << s << "\n";
  out << "check-public " << o.check.folder << ": " << r.summary() << "\n";
  print_warnings(ctx.notes, err);
  return r.findings.empty() ? kExitOk : kExitFailure;
}

void register_check_public(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "check-public",
      "Audits an output folder before it is published: any position within --distance of an input incident, any count below k; exit 1 naming each file, feature or row and value");
  sub->footer(
      "Scans GeoJSON, shapefiles, GeoPackages, MBTiles, CSV, Markdown, JSON, map.html's embedded data and GeoTIFF\n"
      "metadata. Positions are point geometries and number pairs that read as lon/lat or analysis-CRS x/y.\n"
      "Example:\n"
      "  hotspot check-public out/charlotte --incidents data/charlotte/cmpd_incidents_sample.csv --crs EPSG:2264");
  struct Bound {
    CheckPublicCommandOptions options;
    OptionTable input{"input"}, stage{"check_public"}, common;
    CliOptions cli;
  };
  auto b = std::make_shared<Bound>();
  declare_incident_flags(b->input, b->options);
  b->options.check.declare(b->stage);
  declare_common_options(b->common, b->options.threads, b->options.overwrite, b->options.quiet);
  for (OptionTable* t : {&b->stage, &b->input, &b->common}) b->cli.bind(*sub, *t);
  sub->callback([b, &action]() {
    action = [b]() {
      b->cli.apply();
      return run_check_public(b->options, std::cout, std::cerr);
    };
  });
}

}  // namespace hotspot::cli
