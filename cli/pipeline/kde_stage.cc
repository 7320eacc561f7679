#include "cli/pipeline/kde_stage.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include "cli/pipeline/errors.h"
#include "cli/pipeline/privacy_metadata.h"
#include "engine/core/text.h"
#include "engine/density/kde_grid.h"
#include "engine/density/kde_radius.h"
#include "geo/gdal/cell_mask.h"
#include "geo/write/geotiff_writer.h"

namespace hotspot::cli {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

DensityUnit density_unit(KdeStage::UnitChoice c, double unit_m) {
  switch (c) {
    case KdeStage::UnitChoice::kPerSquareMile: return DensityUnit::kPerSquareMile;
    case KdeStage::UnitChoice::kPerSquareKilometre: return DensityUnit::kPerSquareKilometre;
    case KdeStage::UnitChoice::kCountPerCell: return DensityUnit::kCountPerCell;
    case KdeStage::UnitChoice::kAuto: break;
  }
  return is_foot_unit(unit_m) || unit_m > 1000.0 ? DensityUnit::kPerSquareMile : DensityUnit::kPerSquareKilometre;
}

// The accepted points; refuses a CRS without distances and an empty selection.
std::vector<Point> checked_points(const IngestResult& in, const Crs& crs) {
  if (!crs.is_projected())
    throw UsageError(in.source_path + ": density needs a projected CRS for distances; the analysis CRS " +
                     crs.describe() + " is not projected (pass e.g. --crs EPSG:2264)");
  std::vector<Point> points = in.points();
  if (points.empty())
    throw std::runtime_error(in.source_path + ": no points left after filters (" + in.accounting.summary() +
                             "); nothing to estimate");
  return points;
}

// The state the steps of one run share; made once the records are checked.
struct KdeRun {
  KdeRun(const KdeStage::Options& o, const Context& ctx)
      : opt(o),
        in(ctx.records()),
        crs(ctx.crs()),
        points(checked_points(in, crs)),
        unit_m(crs.linear_unit_m()),
        unit_name(crs.linear_unit_name()) {}
  const KdeStage::Options& opt;
  const IngestResult& in;
  const Crs& crs;
  std::vector<Point> points;
  double unit_m;
  std::string unit_name;
  KdeOptions ko;
  std::shared_ptr<const ZoneLayer> mask;  // null = no mask
  GridSpec grid;
  DensityUnit unit = DensityUnit::kPerSquareMile;
  KdeOutcome r;
};

// The kernel and its bandwidth: the given sigma (gaussian) or radius, else ArcGIS's default radius from the data.
void choose_bandwidth(KdeRun& run, int threads) {
  const KdeStage::Options& o = run.opt;
  KdeOptions& ko = run.ko;
  KdeOutcome& r = run.r;
  ko.kernel = o.kernel;
  ko.threads = threads;
  ko.gaussian_truncation_sigmas = o.gaussian_truncate;
  if (o.kernel == KdeKernel::kGaussian) {
    ko.sigma_crs = o.sigma->in_crs_units(run.unit_m);
    r.bandwidth_note = format_significant(ko.sigma_crs) + " " + run.unit_name + " (" + o.sigma->to_string() +
                       "), truncated at " + format_significant(o.gaussian_truncate) +
                       " sigma (dropped mass per point exp(-T^2/2) = " +
                       format_significant(std::exp(-0.5 * o.gaussian_truncate * o.gaussian_truncate), 3) + ")";
  } else if (o.radius) {
    ko.radius_crs = o.radius->in_crs_units(run.unit_m);
    r.bandwidth_note = format_significant(ko.radius_crs) + " " + run.unit_name + " (" + o.radius->to_string() + ")";
  } else {
    const DefaultRadius dr = arcgis_default_radius(run.points, !run.in.weight_column.empty());
    ko.radius_crs = dr.radius_crs;
    r.bandwidth_note = describe(dr, run.unit_name);
  }
  r.kernel = o.kernel;
  r.radius_crs = ko.radius_crs;
  r.sigma_crs = ko.sigma_crs;
}

// The mask: the given polygons (their warnings noted), else the study area, else none.
void load_mask(KdeRun& run, Context& ctx) {
  if (!run.opt.mask.empty()) {
    ZoneLayerOptions zo;
    zo.path = run.opt.mask;
    std::vector<std::string> w;
    run.mask = std::make_shared<ZoneLayer>(ZoneLayer::load(zo, run.crs, &w));
    for (const std::string& s : w) ctx.note("mask: " + s);
    run.r.mask_path = run.opt.mask;
  } else if (run.in.study_area) {
    run.mask = run.in.study_area;
    run.r.mask_path = "the study area";
  }
}

// Extent: given box, or the mask / study area bounds, or the data grown by the support; the cell size given or
// ArcGIS's default, within the memory available.
void choose_grid(KdeRun& run) {
  const KdeStage::Options& o = run.opt;
  KdeGridRequest rq;
  rq.data_extent = run.in.extent;
  rq.support_crs = kde_support_crs(run.ko);
  if (o.extent) rq.extent = *o.extent;
  else if (run.mask) rq.extent = run.mask->extent();
  if (o.cell_size) rq.cell_size_crs = o.cell_size->in_crs_units(run.unit_m);
  const int64_t bytes_per_cell = 8 /* density */ + 8 /* writer headroom */ + (run.mask ? 1 : 0);
  const KdeGridChoice gc = choose_kde_grid(rq, bytes_per_cell, available_memory_bytes());
  run.grid = gc.grid;
  run.r.default_cell_size = gc.default_cell_size;
  run.r.extent_note = o.extent ? "given extent" : run.mask ? "bounds of " + run.r.mask_path : gc.extent_source;
  if (run.mask) run.ko.mask = polygon_cell_mask(*run.mask, run.grid);
}

// The surface in the output unit, and the line that describes it.
void estimate(KdeRun& run, Progress* progress) {
  const KdeStage::Options& o = run.opt;
  KdeOutcome& r = run.r;
  run.unit = density_unit(o.units, run.unit_m);
  r.unit_label = density_unit_label(run.unit, run.in.weight_column.empty() ? "incidents" : "weighted incidents");
  const auto t_kde = Clock::now();
  r.raster = kernel_density(run.points, run.grid, run.ko, progress);
  scale_raster(r.raster, kde_scale_factor(run.unit, run.unit_m, run.grid.cell_size));
  r.density_seconds = seconds_since(t_kde);
  r.description = to_string(o.kernel) + " kernel, " + (o.kernel == KdeKernel::kGaussian ? "sigma " : "radius ") +
                  r.bandwidth_note + ", " + format_significant(run.grid.cell_size) + " " + run.unit_name + " cells (" +
                  std::to_string(run.grid.ncols) + " x " + std::to_string(run.grid.nrows) + ", " + r.extent_note + ")" +
                  (run.mask ? ", cells outside " + r.mask_path + " are nodata" : "");
}

// Refuses a surface with no cell above 0 (every weight 0, or no point within reach of a cell centre): a map of
// nothing would look like a finding.
void refuse_empty_surface(const KdeRun& run) {
  for (double v : run.r.raster.values)
    if (v > 0.0) return;
  throw std::runtime_error(run.in.source_path + ": every cell of the density grid is 0 (" + std::to_string(run.points.size()) +
                           " points, weights summing to " + format_significant(total_weight(run.points)) +
                           "); nothing written");
}

// The GeoTIFF's tags: unit, kernel, bandwidth and its source, cell size, points, weights, source, software.
std::map<std::string, std::string> surface_metadata(const KdeRun& run) {
  const KdeStage::Options& o = run.opt;
  const bool gaussian = o.kernel == KdeKernel::kGaussian;
  return {{"DENSITY_UNIT", run.r.unit_label},
          {"DENSITY_UNIT_CODE", to_string(run.unit)},
          {"KERNEL", to_string(o.kernel)},
          {"SEARCH_RADIUS", gaussian ? "" : format_significant(run.ko.radius_crs, 12) + " " + run.unit_name},
          {"SEARCH_RADIUS_SOURCE", gaussian ? "" : (o.radius ? "given" : "ArcGIS default")},
          {"SIGMA", gaussian ? format_significant(run.ko.sigma_crs, 12) + " " + run.unit_name : ""},
          {"CELL_SIZE", format_significant(run.grid.cell_size, 12) + " " + run.unit_name},
          {"POINTS", std::to_string(run.points.size())},
          {"WEIGHT_FIELD", run.in.weight_column},
          {"WEIGHT_SUM", format_significant(total_weight(run.points), 12)},
          {"SOURCE", run.in.source_path},
          {"SOFTWARE", std::string("hotspot ") + HOTSPOT_VERSION}};
}

// Writes the surface as a Cloud-Optimized GeoTIFF (density.tif in a run folder).
void write_surface(KdeRun& run, const Context& ctx, Outputs& outputs) {
  const int threads = ctx.threads;
  KdeOutcome& r = run.r;
  GeoTiffOptions go;
  go.path = outputs.path(run.opt.output, "density.tif");
  go.overwrite = outputs.overwrite_allowed();
  go.band_unit = r.unit_label;
  go.band_description = "kernel density: " + r.description;
  go.threads = threads;
  go.metadata = surface_metadata(run);
  if (ctx.privacy && ctx.privacy->is_public())
    for (const auto& [key, value] : privacy_metadata_items(*ctx.privacy)) go.metadata[key] = value;
  const auto t_write = Clock::now();
  write_geotiff(r.raster, run.crs, go);
  r.write_seconds = seconds_since(t_write);
  r.path = go.path;
}

}  // namespace

void KdeStage::Options::declare(OptionTable& t) {
  t.choice("kernel", "Kernel; quartic is ArcGIS Pro's", kernel,
           {{"quartic", KdeKernel::kQuartic},
            {"epanechnikov", KdeKernel::kEpanechnikov},
            {"triweight", KdeKernel::kTriweight},
            {"triangular", KdeKernel::kTriangular},
            {"uniform", KdeKernel::kUniform},
            {"gaussian", KdeKernel::kGaussian}});
  t.length("radius", "Search radius with units: 2000ft, 600m, 0.5mi (default: ArcGIS's rule from the data)", radius)
      .short_flag = "r";
  t.length("sigma", "Gaussian standard deviation with units (gaussian only, and then required)", sigma);
  t.number("gaussian_truncate", "Gaussian support in sigmas; drops a share exp(-T^2/2) of each point's mass",
           gaussian_truncate, 1.0, 40.0);
  t.length("cell_size", "Cell size with units (default: min(width, height) / 250)", cell_size);
  t.choice("units", "Density unit (auto: per-sq-mile for a CRS in feet, else per-sq-km)", units,
           {{"auto", UnitChoice::kAuto},
            {"per-sq-mile", UnitChoice::kPerSquareMile},
            {"per-sq-km", UnitChoice::kPerSquareKilometre},
            {"count-per-cell", UnitChoice::kCountPerCell}});
  t.extent("extent", "Grid extent xmin,ymin,xmax,ymax in analysis CRS units (default: study area or data)", extent);
  t.path("mask", "Polygons: cells outside are nodata; unlike --study-area, incidents outside still count", mask);
  Option& out = t.path("output", "Output GeoTIFF (.tif)", output);
  out.short_flag = "o";
  out.config = false;
}

void KdeStage::validate(const Outputs& outputs) {
  if (!outputs.is_folder()) {
    if (o_.output.empty()) throw UsageError("--output: a GeoTIFF path is required");
    const std::string ext = lower(std::filesystem::path(o_.output).extension().string());
    if (ext != ".tif" && ext != ".tiff")
      throw UsageError("--output: " + o_.output + ": the density is written as a GeoTIFF; name it .tif or .tiff");
    outputs.check_free(o_.output);
  }
  if (o_.kernel == KdeKernel::kGaussian) {
    if (!o_.sigma) throw UsageError("--kernel gaussian needs --sigma (e.g. --sigma 700ft)");
    if (o_.radius) throw UsageError("--radius applies to the compact kernels; give --sigma for gaussian");
  } else if (o_.sigma) {
    throw UsageError("--sigma applies to --kernel gaussian only; use --radius for " + to_string(o_.kernel));
  }
}

void KdeStage::run(Context& ctx, Outputs& outputs) {
  KdeRun run(o_, ctx);
  choose_bandwidth(run, ctx.threads);
  load_mask(run, ctx);
  choose_grid(run);
  estimate(run, ctx.progress);
  refuse_empty_surface(run);
  write_surface(run, ctx, outputs);
  ctx.stage_line = run.r.description;
  ctx.density = std::move(run.r);
}

}  // namespace hotspot::cli
