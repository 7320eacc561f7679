#include "cli/commands/kde_command.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <iomanip>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/privacy_lengths.h"
#include "engine/core/text.h"

namespace hotspot::cli {

namespace {

void print_density(const Context& ctx, const KdeOutcome& k, std::ostream& out) {
  const IngestResult& in = ctx.records();
  const GridSpec& grid = k.raster.spec;
  const std::string unit_name = ctx.crs().linear_unit_name();
  double vmax = 0.0;
  int64_t valid = 0, positive = 0;
  for (double v : k.raster.values) {
    if (std::isnan(v)) continue;
    ++valid;
    vmax = std::max(vmax, v);
    if (v > 0.0) ++positive;
  }
  out << "kernel:    " << to_string(k.kernel) << (in.weight_column.empty() ? "" : " (weighted by " + in.weight_column + ")")
      << "\n";
  out << (k.kernel == KdeKernel::kGaussian ? "bandwidth: " : "radius:    ") << k.bandwidth_note
      << "\n";
  out << "grid:      " << grid.ncols << " x " << grid.nrows << " cells of " << format_significant(grid.cell_size) << " " << unit_name
      << (k.default_cell_size ? " (ArcGIS default: min(width, height) / 250)" : "") << "; " << k.extent_note
      << ": x " << std::fixed << std::setprecision(1) << grid.x_min << " .. " << grid.x_max() << ", y " << grid.y_min
      << " .. " << grid.y_max() << std::defaultfloat << "\n";
  if (!k.mask_path.empty())
    out << "mask:      cells outside " << k.mask_path << " are nodata (" << (grid.cell_count() - valid) << " cells)\n";
  out << "unit:      " << k.unit_label << "\n";
  out << "density:   max " << format_significant(vmax) << ", " << positive << " of " << valid << " cells above zero\n";
  out << "output:    " << k.path << " (Cloud-Optimized GeoTIFF, Float64, DEFLATE, nodata NaN)\n";
}

void print_hot_zones(const HotZonesOutcome& z, std::ostream& out) {
  for (size_t li = 0; li < z.levels.size(); ++li) {
    const HotZonesOutcome::Count c = z.at_level(li);
    out << "hot zones: " << z.levels[li].label << " (density >= " << format_significant(z.levels[li].threshold)
        << "): " << c.zones << " areas, " << c.cells << " cells\n";
  }
  for (const std::string& p : z.paths) out << "           " << p << "\n";
}

void print_times(const Context& ctx, const KdeOutcome& k, std::ostream& out) {
  double ingest_s = 0.0;
  for (const auto& [stage, s] : ctx.stage_seconds)
    if (stage == "ingest") ingest_s = s;
  out << "time:      ingest " << format_significant(ingest_s, 3) << " s, density " << format_significant(k.density_seconds, 3) << " s, GeoTIFF "
      << format_significant(k.write_seconds, 3) << " s\n";
}

}  // namespace

int run_kde(const KdeCommandOptions& o, std::ostream& out, std::ostream& err) {
  KdeStage kde(o.kde.density);
  HotZonesStage hot_zones(o.kde.hot_zones);
  std::vector<Stage*> stages{&kde};
  if (!o.kde.hot_zones.paths.empty()) stages.push_back(&hot_zones);
  SubcommandRun how = subcommand_run(o);
  how.public_lengths = public_lengths(o.kde.density, LengthNames::flags);
  const Context ctx = run_subcommand_stages(o.ingest, stages, how);
  print_ingest_summary(ctx.records(), out, 10);
  print_density(ctx, *ctx.density, out);
  if (ctx.hot_zones) print_hot_zones(*ctx.hot_zones, out);
  print_times(ctx, *ctx.density, out);
  print_warnings(ctx.notes, err);
  return kExitOk;
}
void register_kde(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "kde",
      "Kernel density as a Cloud-Optimized GeoTIFF (quartic as ArcGIS defines it, Epanechnikov, triweight, triangular, uniform, Gaussian), exact, with ArcGIS's default radius and cell size when none is given; hot-zone polygons with --hot-zones");
  sub->footer(
      "The quartic kernel is ArcGIS Pro's: each incident adds w * 3/(pi r^2) * (1 - (d/r)^2)^2 within r, so the\n"
      "surface integrates to the number (or weight sum) of incidents. Without --radius the ArcGIS default search\n"
      "radius is used (0.9 * min(SD, sqrt(1/ln 2) * Dm) * n^-0.2). Values are exact (no binning).\n\n"
      "Examples:\n"
      "  hotspot kde data/charlotte/cmpd_incidents_sample.csv --crs EPSG:2264 --radius 2000ft --cell-size 50ft -o density.tif\n"
      "  hotspot kde incidents.csv --crs EPSG:2264 -o density.tif        (ArcGIS default radius and cell size)\n"
      "  hotspot kde incidents.csv --crs EPSG:2264 -r 600m --units per-sq-km --category 'ROBBERY' -o robbery.tif\n"
      "  hotspot kde incidents.csv --crs EPSG:2264 -r 2000ft --study-area city_limits.geojson \\\n"
      "      --hot-zones hot.geojson --hot-zones hot.shp --top 1 --top 5 -o density.tif\n"
      "  hotspot kde incidents.csv --crs EPSG:2264 --kernel gaussian --sigma 700ft --units count-per-cell -o g.tif");
  bind_stage_command<KdeCommandOptions>(*sub, action, "kde", [](KdeCommandOptions& o) -> auto& { return o.kde; }, run_kde);
}

}  // namespace hotspot::cli
