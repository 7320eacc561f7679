#include "cli/pipeline/ohsa_stage.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "cli/pipeline/context.h"
#include "cli/pipeline/errors.h"
#include "cli/pipeline/gistar_stage.h"
#include "cli/pipeline/incremental_moran_output.h"
#include "cli/pipeline/layer_annotation.h"
#include "cli/pipeline/outputs.h"
#include "engine/hotspot/analysis_units.h"
#include "geo/read/zone_units.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

namespace {

constexpr int64_t kMinIncidents = 60;         // ArcGIS: fishnet or hexagons without a bounding polygon
constexpr int64_t kMinIncidentsInArea = 30;   // ArcGIS: with one
constexpr size_t kMinUnits = 30;              // ArcGIS: weighted features after aggregation
constexpr double kOutlierSd = 3.0;
constexpr int kBands = 10;

// The shortest text that reads back as the same double, so that a printed choice given back as --cell-size or
// --band reproduces the run bit for bit.
std::string exact(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// A length in CRS units as the user would write it: ft in a foot CRS (the CRS's own foot), m in a metre CRS.
Length crs_length(double crs, const Crs& c) {
  if (is_foot_unit(c.linear_unit_m())) return {crs, LengthUnit::kFoot};
  if (c.linear_unit_m() == 1.0) return {crs, LengthUnit::kMetre};
  return {crs, LengthUnit::kCrsUnit};
}

std::string length_text(double crs, const Crs& c) {
  const Length l = crs_length(crs, c);
  const std::string unit = l.unit == LengthUnit::kFoot ? "ft" : l.unit == LengthUnit::kMetre ? "m" : " CRS units";
  return exact(crs) + unit;
}

std::string short_text(double crs, const Crs& c) {
  std::ostringstream s;
  s.precision(6);
  s << crs << " " << c.linear_unit_name();
  return s.str();
}

// The analysis units: grid cells holding an incident, or every cell inside the study area.
struct Units {
  std::optional<AnalysisGrid> grid;
  std::vector<int64_t> unit_of_cell;  // -1: not a unit; units numbered in increasing cell order
  std::vector<Point> centroids;
  std::vector<double> counts;
};

Units build_units(const OhsaStage::Options& o, const Context& ctx, const std::vector<Point>& points, double cell,
                  const Extent& e) {
  Units u;
  u.grid.emplace(o.cell_shape == OhsaStage::CellShape::kHexagon ? AnalysisGrid::hexagon(e, cell) : AnalysisGrid::square(e, cell));
  std::vector<double> weights;
  if (!ctx.records().weight_column.empty())
    for (const Point& p : points) weights.push_back(p.weight);
  const UnitAggregation agg = aggregate_units(assign_to_grid(*u.grid, points), u.grid->size(), weights, {}, {});
  std::vector<int64_t> in_area;
  if (ctx.study_area()) in_area = grid_cells_in_area(*u.grid, *ctx.study_area(), agg.count);
  u.unit_of_cell.assign(u.grid->size(), -1);
  for (size_t c = 0; c < u.grid->size(); ++c) {
    const bool unit = ctx.study_area() ? in_area[c] >= 0 : agg.count[c] > 0.0;
    if (!unit) continue;
    u.unit_of_cell[c] = static_cast<int64_t>(u.counts.size());
    u.centroids.push_back(u.grid->centroid(static_cast<int64_t>(c)));
    u.counts.push_back(agg.count[c]);
  }
  return u;
}

// ArcGIS's minimums, before anything is written.
void check_incidents(int64_t n, bool in_area) {
  const int64_t need = in_area ? kMinIncidentsInArea : kMinIncidents;
  if (n < need)
    throw std::runtime_error("ohsa: " + std::to_string(n) + " incident(s); Optimized Hot Spot Analysis needs at least " +
                             std::to_string(need) + " incidents to aggregate into cells" +
                             (in_area ? " inside the study area" : " (30 with a study area, --study-area)"));
}

void check_units(const Units& u, bool in_area) {
  if (u.counts.size() < kMinUnits)
    throw std::runtime_error("ohsa: the incidents make only " + std::to_string(u.counts.size()) + " analysis unit(s) (" +
                             (in_area ? "cells inside the study area" : "cells holding an incident") +
                             "); Optimized Hot Spot Analysis needs at least 30: use a smaller --cell-size" +
                             (in_area ? "" : " or a study area (--study-area), where empty cells count"));
  double lo = u.counts.front(), hi = u.counts.front();
  for (double v : u.counts) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (hi - lo <= 1e-12 * std::max(1.0, std::abs(hi)))
    throw std::runtime_error("ohsa: every analysis unit holds the same number of incidents (" + exact(hi) +
                             "): zero variance, there are no hot or cold spots to find; use a larger --cell-size");
}

}  // namespace

namespace {

// Locational outliers and the cell size (or the one given); fills the "outliers" and "cell_size" choices.
void choose_cell_size(const OhsaStage::Options& o, const Context& ctx, const std::vector<Point>& points,
                      const Extent& e, OhsaOutcome& r) {
  const Crs& crs = ctx.crs();
  if (o.cell_size) {
    r.cell_size_crs = o.cell_size->in_crs_units(crs.linear_unit_m());
    r.choices.push_back({"cell_size", length_text(r.cell_size_crs, crs) + " (given with --cell-size " + o.cell_size->to_string() + ")"});
    return;
  }
  NearestNeighbourSummary nn;
  try {
    nn = nearest_neighbour_summary(points, kOutlierSd, ctx.threads);
  } catch (const std::invalid_argument& bad) {
    throw std::runtime_error(std::string("ohsa: ") + bad.what());
  }
  r.locations = nn.locations.size();
  r.outlier_locations = nn.outliers;
  r.outlier_incidents = nn.outlier_incidents;
  r.choices.push_back({"outliers", std::to_string(nn.outliers) + " of " + std::to_string(nn.locations.size()) +
                                       " distinct locations (" + std::to_string(nn.outlier_incidents) +
                                       " incidents) lie more than 3 standard deviations above the mean nearest-neighbour "
                                       "distance (beyond " + short_text(nn.outlier_above_crs, crs) +
                                       "): set aside for the cell size and the band, still counted in their cells"});
  r.cell = optimized_cell_size(nn, e);
  r.cell_size_crs = r.cell->cell_size_crs;
  std::string why = "twice the larger of the mean (" + short_text(nn.mean_crs, crs) + ") and the median (" +
                    short_text(nn.median_crs, crs) + ") nearest-neighbour distance of the other locations";
  if (r.cell->rule == CellSizeRule::kRaisedToMinimum)
    why = "raised to the minimum, the shorter side of the extent / 250 (" + why + " is " + short_text(r.cell->nearest_neighbour_crs, crs) + ")";
  if (r.cell->rule == CellSizeRule::kLoweredToMaximum)
    why = "lowered to the maximum, a tenth of the longer side of the extent (" + why + " is " + short_text(r.cell->nearest_neighbour_crs, crs) + ")";
  if (ctx.privacy) {  // the public profile's cells are no finer than its generalisation distance
    const double floor_crs = ctx.privacy->generalisation.in_crs_units(crs.linear_unit_m());
    if (r.cell_size_crs < floor_crs) {
      why = "raised to the public profile's generalisation distance " + ctx.privacy->generalisation.to_string() + " (" +
            why + " gives " + short_text(r.cell_size_crs, crs) + ")";
      r.cell_size_crs = floor_crs;
    }
  }
  r.choices.push_back({"cell_size", length_text(r.cell_size_crs, crs) + ": " + why});
}

std::string band_reason(const BandChoice& b, const Crs& crs) {
  const IncrementalMoranResult& c = b.curve;
  std::ostringstream s;
  s.precision(4);
  if (b.rule == BandRule::kFirstPeak)
    s << "the first peak of Moran's I z above 1.65 (z " << c.bands[*b.band_index].moran.z << ", band " << *b.band_index + 1;
  else if (b.rule == BandRule::kMaximumZ)
    s << "no peak above z 1.65; the band of the largest z (z " << c.bands[*b.band_index].moran.z << ", band "
      << *b.band_index + 1;
  else
    s << "no peak and no z above 1.65 over the bands; the mean distance to the " << b.k << "th nearest unit ("
      << short_text(b.mean_kth_crs, crs) << (b.limited_to_standard_distance ? "), limited to the standard distance" : ")")
      << " (k = 5 % of the units within 3..30";
  s << ") of Incremental Spatial Autocorrelation over " << c.bands.size() << " bands from " << short_text(c.start_crs, crs)
    << " by " << short_text(c.increment_crs, crs);
  if (b.series.capped) s << " (spread up to the units' standard distance, " << short_text(b.series.standard_distance_crs, crs) << ")";
  s << ", " << b.series.unit_outliers << " outlying unit(s) set aside for the start and step";
  return s.str();
}

// The band (or the one given); fills the "units" and "band" choices.
void choose_band(const OhsaStage::Options& o, Context& ctx, const Units& u, OhsaOutcome& r) {
  const Crs& crs = ctx.crs();
  r.units = u.counts.size();
  r.cells = u.grid->size();
  r.choices.push_back({"units", std::to_string(r.units) + " of " + std::to_string(r.cells) +
                                    (o.cell_shape == OhsaStage::CellShape::kHexagon ? " hexagons" : " fishnet cells") +
                                    (ctx.study_area() ? " (inside the study area)" : " (those holding an incident)")});
  if (o.band) {
    r.band_crs = o.band->in_crs_units(crs.linear_unit_m());
    r.choices.push_back({"band", length_text(r.band_crs, crs) + " (given with --band " + o.band->to_string() + ")"});
    return;
  }
  OptimizedBandOptions bo;
  bo.bands = kBands;
  bo.threads = ctx.threads;
  try {
    // Fishnet cells: each band's weights from the cell stencil, the same lists as the KD-tree's, far faster.
    BandWeights weights;
    if (u.grid->shape() == UnitShape::kSquare)
      weights = [&u](const WeightsOptions& wo) {
        return fishnet_weights(u.grid->ncols(), u.grid->nrows(), u.grid->cell_size(), u.unit_of_cell, wo);
      };
    r.band = optimized_band(u.centroids, u.counts, bo, weights, ctx.progress);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("ohsa: distance band: ") + e.what());
  }
  r.band_crs = r.band->band_crs;
  r.choices.push_back({"band", length_text(r.band_crs, crs) + ": " + band_reason(*r.band, crs)});
}

GistarStage::Options gistar_options(const OhsaStage::Options& o, const Context& ctx, const OhsaOutcome& r) {
  GistarStage::Options g;
  g.cell_size = crs_length(r.cell_size_crs, ctx.crs());
  g.hex = o.cell_shape == OhsaStage::CellShape::kHexagon;
  g.cells = ctx.study_area() ? GistarStage::Cells::kAll : GistarStage::Cells::kWithIncidents;
  g.extent = o.extent;
  g.band = crs_length(r.band_crs, ctx.crs());
  g.fdr = true;
  g.output = o.output;
  return g;
}

// The choices as the layer carries them, with the exact values and the equivalent `hotspot gistar` flags.
LayerAnnotation annotation(const OhsaStage::Options& o, const Context& ctx, const OhsaOutcome& r) {
  const Crs& crs = ctx.crs();
  nlohmann::ordered_json j;
  j["incidents"] = r.incidents;
  j["cell_size"] = length_text(r.cell_size_crs, crs);
  j["cell_size_rule"] = o.cell_size ? "given" : to_string(r.cell->rule);
  j["cell_shape"] = o.cell_shape == OhsaStage::CellShape::kHexagon ? "hexagon" : "fishnet";
  j["units"] = r.units;
  j["band"] = length_text(r.band_crs, crs);
  j["band_rule"] = o.band ? "given" : to_string(r.band->rule);
  for (const auto& [key, text] : r.choices) j["why_" + key] = text;
  j["gistar"] = "--cell-size " + length_text(r.cell_size_crs, crs) + " --band " + length_text(r.band_crs, crs) +
                (o.cell_shape == OhsaStage::CellShape::kHexagon ? " --hex" : "") +
                (ctx.study_area() ? "" : " --cells with-incidents") +
                (o.extent ? " --extent " + exact(o.extent->min_x) + "," + exact(o.extent->min_y) + "," +
                                exact(o.extent->max_x) + "," + exact(o.extent->max_y)
                          : "");
  return {"hotspot_ohsa", "HOTSPOT_OHSA_", ".ohsa.json", j};
}

}  // namespace

void OhsaStage::Options::declare(OptionTable& t) {
  t.length("cell_size", "Cell size with units, e.g. 1000ft (default: chosen from the incidents' nearest-neighbour distances)",
           cell_size);
  t.choice("cell_shape", "Cells the incidents are counted in: fishnet or hexagon", cell_shape,
           {{"fishnet", CellShape::kFishnet}, {"hexagon", CellShape::kHexagon}});
  t.extent("extent", "Grid extent xmin,ymin,xmax,ymax in analysis CRS units (default: study area or incidents)", extent);
  t.length("band", "Distance band with units (default: chosen by incremental spatial autocorrelation)", band);
  t.path("curve", "The Moran's I z-score curve behind the band: this .csv, its plot (.png) beside it", curve).config = false;
  Option& out = t.path("output", "Output: .geojson (WGS 84), .shp or .gpkg; a .qml style goes beside it", output);
  out.short_flag = "o";
  out.config = false;
}

void OhsaStage::validate(const Outputs& outputs) {
  if (o_.output.empty()) throw UsageError("ohsa: give the output with -o (.geojson, .shp or .gpkg)");
  try {
    vector_driver_for(o_.output);
  } catch (const std::exception& e) {
    throw UsageError(std::string("--output: ") + e.what());
  }
  outputs.check_free(o_.output);
  if (o_.curve.empty()) return;
  if (o_.band) throw UsageError("--curve: with --band given there is no curve to write (the band is not chosen)");
  if (std::filesystem::path(o_.curve).extension() != ".csv")
    throw UsageError("--curve " + o_.curve + ": the curve is written as .csv (with a .png beside it)");
  outputs.check_free(o_.curve);
  outputs.check_free(std::filesystem::path(o_.curve).replace_extension(".png").string());
}

void OhsaStage::run(Context& ctx, Outputs& outputs) {
  const IngestResult& in = ctx.records();
  if (!ctx.crs().is_projected())
    throw UsageError(in.source_path + ": Optimized Hot Spot Analysis needs a projected analysis CRS (distances in feet or metres)");
  r_ = OhsaOutcome{};
  const std::vector<Point> points = in.points();
  r_.incidents = static_cast<int64_t>(points.size());
  check_incidents(r_.incidents, ctx.study_area() != nullptr);
  const Extent e = o_.extent ? *o_.extent : ctx.study_area() ? ctx.study_area()->extent() : in.extent;
  choose_cell_size(o_, ctx, points, e, r_);
  const Units u = build_units(o_, ctx, points, r_.cell_size_crs, e);
  check_units(u, ctx.study_area() != nullptr);
  choose_band(o_, ctx, u, r_);

  GistarStage gistar(gistar_options(o_, ctx, r_));
  gistar.validate(outputs);
  gistar.run(ctx, outputs);
  for (const std::string& path : ctx.gistar->paths) annotate_layer(path, annotation(o_, ctx, r_), outputs);
  if (r_.band && !o_.curve.empty()) {
    r_.curve_csv = outputs.path(o_.curve, o_.curve);
    write_incremental_moran(r_.band->curve, ctx.crs().linear_unit_name(), r_.curve_csv, outputs.overwrite_allowed());
    r_.curve_png = std::filesystem::path(r_.curve_csv).replace_extension(".png").string();
  }
  ctx.stage_line = "cell " + short_text(r_.cell_size_crs, ctx.crs()) + ", band " + short_text(r_.band_crs, ctx.crs()) +
                   "; " + ctx.stage_line;
}

}  // namespace hotspot::cli
