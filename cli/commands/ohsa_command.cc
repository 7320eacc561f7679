#include "cli/commands/ohsa_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iomanip>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/privacy_lengths.h"

namespace hotspot::cli {

namespace {

void print_curve(const OhsaOutcome& r, std::ostream& out) {
  const IncrementalMoranResult& c = r.band->curve;
  for (size_t k = 0; k < c.bands.size(); ++k) {
    const MoranResult& m = c.bands[k].moran;
    out << "  " << std::setw(12) << std::setprecision(10) << c.bands[k].distance_crs << "  I " << std::setw(10)
        << std::setprecision(6) << m.i << "  z " << std::setw(9) << m.z << (r.band->band_index == k ? "  <- band" : "")
        << "\n";
  }
}

void print_summary(const Context& ctx, const OhsaOutcome& r, const GistarOutcome& g, std::ostream& out) {
  print_ingest_summary(ctx.records(), out, 5);
  for (const auto& [key, text] : r.choices) {
    const std::string label = key == "cell_size" ? "cell size" : key;
    out << std::left << std::setw(11) << (label + ":") << std::right << text << "\n";
    if (key == "band" && r.band) print_curve(r, out);
  }
  out << "Gi*:       " << g.description << "\n";
  out << "bins:      ";
  for (int b = -3; b <= 3; ++b) {
    const auto it = g.bin_counts.find(b);
    out << (b > 0 ? "+" : "") << b << ": " << (it == g.bin_counts.end() ? 0 : it->second) << (b < 3 ? "  " : "\n");
  }
  for (const std::string& p : g.paths)
    out << "output:    " << p << " (" << g.features << " features, style "
        << std::filesystem::path(p).replace_extension(".qml").string() << ")\n";
  if (!r.curve_csv.empty()) out << "curve:     " << r.curve_csv << ", plot " << r.curve_png << "\n";
}

}  // namespace

int run_ohsa(const OhsaCommandOptions& o, std::ostream& out, std::ostream& err) {
  OhsaStage stage(o.ohsa);
  SubcommandRun how = subcommand_run(o);
  how.public_lengths = public_lengths(o.ohsa, LengthNames::flags);
  const Context ctx = run_subcommand_stages(o.ingest, {&stage}, how);
  print_summary(ctx, stage.outcome(), *ctx.gistar, out);
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_ohsa(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "ohsa",
      "Optimized hot spot analysis (ArcGIS Pro's, for incident points): the cell size and distance band chosen from the data, then Gi* with FDR-corrected Gi_Bin");
  sub->footer(
      "Follows ArcGIS Pro's Optimized Hot Spot Analysis for incident points (README, 'Optimized hot spots'):\n"
      "locational outliers set aside, the cell size from the nearest-neighbour distances, the cells holding an\n"
      "incident (every cell inside --study-area), the band from incremental spatial autocorrelation. Every choice is\n"
      "printed and written with the layer, with the `hotspot gistar` flags that reproduce it.\n"
      "Examples:\n"
      "  hotspot ohsa incidents.csv -o hotspots.gpkg\n"
      "  hotspot ohsa incidents.csv --cell-shape hexagon --curve isa.csv -o hex.gpkg\n"
      "  hotspot ohsa incidents.csv --study-area city.geojson --cell-size 500ft -o hotspots.geojson\n"
      "  hotspot ohsa incidents.csv --profile public -o public/hotspots.geojson   # cells of at least 300 m");
  bind_stage_command<OhsaCommandOptions>(*sub, action, "ohsa", [](OhsaCommandOptions& o) -> auto& { return o.ohsa; }, run_ohsa);
}

}  // namespace hotspot::cli
