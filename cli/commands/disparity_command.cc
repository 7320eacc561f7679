#include "cli/commands/disparity_command.h"

#include <CLI/CLI.hpp>
#include <cmath>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "engine/core/text.h"
#include "engine/disparity/disparity_report.h"

namespace hotspot::cli {

namespace {

void print_summary(const DisparityCommandOptions& o, const DisparityOutcome& r, std::ostream& out) {
  out << "stops:     " << r.accounting.summary() << "\n";
  out << "outcome:   " << o.disparity.outcome << "; reference group " << r.reference_group << "\n";
  if (r.fit) {
    out << "odds ratios (" << o.disparity.group << ", " << r.fit->records_used << " stops";
    for (size_t k = 0; k < o.disparity.controls.size(); ++k) out << (k ? "," : ", controls ") << o.disparity.controls[k];
    out << "):\n";
    for (const LogisticCoefficient& c : r.fit->coefficients)
      if (c.term == o.disparity.group && odds_ratio_suppressed(c, o.disparity.min_count))
        out << "           " << c.level << " suppressed (fewer than " << o.disparity.min_count << " stops with or without the outcome)\n";
      else if (c.term == o.disparity.group)
        out << "           " << c.level << " " << format_fixed(c.odds_ratio, 3) << " (" << format_fixed(c.or_low, 3)
            << "-" << format_fixed(c.or_high, 3) << ")\n";
  }
  for (const std::string& p : r.paths) out << "output:    " << p << "\n";
  if (r.zones > 0) out << "zones:     " << r.zones << " features\n";
}

}  // namespace

int run_disparity(const DisparityCommandOptions& o, std::ostream& out, std::ostream& err) {
  DisparityStage stage(o.disparity);
  SubcommandRun how = subcommand_run(o);
  how.privacy.min_count = o.disparity.min_count;  // k is the command's own --min-count
  how.withheld = {{"--min-count " + std::to_string(o.disparity.min_count), o.disparity.min_count < 2,
                   "the public profile needs k of at least 2"}};
  const Context ctx = run_stages_without_ingest({&stage}, how);
  print_summary(o, stage.outcome(), out);
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_disparity(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "disparity",
      "Who, not only where: search (or arrest, citation) rates of traffic stops by driver group, per division, stop purpose and officer race, with Wilson intervals, rate ratios, the NC likelihood measure, odds ratios from a logistic regression and small counts suppressed");
  sub->footer(
      "Reads a table of stops (no coordinates needed); values are trimmed and \\N is missing. See README, 'Disparity'.\n"
      "Examples (the bundled CMPD stops, read gzip-compressed as they are):\n"
      "  hotspot disparity data/charlotte/cmpd_traffic_stops_2016_2017.tsv.gz --group driver_race --group-rule hispanic-first --reference-group White \\\n"
      "      --outcome search_conducted=Yes --report disparity.md\n"
      "  hotspot disparity data/charlotte/cmpd_traffic_stops_2016_2017.tsv.gz --group driver_race --group-rule hispanic-first --outcome search_conducted=Yes \\\n"
      "      --by cmpd_division --zones data/charlotte/police_divisions/CMPD_Police_Divisions.shp --zone-key DNAME \\\n"
      "      --controls reason,cmpd_division,driver_gender,driver_age:age-band,officer_race \\\n"
      "      --reference-group White -o disparity.gpkg --report disparity.md\n"
      "  hotspot disparity data/charlotte/cmpd_traffic_stops_2016_2017.tsv.gz --group driver_race --outcome result=Arrest --min-count 10 --report arrests.md");
  bind_stage_command<DisparityCommandOptions, IngestFlags::none>(
      *sub, action, "disparity", [](DisparityCommandOptions& o) -> auto& { return o.disparity; }, run_disparity);
}

}  // namespace hotspot::cli
