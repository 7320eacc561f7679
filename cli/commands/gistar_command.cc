#include "cli/commands/gistar_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iomanip>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/privacy_lengths.h"

namespace hotspot::cli {

namespace {

void print_summary(const GistarOptions& o, const Context& ctx, const GistarOutcome& g, std::ostream& out) {
  print_ingest_summary(ctx.records(), out, 5);
  out << "units:     " << g.units() << " analysed";
  if (g.zones) out << " zones from " << o.gistar.zones;
  else
    out << " of " << g.n_cells << " " << (o.gistar.hex ? "hexagons" : "fishnet cells") << " (" << g.grid->ncols()
        << " cols x " << g.grid->nrows() << " rows, " << o.gistar.cell_size->to_string() << ")";
  out << "; " << g.points_in << " incidents in units, " << g.points_outside << " in none\n";
  out << "value:     " << o.gistar.value << " (mean " << g.gi.mean << ", s.d. " << g.gi.sd << ")\n";
  out << "weights:   " << g.weights_description;
  if (!g.band_note.empty())
    out << ", band " << std::setprecision(10) << g.band_crs << " " << ctx.crs().linear_unit_name() << " (" << g.band_note
        << ")" << std::setprecision(6);
  out << "; neighbours per unit (self excluded) min " << g.neighbours.min << ", mean " << std::fixed << std::setprecision(2)
      << g.neighbours.mean << std::defaultfloat << std::setprecision(6) << ", max " << g.neighbours.max << "\n";
  out << "bins:      " << (o.gistar.fdr ? "FDR-corrected (Benjamini-Hochberg)" : "no FDR correction") << ", critical p 90% "
      << g.thresholds.p90 << ", 95% " << g.thresholds.p95 << ", 99% " << g.thresholds.p99 << "\n";
  out << "           ";
  for (int b = -3; b <= 3; ++b) {
    const auto it = g.bin_counts.find(b);
    out << (b > 0 ? "+" : "") << b << ": " << (it == g.bin_counts.end() ? 0 : it->second) << (b < 3 ? "  " : "\n");
  }
  if (o.gistar.permutations > 0)
    out << "permutations: " << o.gistar.permutations << " conditional, seed " << o.gistar.seed
        << " (GiPseudoP = 2(M+1)/(R+1))\n";
  for (const std::string& p : g.paths)
    out << "output:    " << p << " (" << g.features << " features, style "
        << std::filesystem::path(p).replace_extension(".qml").string() << ")\n";
}

}  // namespace

int run_gistar(const GistarOptions& o, std::ostream& out, std::ostream& err) {
  GistarStage stage(o.gistar);
  SubcommandRun how = subcommand_run(o);
  how.public_lengths = public_lengths(o.gistar, LengthNames::flags);
  const Context ctx = run_subcommand_stages(o.ingest, {&stage}, how);
  print_summary(o, ctx, *ctx.gistar, out);
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_gistar(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "gistar",
      "Getis-Ord Gi* on a fishnet, hexagons or polygon zones; fixed band, inverse distance, k nearest, zone of indifference or contiguity weights; FDR-corrected Gi_Bin; conditional permutations");
  sub->footer(
      "Matches ArcGIS Pro's Hot Spot Analysis and R spdep's localG (include.self, style B).\n"
      "Examples:\n"
      "  hotspot gistar incidents.csv --cell-size 1000ft --band 3000ft -o hotspots.geojson\n"
      "  hotspot gistar incidents.csv --hex --cell-size 500m -o hex.gpkg --permutations 999 --seed 1\n"
      "  hotspot gistar incidents.csv --zones npa.geojson --zone-id id --weights contiguity-edges -o npa.shp\n"
      "  hotspot gistar stops.csv --cell-size 2000ft --value rate:SEARCHED/STOPPED -o rate.gpkg");
  bind_stage_command<GistarOptions>(*sub, action, "gistar", [](GistarOptions& o) -> auto& { return o.gistar; }, run_gistar);
}

}  // namespace hotspot::cli
