#include "cli/pipeline/kde_stage.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "cli/pipeline/errors.h"
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
  const IngestResult& in = ctx.records();
  const Crs& crs = ctx.crs();
  if (!crs.is_projected())
    throw UsageError(in.source_path + ": density needs a projected CRS for distances; the analysis CRS " +
                     crs.describe() + " is not projected (pass e.g. --crs EPSG:2264)");
  const std::vector<Point> points = in.points();
  if (points.empty())
    throw std::runtime_error(in.source_path + ": no points left after filters (" + in.accounting.summary() +
                             "); nothing to estimate");
  const double unit_m = crs.linear_unit_m();
  const std::string unit_name = crs.linear_unit_name();
  const bool weighted = !in.weight_column.empty();

  KdeOutcome r;
  KdeOptions ko;
  ko.kernel = o_.kernel;
  ko.threads = ctx.threads;
  ko.gaussian_truncation_sigmas = o_.gaussian_truncate;
  if (o_.kernel == KdeKernel::kGaussian) {
    ko.sigma_crs = o_.sigma->in_crs_units(unit_m);
    r.bandwidth_note = format_significant(ko.sigma_crs) + " " + unit_name + " (" + o_.sigma->to_string() + "), truncated at " +
                       format_significant(o_.gaussian_truncate) + " sigma (dropped mass per point exp(-T^2/2) = " +
                       format_significant(std::exp(-0.5 * o_.gaussian_truncate * o_.gaussian_truncate), 3) + ")";
  } else if (o_.radius) {
    ko.radius_crs = o_.radius->in_crs_units(unit_m);
    r.bandwidth_note = format_significant(ko.radius_crs) + " " + unit_name + " (" + o_.radius->to_string() + ")";
  } else {
    const DefaultRadius dr = arcgis_default_radius(points, weighted);
    ko.radius_crs = dr.radius_crs;
    r.bandwidth_note = describe(dr, unit_name);
  }
  r.kernel = o_.kernel;
  r.radius_crs = ko.radius_crs;
  r.sigma_crs = ko.sigma_crs;

  // Extent: given box, or the mask / study area bounds, or the data grown by the support.
  std::shared_ptr<const ZoneLayer> mask;
  if (!o_.mask.empty()) {
    ZoneLayerOptions zo;
    zo.path = o_.mask;
    std::vector<std::string> w;
    mask = std::make_shared<ZoneLayer>(ZoneLayer::load(zo, crs, &w));
    for (const std::string& s : w) ctx.note("mask: " + s);
    r.mask_path = o_.mask;
  } else if (in.study_area) {
    mask = in.study_area;
    r.mask_path = "the study area";
  }
  KdeGridRequest rq;
  rq.data_extent = in.extent;
  rq.support_crs = kde_support_crs(ko);
  if (o_.extent) rq.extent = *o_.extent;
  else if (mask) rq.extent = mask->extent();
  if (o_.cell_size) rq.cell_size_crs = o_.cell_size->in_crs_units(unit_m);
  const int64_t bytes_per_cell = 8 /* density */ + 8 /* writer headroom */ + (mask ? 1 : 0);
  const KdeGridChoice gc = choose_kde_grid(rq, bytes_per_cell, available_memory_bytes());
  const GridSpec& grid = gc.grid;
  r.default_cell_size = gc.default_cell_size;
  r.extent_note = o_.extent ? "given extent" : mask ? "bounds of " + r.mask_path : gc.extent_source;
  if (mask) ko.mask = polygon_cell_mask(*mask, grid);

  const DensityUnit unit = density_unit(o_.units, unit_m);
  r.unit_label = density_unit_label(unit, weighted ? "weighted incidents" : "incidents");
  const auto t_kde = Clock::now();
  r.raster = kernel_density(points, grid, ko, ctx.progress);
  scale_raster(r.raster, kde_scale_factor(unit, unit_m, grid.cell_size));
  r.density_seconds = seconds_since(t_kde);
  r.description = to_string(o_.kernel) + " kernel, " + (o_.kernel == KdeKernel::kGaussian ? "sigma " : "radius ") +
                  r.bandwidth_note + ", " + format_significant(grid.cell_size) + " " + unit_name +
                  " cells (" + std::to_string(grid.ncols) + " x " + std::to_string(grid.nrows) + ", " + r.extent_note +
                  ")" + (mask ? ", cells outside " + r.mask_path + " are nodata" : "");

  GeoTiffOptions go;
  go.path = outputs.path(o_.output, "density.tif");
  go.overwrite = outputs.overwrite_allowed();
  go.band_unit = r.unit_label;
  go.band_description = "kernel density: " + r.description;
  go.threads = ctx.threads;
  const bool gaussian = o_.kernel == KdeKernel::kGaussian;
  go.metadata = {{"DENSITY_UNIT", r.unit_label},
                 {"DENSITY_UNIT_CODE", to_string(unit)},
                 {"KERNEL", to_string(o_.kernel)},
                 {"SEARCH_RADIUS", gaussian ? "" : format_significant(ko.radius_crs, 12) + " " + unit_name},
                 {"SEARCH_RADIUS_SOURCE", gaussian ? "" : (o_.radius ? "given" : "ArcGIS default")},
                 {"SIGMA", gaussian ? format_significant(ko.sigma_crs, 12) + " " + unit_name : ""},
                 {"CELL_SIZE", format_significant(grid.cell_size, 12) + " " + unit_name},
                 {"POINTS", std::to_string(points.size())},
                 {"WEIGHT_FIELD", in.weight_column},
                 {"WEIGHT_SUM", format_significant(total_weight(points), 12)},
                 {"SOURCE", in.source_path},
                 {"SOFTWARE", std::string("hotspot ") + HOTSPOT_VERSION}};
  const auto t_write = Clock::now();
  write_geotiff(r.raster, crs, go);
  r.write_seconds = seconds_since(t_write);
  r.path = go.path;

  ctx.stage_line = r.description;
  ctx.density = std::move(r);
}

}  // namespace hotspot::cli
