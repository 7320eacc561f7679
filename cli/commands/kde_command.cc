#include "cli/commands/kde_command.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "cli/commands/info_command.h"
#include "cli/commands/ingest_flags.h"
#include "cli/commands/stderr_progress.h"
#include "engine/density/kde.h"
#include "engine/density/kde_grid.h"
#include "engine/density/kde_radius.h"
#include "engine/core/length.h"
#include "geo/gdal/cell_mask.h"
#include "geo/write/geotiff_writer.h"
#include "geo/write/hot_zones.h"
#include "geo/read/zones.h"

namespace hotspot::cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string fmt(double v, int precision = 6) {
  std::ostringstream os;
  os << std::setprecision(precision) << v;
  return os.str();
}

// Refuse an existing output before any work (the writers check again when they write).
void check_output_free(const std::string& path, bool overwrite) {
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(path, ec))
    throw std::runtime_error(path + ": already exists (pass --overwrite to replace it)");
}

}  // namespace

int run_kde(const KdeCommandOptions& o, std::ostream& out, std::ostream& err) {
  (void)err;
  // Everything that can be checked without reading the input, first.
  if (o.output_path.empty()) throw std::invalid_argument("--output: a GeoTIFF path is required");
  check_output_free(o.output_path, o.overwrite);
  for (const std::string& p : o.hot_zone_paths) check_output_free(p, o.overwrite);
  const KdeKernel kernel = parse_kde_kernel(o.kernel);
  std::optional<Length> radius_len, cell_len, sigma_len;
  if (!o.radius.empty()) radius_len = Length::parse_analysis(o.radius, "--radius");
  if (!o.cell_size.empty()) cell_len = Length::parse_analysis(o.cell_size, "--cell-size");
  if (!o.sigma.empty()) sigma_len = Length::parse_analysis(o.sigma, "--sigma");
  if (radius_len && radius_len->value <= 0.0)
    throw std::invalid_argument("--radius must be a positive length, got '" + o.radius + "'");
  if (cell_len && cell_len->value <= 0.0)
    throw std::invalid_argument("--cell-size must be a positive length, got '" + o.cell_size + "'");
  if (kernel == KdeKernel::kGaussian) {
    if (!sigma_len) throw std::invalid_argument("--kernel gaussian needs --sigma (e.g. --sigma 700ft)");
    if (sigma_len->value <= 0.0) throw std::invalid_argument("--sigma must be a positive length, got '" + o.sigma + "'");
  } else if (sigma_len) {
    throw std::invalid_argument("--sigma applies to --kernel gaussian only; use --radius for " + to_string(kernel));
  }
  if (!o.extent.empty() && o.extent.size() != 4)
    throw std::invalid_argument("--extent takes four numbers: xmin ymin xmax ymax (analysis CRS units)");
  if (!o.extent.empty() && !(o.extent[0] < o.extent[2] && o.extent[1] < o.extent[3]))
    throw std::invalid_argument("--extent must be xmin ymin xmax ymax with xmin < xmax and ymin < ymax");

  StderrProgress progress(o.quiet);
  const auto t_ingest = Clock::now();
  IngestResult in = ingest(o.ingest, &progress);
  const double ingest_s = seconds_since(t_ingest);
  if (!in.analysis_crs || !in.analysis_crs->is_projected())
    throw std::invalid_argument(in.source_path + ": density needs a projected CRS for distances; the analysis CRS " +
                                (in.analysis_crs ? in.analysis_crs->describe() : std::string("is unknown")) +
                                " is not projected (pass e.g. --crs EPSG:2264)");
  const std::vector<Point> points = in.points();
  if (points.empty())
    throw std::runtime_error(in.source_path + ": no points left after filters (" +
                             std::to_string(in.accounting.records_in()) + " records read, " +
                             std::to_string(in.accounting.rejected_total()) + " rejected); nothing to estimate");
  const Crs& crs = *in.analysis_crs;
  const double unit_m = crs.linear_unit_m();
  const std::string unit_name = crs.linear_unit_name();
  const bool weighted = !in.weight_column.empty();

  KdeOptions ko;
  ko.kernel = kernel;
  ko.threads = o.threads;
  ko.gaussian_truncation_sigmas = o.gaussian_truncation_sigmas;
  std::string radius_note;
  if (kernel == KdeKernel::kGaussian) {
    ko.sigma_crs = sigma_len->in_crs_units(unit_m);
    radius_note = "sigma " + fmt(ko.sigma_crs) + " " + unit_name + " (" + o.sigma + "), truncated at " +
                  fmt(o.gaussian_truncation_sigmas) + " sigma (dropped mass per point exp(-T^2/2) = " +
                  fmt(std::exp(-0.5 * o.gaussian_truncation_sigmas * o.gaussian_truncation_sigmas), 3) + ")";
  } else if (radius_len) {
    ko.radius_crs = radius_len->in_crs_units(unit_m);
    radius_note = fmt(ko.radius_crs) + " " + unit_name + " (" + o.radius + ")";
  } else {
    const DefaultRadius dr = arcgis_default_radius(points, weighted);
    ko.radius_crs = dr.radius_crs;
    radius_note = describe(dr, unit_name);
  }
  const double support = kde_support_crs(ko);

  // Extent: given box, or the study area / mask bounds, or the data grown by the support.
  std::optional<ZoneLayer> mask_layer;
  std::vector<std::string> warnings;
  const std::string mask_path = !o.mask_path.empty() ? o.mask_path : o.ingest.study_area_path;
  if (!mask_path.empty()) {
    ZoneLayerOptions zo;
    zo.path = mask_path;
    mask_layer.emplace(ZoneLayer::load(zo, crs, &warnings));
  }
  KdeGridRequest rq;
  rq.data_extent = in.extent;
  rq.support_crs = support;
  if (!o.extent.empty()) rq.extent = Extent{o.extent[0], o.extent[1], o.extent[2], o.extent[3]};
  else if (mask_layer) rq.extent = mask_layer->extent();
  const std::string extent_note = !o.extent.empty() ? "given extent" : mask_layer ? "bounds of " + mask_path : "";
  if (cell_len) rq.cell_size_crs = cell_len->in_crs_units(unit_m);
  const int64_t bytes_per_cell = 8 /* density */ + 8 /* writer headroom */ + (mask_layer ? 1 : 0);
  const KdeGridChoice gc = choose_kde_grid(rq, bytes_per_cell, available_memory_bytes());
  const GridSpec& grid = gc.grid;
  if (mask_layer) ko.mask = polygon_cell_mask(*mask_layer, grid);

  const DensityUnit unit = o.units.empty() ? (is_foot_unit(unit_m) || unit_m > 1000.0 ? DensityUnit::kPerSquareMile
                                                                                       : DensityUnit::kPerSquareKilometre)
                                           : parse_density_unit(o.units);
  const std::string what = weighted ? "weighted incidents" : "incidents";
  const std::string unit_label = density_unit_label(unit, what);

  const auto t_kde = Clock::now();
  Raster density = kernel_density(points, grid, ko, &progress);
  scale_raster(density, kde_scale_factor(unit, unit_m, grid.cell_size));
  const double kde_s = seconds_since(t_kde);

  double vmax = 0.0, vsum = 0.0;
  int64_t valid = 0, positive = 0;
  for (double v : density.values) {
    if (std::isnan(v)) continue;
    ++valid;
    vmax = std::max(vmax, v);
    vsum += v;
    if (v > 0.0) ++positive;
  }

  GeoTiffOptions go;
  go.path = o.output_path;
  go.overwrite = o.overwrite;
  go.band_unit = unit_label;
  go.band_description = "kernel density (" + to_string(kernel) + ")";
  go.threads = o.threads;
  go.metadata = {{"DENSITY_UNIT", unit_label},
                 {"DENSITY_UNIT_CODE", to_string(unit)},
                 {"KERNEL", to_string(kernel)},
                 {"SEARCH_RADIUS", kernel == KdeKernel::kGaussian ? "" : fmt(ko.radius_crs, 12) + " " + unit_name},
                 {"SEARCH_RADIUS_SOURCE", radius_len ? "given" : (kernel == KdeKernel::kGaussian ? "" : "ArcGIS default")},
                 {"SIGMA", kernel == KdeKernel::kGaussian ? fmt(ko.sigma_crs, 12) + " " + unit_name : ""},
                 {"CELL_SIZE", fmt(grid.cell_size, 12) + " " + unit_name},
                 {"POINTS", std::to_string(points.size())},
                 {"WEIGHT_FIELD", in.weight_column},
                 {"WEIGHT_SUM", fmt(total_weight(points), 12)},
                 {"SOURCE", in.source_path},
                 {"SOFTWARE", std::string("hotspot ") + HOTSPOT_VERSION}};
  const auto t_write = Clock::now();
  write_geotiff(density, crs, go);
  const double write_s = seconds_since(t_write);

  std::vector<HotZoneLevel> levels;
  std::vector<HotZone> zones;
  if (!o.hot_zone_paths.empty()) {
    levels = hot_zone_levels(density, o.hot_zone_top_percents, o.hot_zone_thresholds);
    zones = hot_zones(density, levels);
    for (const std::string& p : o.hot_zone_paths) write_hot_zones(zones, levels, crs, unit_label, p, o.overwrite);
  }

  print_ingest_summary(in, out, 10);
  for (const std::string& w : warnings) out << "warning:   " << w << "\n";
  out << "kernel:    " << to_string(kernel) << (weighted ? " (weighted by " + in.weight_column + ")" : "") << "\n";
  out << (kernel == KdeKernel::kGaussian ? "bandwidth: " : "radius:    ") << radius_note << "\n";
  out << "grid:      " << grid.ncols << " x " << grid.nrows << " cells of " << fmt(grid.cell_size) << " " << unit_name
      << (gc.default_cell_size ? " (ArcGIS default: min(width, height) / 250)" : "") << "; "
      << (extent_note.empty() ? gc.extent_source : extent_note)
      << ": x " << std::fixed << std::setprecision(1) << grid.x_min << " .. " << grid.x_max() << ", y " << grid.y_min
      << " .. " << grid.y_max() << std::defaultfloat << "\n";
  if (mask_layer) out << "mask:      cells outside " << mask_path << " are nodata (" << (grid.cell_count() - valid) << " cells)\n";
  out << "unit:      " << unit_label << "\n";
  out << "density:   max " << fmt(vmax) << ", " << positive << " of " << valid << " cells above zero\n";
  out << "output:    " << o.output_path << " (Cloud-Optimized GeoTIFF, Float64, DEFLATE, nodata NaN)\n";
  if (!o.hot_zone_paths.empty()) {
    for (size_t li = 0; li < levels.size(); ++li) {
      int64_t n = 0, cells = 0;
      for (const HotZone& z : zones)
        if (z.level_index == static_cast<int>(li)) ++n, cells += z.cells;
      out << "hot zones: " << levels[li].label << " (density >= " << fmt(levels[li].threshold) << "): " << n
          << " areas, " << cells << " cells\n";
    }
    for (const std::string& p : o.hot_zone_paths) out << "           " << p << "\n";
  }
  out << "time:      ingest " << fmt(ingest_s, 3) << " s, density " << fmt(kde_s, 3) << " s, GeoTIFF " << fmt(write_s, 3)
      << " s\n";
  (void)vsum;
  return kExitOk;
}

void register_kde(CLI::App& app, CommandAction& action) {
  auto opts = std::make_shared<KdeCommandOptions>();
  CLI::App* sub = app.add_subcommand("kde", "Kernel density surface (ArcGIS-compatible quartic and more) as a Cloud-Optimized GeoTIFF");
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
  add_ingest_flags(*sub, opts->ingest);
  sub->add_option("-o,--output", opts->output_path, "Output GeoTIFF (.tif)")->required();
  sub->add_option("-r,--radius", opts->radius,
                  "Search radius with units: 2000ft, 600m, 0.5mi (default: ArcGIS's rule from the data)");
  sub->add_option("--cell-size", opts->cell_size, "Cell size with units (default: min(width, height) / 250)");
  sub->add_option("--kernel", opts->kernel, "quartic (ArcGIS), epanechnikov, triweight, triangular, uniform, gaussian")
      ->capture_default_str();
  sub->add_option("--sigma", opts->sigma, "Gaussian standard deviation with units (gaussian only)");
  sub->add_option("--gaussian-truncate", opts->gaussian_truncation_sigmas,
                  "Gaussian support in sigmas; drops a share exp(-T^2/2) of each point's mass")
      ->capture_default_str();
  sub->add_option("--units", opts->units,
                  "per-sq-mile, per-sq-km or count-per-cell (default: per-sq-mile for a CRS in feet, else per-sq-km)");
  sub->add_option("--extent", opts->extent, "Grid extent xmin ymin xmax ymax in analysis CRS units")->expected(4);
  sub->add_option("--mask", opts->mask_path,
                  "Polygons: cells outside are nodata; unlike --study-area, incidents outside still count");
  sub->add_option("--hot-zones", opts->hot_zone_paths, "Write hot-zone polygons here (.geojson, .shp, .gpkg; repeatable)");
  sub->add_option("--top", opts->hot_zone_top_percents, "Hot-zone level: top P % of cells with density > 0 (repeatable)")
      ->capture_default_str();
  sub->add_option("--threshold", opts->hot_zone_thresholds, "Hot-zone level: density at or above this (output unit; repeatable)");
  sub->add_option("--threads", opts->threads, "Worker threads (default: all cores; the result is identical)");
  sub->add_flag("--overwrite", opts->overwrite, "Replace existing output files");
  sub->add_flag("-q,--quiet", opts->quiet, "No progress on stderr");
  sub->callback([opts, &action]() { action = [opts]() { return run_kde(*opts, std::cout, std::cerr); }; });
}

}  // namespace hotspot::cli
