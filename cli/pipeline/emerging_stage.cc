#include "cli/pipeline/emerging_stage.h"

#include <stdexcept>

#include "cli/pipeline/errors.h"
#include "cli/pipeline/privacy_layers.h"
#include "cli/pipeline/privacy_metadata.h"
#include "engine/core/timestamp.h"
#include "engine/spacetime/location_weights.h"
#include "geo/write/emerging_cube_netcdf.h"
#include "geo/write/emerging_layer.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

namespace {

TimeStepOptions time_step_options(const EmergingStage::Options& o) {
  TimeStepOptions t;
  try {
    t.length = parse_time_step(o.time_step);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (o.time_alignment == "end") t.alignment = TimeAlignment::kEnd;
  else if (o.time_alignment == "start") t.alignment = TimeAlignment::kStart;
  else if (o.time_alignment == "reference") t.alignment = TimeAlignment::kReference;
  else throw UsageError("--time-alignment '" + o.time_alignment + "': use end, start or reference");
  if ((t.alignment == TimeAlignment::kReference) != !o.reference_time.empty())
    throw UsageError("--reference-time goes with --time-alignment reference, and that needs it");
  if (t.alignment == TimeAlignment::kReference) {
    const auto ms = parse_timestamp_ms(o.reference_time);
    if (!ms) throw UsageError("--reference-time '" + o.reference_time + "' is not a date (YYYY-MM-DD)");
    t.reference_day = day_of_ms(*ms);
  }
  return t;
}

EmergingOptions analysis_options(const EmergingStage::Options& o) {
  EmergingOptions e;
  e.gi.neighborhood_steps = o.neighborhood_steps;
  if (o.global_window == "cube") e.gi.window = GlobalWindow::kEntireCube;
  else if (o.global_window == "step") e.gi.window = GlobalWindow::kEachStep;
  else throw UsageError("--global-window '" + o.global_window + "': use cube or step");
  e.gi.fdr = o.fdr ? FdrCorrection::kOn : FdrCorrection::kOff;
  e.alpha = o.alpha;
  try {
    required_bin(o.alpha);
  } catch (const std::invalid_argument&) {
    throw UsageError("--alpha must be 0.10, 0.05 or 0.01");
  }
  return e;
}

std::vector<int64_t> incident_times(const IngestResult& in) {
  std::vector<int64_t> t(in.records.size(), kNoTime);
  for (size_t i = 0; i < in.records.size(); ++i)
    if (in.records[i].time_ms) t[i] = *in.records[i].time_ms;
  return t;
}

void write_outputs(const EmergingStage::Options& o, const Context& ctx, Outputs& outputs, EmergingOutcome& r) {
  VectorLayer layer = emerging_layer(*r.grid, r.cube, r.result);
  if (ctx.privacy) apply_privacy(*ctx.privacy, layer);  // public: SUM_COUNT below k suppressed
  VectorWriteOptions vo;
  vo.path = outputs.path(o.output, o.output);
  vo.overwrite = outputs.overwrite_allowed();
  vo.qml_style = emerging_qml();
  write_vector(layer, ctx.crs(), vo);
  record_layer_privacy(vo.path, ctx, outputs);
  r.paths.push_back(vo.path);
  if (!o.cube_csv.empty()) {
    const std::string csv = outputs.path(o.cube_csv, o.cube_csv);
    write_cube_csv(csv, outputs.overwrite_allowed(), r.cube, r.result);
    r.paths.push_back(csv);
  }
  if (!o.cube_netcdf.empty()) {
    const std::string nc = outputs.path(o.cube_netcdf, o.cube_netcdf);
    write_cube_netcdf(nc, outputs.overwrite_allowed(), *r.grid, ctx.crs(), r.cube, r.result);
    r.paths.push_back(nc);
  }
}

}  // namespace

void EmergingStage::Options::declare(OptionTable& t) {
  t.length("cell_size", "Fishnet cell side or hexagon spacing with units, e.g. 1000ft, 300m", cell_size);
  t.flag("hex", "Hexagons instead of square cells", hex);
  t.extent("extent", "Grid extent xmin,ymin,xmax,ymax in analysis CRS units (default: study area or data)", extent);
  t.text("time_step", "Time step: 1month, 3months or 1year", time_step, "STEP");
  t.text("time_alignment", "end (the final step ends with the data, ArcGIS's default), start or reference",
         time_alignment, "ALIGN");
  t.text("reference_time", "A step boundary (YYYY-MM-DD) with --time-alignment reference", reference_time, "DATE");
  t.integer("neighborhood_steps", "Earlier time steps in each bin's neighbourhood", neighborhood_steps, 0, 100);
  t.length("band", "Distance band of the spatial neighbours with units (default: the cell size)", band);
  t.text("global_window", "cube (mean and variance over the whole cube, ArcGIS's default) or step", global_window,
         "WINDOW");
  t.number("alpha", "Significance level of hot/cold steps and trends: 0.10, 0.05 or 0.01", alpha, 0.01, 0.10);
  t.flag("fdr", "Per-step Gi_Bin with the false discovery rate correction (ArcGIS's default)", fdr);
  Option& out = t.path("output", "Output layer: .gpkg, .shp or .geojson; a .qml style goes beside it", output);
  out.short_flag = "o";
  out.config = false;
  Option& csv = t.path("cube_csv", "Also write the cube as a long CSV (one row per location and step)", cube_csv);
  csv.config = false;
  Option& nc = t.path("cube_netcdf", "Also write the cube as netCDF (fishnets only)", cube_netcdf);
  nc.config = false;
}

void EmergingStage::validate(const Outputs& outputs) {
  if (o_.output.empty()) throw UsageError("emerging: give the output with -o (.gpkg, .shp or .geojson)");
  try {
    vector_driver_for(o_.output);
  } catch (const std::exception& e) {
    throw UsageError(std::string("--output: ") + e.what());
  }
  outputs.check_free(o_.output);
  if (!o_.cube_csv.empty()) outputs.check_free(o_.cube_csv);
  if (!o_.cube_netcdf.empty()) outputs.check_free(o_.cube_netcdf);
  if (!o_.cube_netcdf.empty() && o_.hex) throw UsageError("--cube-netcdf: only for a fishnet, not --hex");
  if (!o_.cell_size) throw UsageError("emerging: give --cell-size (e.g. 1000ft)");
  time_step_options(o_);
  analysis_options(o_);
}

void EmergingStage::run(Context& ctx, Outputs& outputs) {
  const IngestResult& in = ctx.records();
  if (!ctx.crs().is_projected())
    throw UsageError(in.source_path + ": emerging hot spots need a projected analysis CRS (distances in feet or metres)");
  const double unit_m = ctx.crs().linear_unit_m();
  const double cell = o_.cell_size->in_crs_units(unit_m);
  const Extent e = o_.extent ? *o_.extent : ctx.study_area() ? ctx.study_area()->extent() : in.extent;
  if (e.empty()) throw InputError(in.source_path, 0, "", "no accepted incident, nothing to analyse");
  EmergingOutcome& r = outcome_;
  r.grid.emplace(o_.hex ? AnalysisGrid::hexagon(e, cell) : AnalysisGrid::square(e, cell));
  const std::vector<Point> points = in.points();
  try {
    r.cube = build_space_time_cube(assign_to_grid(*r.grid, points), incident_times(in), time_step_options(o_));
  } catch (const std::invalid_argument& err) {
    throw InputError(in.source_path, 0, in.date_column, err.what());
  }
  if (r.cube.incidents_partial_step > 0)
    ctx.note("emerging: " + std::to_string(r.cube.incidents_partial_step) + " incident(s) fall in a partial time step "
             "at the other end of the data and are left out");
  if (r.cube.incidents_undated > 0)
    ctx.note("emerging: " + std::to_string(r.cube.incidents_undated) + " incident(s) have no date and are left out");
  WeightsOptions wo;
  wo.band_crs = o_.band ? o_.band->in_crs_units(unit_m) : cell;
  wo.threads = ctx.threads;
  r.band_crs = wo.band_crs;
  try {
    r.result = emerging_hot_spots(r.cube, location_weights(*r.grid, r.cube, wo), analysis_options(o_));
  } catch (const std::invalid_argument& err) {
    throw InputError(in.source_path, 0, "", err.what());
  }
  write_outputs(o_, ctx, outputs, r);
  ctx.emerging = r;  // for the report's pattern mix
  ctx.stage_line = std::to_string(r.cube.locations()) + " locations x " + std::to_string(r.cube.steps()) + " steps";
}

}  // namespace hotspot::cli
