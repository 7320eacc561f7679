#include "cli/commands/emerging_command.h"

#include <CLI/CLI.hpp>
#include <map>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/privacy_lengths.h"
#include "engine/core/timestamp.h"

namespace hotspot::cli {

namespace {

constexpr int64_t kMsPerDay = 86400000LL;

void print_summary(const EmergingCommandOptions& o, const Context& ctx, const EmergingOutcome& r, std::ostream& out) {
  print_ingest_summary(ctx.records(), out, 5);
  const SpaceTimeCube& c = r.cube;
  out << "cube:      " << c.locations() << " locations (cells with an incident) x " << c.steps() << " steps of "
      << o.emerging.time_step << ", " << format_date(c.plan.edges_day.front() * kMsPerDay) << " to "
      << format_date((c.plan.edges_day.back() - 1) * kMsPerDay) << " (aligned to the " << o.emerging.time_alignment
      << "); " << c.incidents_in << " incidents binned, " << c.incidents_partial_step << " in a dropped partial step, "
      << c.incidents_undated << " undated\n";
  out << "gi*:       neighbourhood " << o.emerging.neighborhood_steps << " earlier step(s), band " << r.band_crs << " "
      << ctx.crs().linear_unit_name() << ", global window " << o.emerging.global_window << ", "
      << (o.emerging.fdr ? "FDR-corrected bins per step" : "uncorrected bins") << ", alpha " << o.emerging.alpha << "\n";
  std::map<int, size_t> by_category;
  for (const LocationTrend& l : r.result.locations) ++by_category[category_code(l.pattern)];
  for (const auto& [code, n] : by_category)
    out << "pattern:   " << pattern_name(static_cast<EmergingPattern>(code)) << " (" << code << "): " << n << "\n";
  for (const std::string& p : r.paths) out << "output:    " << p << "\n";
}

}  // namespace

int run_emerging(const EmergingCommandOptions& o, std::ostream& out, std::ostream& err) {
  EmergingStage stage(o.emerging);
  SubcommandRun how = subcommand_run(o);
  how.public_lengths = public_lengths(o.emerging, LengthNames::flags);
  const char* cube = "not written with the public profile: the cube holds every cell's count per time step";
  how.withheld = {{"--cube-csv", !o.emerging.cube_csv.empty(), cube}, {"--cube-netcdf", !o.emerging.cube_netcdf.empty(), cube}};
  const Context ctx = run_subcommand_stages(o.ingest, {&stage}, how);
  print_summary(o, ctx, stage.outcome(), out);
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_emerging(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "emerging",
      "Emerging hot spots as ArcGIS defines them: a space-time cube of fishnet cells x time steps, space-time Gi*, Mann-Kendall trends and the 17 patterns");
  sub->footer(
      "Follows ArcGIS Pro's Create Space Time Cube By Aggregating Points and Emerging Hot Spot Analysis.\n"
      "Examples:\n"
      "  hotspot emerging incidents.csv --cell-size 1000ft --time-step 3months -o emerging.gpkg\n"
      "  hotspot emerging incidents.csv --cell-size 1000ft --time-step 1month --neighborhood-steps 2 --band 3000ft \\\n"
      "      -o emerging.shp --cube-csv cube.csv");
  bind_stage_command<EmergingCommandOptions>(*sub, action, "emerging",
                                             [](EmergingCommandOptions& o) -> auto& { return o.emerging; }, run_emerging);
}

}  // namespace hotspot::cli
