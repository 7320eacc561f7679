#include "cli/commands/shootings_command.h"

#include <CLI/CLI.hpp>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"

namespace hotspot::cli {

int run_shootings(const ShootingsCommandOptions& o, std::ostream& out, std::ostream& err) {
  ShootingsStage stage(o.shootings);
  const Context ctx = run_stages_without_ingest({&stage}, subcommand_run(o));
  const ShootingsOutcome& r = stage.outcome();
  out << "incidents:   " << r.incidents;
  if (!o.shootings.zones.empty()) out << " (" << r.incidents_in_a_division << " in a division)";
  out << "\nindividuals: " << r.individuals_joined << " of " << r.individuals << " joined\n"
      << "officers:    " << r.officers_joined << " of " << r.officers << " joined\n";
  for (const std::string& u : r.unjoined) out << "  " << u << "\n";
  for (const std::string& p : r.paths) out << "output:      " << p << "\n";
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_shootings(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "shootings",
      "Officer-involved shootings: incidents, individuals and officers joined by INCIDENT_ID; the incidents as points with their division; individuals by race, sex, age band and injury, by year and division, small counts suppressed");
  sub->footer(
      "Reads CMPD's three published tables (README, 'Officer-involved shootings').\n"
      "Example (the bundled tables):\n"
      "  hotspot shootings --incidents data/charlotte/ois/OfficerInvolved_Shootings__Incidents.csv \\\n"
      "      --individuals data/charlotte/ois/OfficerInvolved_Shootings__Individuals.csv \\\n"
      "      --officers data/charlotte/ois/CMPD_OfficerInvolved_Shootings__Officers.csv \\\n"
      "      --zones data/charlotte/police_divisions/CMPD_Police_Divisions.shp -o shootings.geojson --report shootings.md");
  bind_stage_command<ShootingsCommandOptions, IngestFlags::none>(
      *sub, action, "shootings", [](ShootingsCommandOptions& o) -> auto& { return o.shootings; }, run_shootings,
      "writes each shooting's own location; publish the report's suppressed tables (`--report`), which hold none");
}

}  // namespace hotspot::cli
