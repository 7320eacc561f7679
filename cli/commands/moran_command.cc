#include "cli/commands/moran_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iomanip>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/privacy_lengths.h"

namespace hotspot::cli {

namespace {

void print_global(const MoranOutcome& m, std::ostream& out) {
  const MoranResult& g = m.global;
  out << std::setprecision(6) << "Moran's I: " << g.i << "  E[I] " << g.expected << "  Var[I] " << g.variance
      << " (randomisation)\n"
      << "           z " << g.z << "  p " << g.p << " (two-sided)  "
      << (g.p <= 0.05 ? (g.z > 0 ? "clustered" : "dispersed") : "no significant spatial autocorrelation")
      << " at 5%\n";
}

void print_local(const MoranCommandOptions& o, const MoranOutcome& m, std::ostream& out) {
  const LocalMoranResult& l = *m.local;
  std::map<ClusterType, size_t> counts;
  for (ClusterType t : l.type) ++counts[t];
  out << "local:     " << (l.pseudo_p.empty() ? "normal p-values" : std::to_string(o.moran.permutations) +
                                                                        " conditional permutations, seed " +
                                                                        std::to_string(o.moran.seed))
      << ", critical p " << l.critical_p << (o.moran.fdr == FdrCorrection::kOn ? " (FDR)" : "") << "\n";
  out << "COType:    HH " << counts[ClusterType::kHighHigh] << "  LL " << counts[ClusterType::kLowLow] << "  HL "
      << counts[ClusterType::kHighLow] << "  LH " << counts[ClusterType::kLowHigh] << "  not significant "
      << counts[ClusterType::kNone] << "\n";
  for (const std::string& p : m.paths)
    out << "output:    " << p << " (" << m.features << " features, style "
        << std::filesystem::path(p).replace_extension(".qml").string() << ")\n";
}

void print_incremental(const MoranOutcome& m, const std::string& unit, std::ostream& out) {
  const IncrementalMoranResult& r = *m.incremental;
  out << "incremental: " << r.bands.size() << " fixed distance bands from " << std::setprecision(10) << r.start_crs
      << " by " << r.increment_crs << " " << unit << "\n";
  for (size_t k = 0; k < r.bands.size(); ++k) {
    const MoranResult& g = r.bands[k].moran;
    out << "  " << std::setw(12) << std::setprecision(10) << r.bands[k].distance_crs << "  I " << std::setw(10)
        << std::setprecision(6) << g.i << "  z " << std::setw(9) << g.z << "  p " << std::setw(11) << g.p
        << (r.first_peak == k ? "  first peak" : "") << (r.max_peak == k ? "  max peak" : "") << "\n";
  }
  if (r.peaks.empty()) out << "  no peak: z does not rise and fall again over these bands\n";
  out << "curve:     " << m.incremental_csv << ", plot " << m.incremental_png << "\n";
}

void print_summary(const MoranCommandOptions& o, const Context& ctx, const MoranOutcome& m, std::ostream& out) {
  print_ingest_summary(ctx.records(), out, 5);
  out << "units:     " << m.units << " analysed";
  if (!m.grid) out << " zones from " << o.moran.zones;
  else
    out << " of " << m.n_cells << " " << (o.moran.hex ? "hexagons" : "fishnet cells") << " ("
        << o.moran.cell_size->to_string() << ")";
  out << "; " << m.points_in << " incidents in units, " << m.points_outside << " in none\n";
  out << "weights:   " << m.weights_description;
  if (m.band_crs > 0) out << ", band " << std::setprecision(10) << m.band_crs << " " << ctx.crs().linear_unit_name();
  out << "; neighbours per unit min " << m.neighbours.min << ", mean " << std::fixed << std::setprecision(2)
      << m.neighbours.mean << std::defaultfloat << ", max " << m.neighbours.max << "\n";
  print_global(m, out);
  if (m.local) print_local(o, m, out);
  if (m.incremental) print_incremental(m, ctx.crs().linear_unit_name(), out);
}

}  // namespace

int run_moran(const MoranCommandOptions& o, std::ostream& out, std::ostream& err) {
  MoranStage stage(o.moran);
  SubcommandRun how = subcommand_run(o);
  how.public_lengths = public_lengths(o.moran, LengthNames::flags);
  const Context ctx = run_subcommand_stages(o.ingest, {&stage}, how);
  print_summary(o, ctx, stage.outcome(), out);
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_moran(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "moran",
      "Global Moran's I of incident counts on a fishnet, hexagons or polygon zones; with --local, Anselin Local Moran's I (cluster and outlier analysis: COType HH, LL, HL, LH)");
  sub->footer(
      "Matches R spdep's moran.test (randomisation) and localmoran; ArcGIS Pro's Spatial Autocorrelation and Cluster\n"
      "and Outlier Analysis fields (LMiIndex, LMiZScore, LMiPValue, COType). Weights exclude the unit itself and are\n"
      "row-standardised unless --standardisation none.\n"
      "Examples:\n"
      "  hotspot moran incidents.csv --cell-size 1000ft --band 3000ft\n"
      "  hotspot moran incidents.csv --cell-size 1000ft --band 3000ft --local --permutations 999 -o clusters.gpkg\n"
      "  hotspot moran incidents.csv --zones npa.geojson --zone-id id --weights contiguity-edges --local -o npa.shp\n"
      "  hotspot moran incidents.csv --cell-size 1000ft --incremental isa.csv   (ArcGIS's Incremental Spatial\n"
      "      Autocorrelation: 10 bands from the distance giving every cell a neighbour, by the mean nearest-neighbour distance)");
  bind_stage_command<MoranCommandOptions>(*sub, action, "moran",
                                          [](MoranCommandOptions& o) -> auto& { return o.moran; }, run_moran);
}

}  // namespace hotspot::cli
