#include "cli/pipeline/gistar_stage.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "cli/pipeline/errors.h"
#include "cli/pipeline/privacy_layers.h"
#include "cli/pipeline/privacy_metadata.h"
#include "cli/pipeline/unit_options.h"
#include "engine/core/text.h"
#include "geo/map/gistar_styles.h"
#include "geo/read/zone_units.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

namespace {


struct ValueSpec {
  UnitValueKind kind = UnitValueKind::kCount;
  std::string field, denominator;  // sum:FIELD / rate:NUM/DEN
};

ValueSpec parse_value(const std::string& text) {
  ValueSpec v;
  if (text == "count") return v;
  if (text.rfind("sum:", 0) == 0 && text.size() > 4) {
    v.kind = UnitValueKind::kSum;
    v.field = text.substr(4);
    return v;
  }
  if (text.rfind("rate:", 0) == 0) {
    const std::string rest = text.substr(5);
    const size_t slash = rest.find('/');
    if (slash != std::string::npos && slash > 0 && slash + 1 < rest.size()) {
      v.kind = UnitValueKind::kRate;
      v.field = rest.substr(0, slash);
      v.denominator = rest.substr(slash + 1);
      return v;
    }
  }
  throw UsageError("--value '" + text + "': use count, sum:FIELD or rate:NUMERATOR/DENOMINATOR");
}

struct WeightsSpec {
  WeightScheme scheme = WeightScheme::kFixedBand;
  double power = 1.0;
  int k = 8;
  bool corners = false;
};

WeightsSpec parse_weights(const std::string& text) {
  WeightsSpec w;
  if (text == "band") return w;
  if (text == "idw1" || text == "idw2") {
    w.scheme = WeightScheme::kInverseDistance;
    w.power = text == "idw1" ? 1.0 : 2.0;
    return w;
  }
  if (text.rfind("knn:", 0) == 0) {
    w.scheme = WeightScheme::kKNearest;
    try {
      size_t used = 0;
      w.k = std::stoi(text.substr(4), &used);
      if (used != text.size() - 4 || w.k < 1) throw std::invalid_argument("");
    } catch (const std::exception&) {
      throw UsageError("--weights '" + text + "': k must be a positive integer, e.g. knn:8");
    }
    return w;
  }
  if (text == "indifference") {
    w.scheme = WeightScheme::kZoneOfIndifference;
    return w;
  }
  if (text == "contiguity-edges" || text == "contiguity-corners") {
    w.scheme = WeightScheme::kContiguity;
    w.corners = text == "contiguity-corners";
    return w;
  }
  throw UsageError("--weights '" + text +
                              "': use band, idw1, idw2, knn:K, indifference, contiguity-edges or contiguity-corners");
}

// Per-record numeric field values; records whose value is not a number are reported and left out.
std::vector<double> field_values(const IngestResult& r, const std::string& field, std::vector<bool>& usable,
                                 std::vector<std::string>& warnings) {
  size_t col = r.header.size();
  for (size_t c = 0; c < r.header.size(); ++c)
    if (r.header[c] == field) col = c;
  if (col == r.header.size()) throw std::runtime_error(r.source_path + ": no column '" + field + "' for --value");
  std::vector<double> out(r.records.size(), 0.0);
  int64_t bad = 0, first_bad_row = -1;
  for (size_t i = 0; i < r.records.size(); ++i) {
    const auto& f = r.records[i].fields;
    double v = std::numeric_limits<double>::quiet_NaN();
    if (col < f.size()) {
      try {
        size_t used = 0;
        v = std::stod(f[col], &used);
        if (used != f[col].size()) v = std::numeric_limits<double>::quiet_NaN();
      } catch (const std::exception&) {
      }
    }
    if (!std::isfinite(v)) {
      usable[i] = false;
      if (bad++ == 0) first_bad_row = r.records[i].source_row;
      continue;
    }
    out[i] = v;
  }
  if (bad > 0)
    warnings.push_back(std::to_string(bad) + " record(s) have no numeric '" + field + "' (first at row " +
                       std::to_string(first_bad_row) + "): left out of the value sums");
  return out;
}

std::string shapefile_safe(std::string name) {
  if (name.size() > 10) name.resize(10);
  return name;
}

std::string box_wkt(const std::vector<std::pair<double, double>>& ring) {
  std::ostringstream w;
  w << std::setprecision(17) << "POLYGON((";
  for (size_t k = 0; k < ring.size(); ++k) w << (k ? "," : "") << ring[k].first << " " << ring[k].second;
  w << "))";
  return w.str();
}



}  // namespace

std::vector<int> GistarOutcome::cell_bins(int not_analysed) const {
  std::vector<int> out(n_cells, not_analysed);
  for (size_t c = 0; c < n_cells; ++c)
    if (unit_of_cell[c] >= 0) out[c] = bins[static_cast<size_t>(unit_of_cell[c])];
  return out;
}

void GistarStage::Options::declare(OptionTable& t) {
  declare_unit_options(t, cell_size, hex, extent, zones, zones_layer, zone_id);
  t.choice("cells", "Grid cells analysed: all, or with-incidents (only cells holding an incident)", cells,
           {{"all", Cells::kAll}, {"with-incidents", Cells::kWithIncidents}});
  t.text("value", "count, sum:FIELD or rate:NUMERATOR/DENOMINATOR", value, "VALUE");
  declare_weights_options(t, weights, band);
  t.integer("permutations", "Conditional permutations for GiPseudoP (e.g. 999); 0 = none", permutations, 0, 99999);
  t.seed("seed", "Random seed for permutations", seed);
  t.flag("fdr", "Gi_Bin with the false discovery rate correction (ArcGIS's default)", fdr);
  Option& out = t.path("output", "Output: .geojson (WGS 84), .shp or .gpkg; a .qml style goes beside it", output);
  out.short_flag = "o";
  out.config = false;
}

void GistarStage::declare_input_columns(InputColumns& columns) const {
  const ValueSpec value = parse_value(o_.value);
  if (value.kind != UnitValueKind::kCount) columns.columns.push_back(value.field);
  if (value.kind == UnitValueKind::kRate) columns.columns.push_back(value.denominator);
}

void GistarStage::validate(const Outputs& outputs) {
  if (!outputs.is_folder()) {
    if (o_.output.empty()) throw UsageError("gistar: give the output with -o (.geojson, .shp or .gpkg)");
    try {
      vector_driver_for(o_.output);
    } catch (const std::exception& e) {
      throw UsageError(std::string("--output: ") + e.what());
    }
    outputs.check_free(o_.output);
  }
  parse_value(o_.value);
  const WeightsSpec ws = parse_weights(o_.weights);
  if (ws.scheme == WeightScheme::kContiguity && o_.zones.empty())
    throw UsageError("--weights " + o_.weights + " needs polygon zones (--zones)");
  if (o_.zones.empty() && !o_.cell_size)
    throw UsageError("gistar: give --cell-size (e.g. 1000ft) for a fishnet or hexagon grid, or --zones");
}

namespace {

// Each record's analysis unit (-1 = none) and the grid or zones, for the stage below.
std::vector<int64_t> assign_units(const GistarStage::Options& o, Context& ctx, GistarOutcome& r,
                                  std::optional<ZoneLayer>& zones, std::vector<Point>& points) {
  const IngestResult& in = ctx.records();
  const Crs& crs = ctx.crs();
  if (!o.zones.empty()) {
    ZoneLayerOptions zo;
    zo.path = o.zones;
    zo.layer = o.zones_layer;
    zo.id_field = o.zone_id;
    std::vector<std::string> zw;
    zones.emplace(ZoneLayer::load(zo, crs, &zw));
    for (const std::string& w : zw) ctx.note(w);
    r.zones = true;
    r.n_cells = zones->size();
    return assign_to_zones(*zones, points);
  }
  const double cell = o.cell_size->in_crs_units(crs.linear_unit_m());
  Extent e = o.extent ? *o.extent : ctx.study_area() ? ctx.study_area()->extent() : in.extent;
  if (e.empty()) throw std::runtime_error(in.source_path + ": no accepted incident, nothing to analyse");
  r.grid.emplace(o.hex ? AnalysisGrid::hexagon(e, cell) : AnalysisGrid::square(e, cell));
  r.n_cells = r.grid->size();
  return assign_to_grid(*r.grid, points);
}

// Numbers the analysed units: every zone; every grid cell, or those in the study area, or those of them holding an
// incident; minus undefined rates.
int64_t number_units(const GistarStage::Options& o, GistarOutcome& r, const Context& ctx,
                     const std::vector<double>& cell_values) {
  if (!r.zones && ctx.study_area()) r.unit_of_cell = grid_cells_in_area(*r.grid, *ctx.study_area(), r.cell_counts);
  else {
    r.unit_of_cell.resize(r.n_cells);
    for (size_t c = 0; c < r.n_cells; ++c) r.unit_of_cell[c] = static_cast<int64_t>(c);
  }
  const bool occupied_only = !r.zones && o.cells == GistarStage::Cells::kWithIncidents;
  int64_t undefined = 0, next = 0;
  for (size_t c = 0; c < r.n_cells; ++c) {
    if (occupied_only && r.cell_counts[c] == 0.0) r.unit_of_cell[c] = -1;
    if (r.unit_of_cell[c] < 0) continue;
    if (!std::isfinite(cell_values[c])) {
      r.unit_of_cell[c] = -1;
      ++undefined;
      continue;
    }
    r.unit_of_cell[c] = next++;
    r.cell_of_unit.push_back(c);
  }
  return undefined;
}

SpatialWeights build_weights(const GistarStage::Options& o, const WeightsSpec& ws, const Context& ctx,
                             GistarOutcome& r, const std::optional<ZoneLayer>& zones) {
  const size_t n = r.units();
  WeightsOptions wo;
  wo.scheme = ws.scheme;
  wo.power = ws.power;
  wo.k = ws.k;
  wo.threads = ctx.threads;
  std::vector<Point> centroids;
  if (r.grid) {
    for (size_t c : r.cell_of_unit) centroids.push_back(r.grid->centroid(static_cast<int64_t>(c)));
  } else if (ws.scheme != WeightScheme::kContiguity) {
    const std::vector<Point> all = zone_centroids(*zones);
    for (size_t c : r.cell_of_unit) centroids.push_back(all[c]);
  }
  if (ws.scheme != WeightScheme::kContiguity && ws.scheme != WeightScheme::kKNearest) {
    if (o.band) {
      wo.band_crs = o.band->in_crs_units(ctx.crs().linear_unit_m());
      r.band_note = o.band->to_string();
    } else {
      wo.band_crs = (r.grid && r.grid->shape() == UnitShape::kSquare && n == r.n_cells) ? r.grid->cell_size()
                                                                                       : default_band(centroids, ctx.threads);
      r.band_note = "default: the smallest distance giving every unit a neighbour";
    }
  }
  r.band_crs = wo.band_crs;
  if (ws.scheme == WeightScheme::kContiguity) {
    const auto lists = zone_contiguity(*zones, ws.corners ? Contiguity::kEdgesAndCorners : Contiguity::kEdges);
    std::vector<std::vector<uint32_t>> sub(n);
    for (size_t u = 0; u < n; ++u)
      for (uint32_t j : lists[r.cell_of_unit[u]])
        if (r.unit_of_cell[j] >= 0) sub[u].push_back(static_cast<uint32_t>(r.unit_of_cell[j]));
    return weights_from_lists(sub, true);
  }
  if (r.grid && r.grid->shape() == UnitShape::kSquare) {
    const bool all_cells = n == r.n_cells;
    return fishnet_weights(r.grid->ncols(), r.grid->nrows(), r.grid->cell_size(),
                           all_cells ? std::span<const int64_t>() : std::span<const int64_t>(r.unit_of_cell), wo,
                           ctx.progress);
  }
  return distance_weights(centroids, wo, ctx.progress);
}

VectorFeature unit_feature(const GistarOutcome& r, const std::optional<ZoneLayer>& zones, size_t c) {
  VectorFeature f;
  if (r.zones) f.geometry = WktGeometry{zones->wkt(c)};
  else if (r.grid->shape() == UnitShape::kSquare) {
    const auto ring = r.grid->polygon(static_cast<int64_t>(c));
    f.geometry = BoxGeometry{Extent{ring[0].first, ring[0].second, ring[2].first, ring[2].second}};
  } else {
    f.geometry = WktGeometry{box_wkt(r.grid->polygon(static_cast<int64_t>(c)))};
  }
  return f;
}

// The Gi* layer: one feature per analysed unit (and per undefined-rate unit, with null results); grid cells outside
// the study area are not written. Field names are full here; the shapefile writer's copy truncates them.
VectorLayer gi_layer(const GistarStage::Options& o, const Context& ctx, GistarOutcome& r, const ValueSpec& value,
                     const std::optional<ZoneLayer>& zones, bool unweighted, const UnitAggregation& agg,
                     const std::vector<double>& cell_values) {
  const bool integer_count = value.kind == UnitValueKind::kCount && unweighted;
  VectorLayer layer;
  layer.name = "gistar_cells";
  layer.kind = GeometryKind::kPolygon;
  switch (value.kind) {
    case UnitValueKind::kCount: r.value_field = "Join_Count"; break;
    case UnitValueKind::kSum: r.value_field = value.field; break;
    case UnitValueKind::kRate: r.value_field = "RATE"; break;
  }
  layer.fields.push_back({"SOURCE_ID", FieldType::kInteger});
  if (r.zones) layer.fields.push_back({o.zone_id.empty() ? "ZONE_ID" : o.zone_id, FieldType::kString});
  layer.fields.push_back({r.value_field, integer_count ? FieldType::kInteger : FieldType::kReal});
  if (value.kind == UnitValueKind::kRate) {
    layer.fields.push_back({"RATE_NUM", FieldType::kReal});
    layer.fields.push_back({"RATE_DEN", FieldType::kReal});
  }
  for (const char* f : {"GiZScore", "GiPValue"}) layer.fields.push_back({f, FieldType::kReal});
  layer.fields.push_back({"Gi_Bin", FieldType::kInteger});
  layer.fields.push_back({"NNeighbors", FieldType::kInteger});
  if (o.permutations > 0) layer.fields.push_back({"GiPseudoP", FieldType::kReal});
  const bool written_all = r.zones || (!ctx.study_area() && o.cells == GistarStage::Cells::kAll);
  for (size_t c = 0; c < r.n_cells; ++c) {
    const int64_t u = r.unit_of_cell[c];
    if (!written_all && u < 0 && std::isfinite(cell_values[c])) continue;
    VectorFeature f = unit_feature(r, zones, c);
    f.values.push_back(static_cast<int64_t>(r.zones ? c + 1 : c));
    if (r.zones) f.values.push_back(zones->zone(c).id);
    if (integer_count) f.values.push_back(static_cast<int64_t>(agg.count[c]));
    else f.values.push_back(cell_values[c]);
    if (value.kind == UnitValueKind::kRate) {
      f.values.push_back(agg.numerator[c]);
      f.values.push_back(agg.denominator[c]);
    }
    if (u >= 0) {
      const size_t k = static_cast<size_t>(u);
      f.values.push_back(r.gi.z[k]);
      f.values.push_back(r.gi.p[k]);
      f.values.push_back(static_cast<int64_t>(r.bins[k]));
      f.values.push_back(static_cast<int64_t>(r.gi.n_neighbors[k]));
      if (o.permutations > 0) f.values.push_back(r.gi.pseudo_p[k]);
    } else {
      for (size_t k = 0; k < 4u + (o.permutations > 0 ? 1u : 0u); ++k) f.values.push_back(std::monostate{});
    }
    layer.features.push_back(std::move(f));
  }
  return layer;
}

void write_layers(const GistarStage::Options& o, const Context& ctx, Outputs& outputs, GistarOutcome& r,
                  VectorLayer layer) {
  const std::vector<std::string> paths =
      outputs.is_folder() ? std::vector<std::string>{"gistar_cells.geojson", "gistar_cells.shp"}
                          : std::vector<std::string>{o.output};
  if (ctx.privacy && apply_privacy(*ctx.privacy, layer) == LayerVerdict::leave_out) return;
  const std::vector<FieldDef> full_names = layer.fields;
  for (const std::string& given : paths) {
    const bool shp = vector_driver_for(given) == "ESRI Shapefile";
    layer.fields = full_names;
    if (shp)
      for (FieldDef& f : layer.fields) f.name = shapefile_safe(f.name);
    VectorWriteOptions vo;
    vo.path = outputs.path(given, given);
    vo.overwrite = outputs.overwrite_allowed();
    // One .qml beside the layer; in a run folder one gistar_cells.qml serves both files.
    if (!outputs.is_folder() || shp) vo.qml_style = gi_bin_qml("Gi_Bin", r.zones);
    write_vector(layer, ctx.crs(), vo);
    record_layer_privacy(vo.path, ctx, outputs);
    r.paths.push_back(vo.path);
  }
  r.features = layer.features.size();
}

std::string describe(const GistarStage::Options& o, const Context& ctx, const GistarOutcome& r, const WeightsSpec& ws) {
  std::ostringstream d;
  d << r.units() << " ";
  if (r.zones) d << "zones of " << o.zones;
  else
    d << o.cell_size->to_string() << " " << (r.grid->shape() == UnitShape::kSquare ? "fishnet cells" : "hexagons")
      << (ctx.study_area() ? " inside the study area" : "")
      << (o.cells == GistarStage::Cells::kWithIncidents ? " holding an incident" : "");
  d << ", " << o.value << ", " << r.weights_description;
  if (!r.band_note.empty())
    d << " " << std::setprecision(10) << r.band_crs << " " << ctx.crs().linear_unit_name() << " (" << r.band_note << ")";
  d << " (unit itself included; " << std::fixed << std::setprecision(1) << r.neighbours.mean + 1.0
    << " units in a neighbourhood on average), " << (o.fdr ? "Benjamini-Hochberg FDR-corrected bins" : "uncorrected bins");
  if (o.permutations > 0)
    d << ", " << o.permutations << " conditional permutations (seed " << o.seed << ") for GiPseudoP";
  return d.str();
}

// Each record's point and, for sums and rates, its values; records whose value field is not a number are marked
// unusable (and reported in `warnings`).
struct PointValues {
  std::vector<Point> points;
  std::vector<bool> usable;
  std::vector<double> weights, numerator, denominator;  // weights empty: unweighted
};

PointValues point_values(const IngestResult& in, const ValueSpec& value, std::vector<std::string>& warnings) {
  PointValues pv;
  const size_t np = in.records.size();
  pv.points = in.points();
  pv.usable.assign(np, true);
  if (!in.weight_column.empty()) {
    pv.weights.resize(np);
    for (size_t i = 0; i < np; ++i) pv.weights[i] = pv.points[i].weight;
  }
  if (value.kind != UnitValueKind::kCount) pv.numerator = field_values(in, value.field, pv.usable, warnings);
  if (value.kind == UnitValueKind::kRate) pv.denominator = field_values(in, value.denominator, pv.usable, warnings);
  return pv;
}

// Assigns the points to units and sums them; numbers the units analysed and fills r.values.
UnitAggregation aggregate(const GistarStage::Options& o, Context& ctx, GistarOutcome& r, std::optional<ZoneLayer>& zones,
                          PointValues& pv, const ValueSpec& value, std::vector<std::string>& warnings) {
  std::vector<int64_t> unit_of_point = assign_units(o, ctx, r, zones, pv.points);
  int64_t left_out = 0;
  for (size_t i = 0; i < unit_of_point.size(); ++i)
    if (!pv.usable[i] && unit_of_point[i] >= -1) {
      unit_of_point[i] = -1;
      ++left_out;
    }
  UnitAggregation agg = aggregate_units(unit_of_point, r.n_cells, pv.weights, pv.numerator, pv.denominator);
  r.cell_counts = agg.count;
  r.points_in = agg.points_in;
  r.points_outside = agg.points_outside - left_out;
  if (r.points_outside > 0)
    warnings.push_back(std::to_string(r.points_outside) + " incident(s) fall in no " +
                       (r.zones ? "zone of " + o.zones : std::string("analysis cell (outside --extent)")) +
                       ": counted here, not in any unit");
  const std::vector<double> cell_values = agg.values(value.kind);
  const int64_t undefined_rate = number_units(o, r, ctx, cell_values);
  if (undefined_rate > 0)
    warnings.push_back(std::to_string(undefined_rate) + " unit(s) have a zero denominator (" + value.denominator +
                       "): their rate is undefined, so they are left out of the analysis and written with null results");
  const size_t n = r.units();
  if (n < 2) throw std::runtime_error("only " + std::to_string(n) + " analysis unit(s); nothing to compare");
  r.values.resize(n);
  for (size_t u = 0; u < n; ++u) r.values[u] = cell_values[r.cell_of_unit[u]];
  return agg;
}

// The weights, described in r, with an error when no unit has a neighbour and a warning when some have none.
SpatialWeights unit_weights(const GistarStage::Options& o, const WeightsSpec& ws, const Context& ctx, GistarOutcome& r,
                            const std::optional<ZoneLayer>& zones, std::vector<std::string>& warnings) {
  SpatialWeights w = build_weights(o, ws, ctx, r, zones);
  r.neighbours = w.summary();
  r.weights_description = to_string(ws.scheme);
  if (ws.scheme == WeightScheme::kKNearest) r.weights_description += " (k = " + std::to_string(ws.k) + ")";
  if (ws.scheme == WeightScheme::kInverseDistance)
    r.weights_description += std::string(" (power ") + (ws.power == 1.0 ? "1" : "2") + ")";
  if (r.neighbours.without_neighbors == r.units())
    throw std::runtime_error("the distance band " + r.band_note + " (" + std::to_string(r.band_crs) + " " +
                             ctx.crs().linear_unit_name() + ") gives no analysis unit a neighbour; use a larger --band");
  if (r.neighbours.without_neighbors > 0)
    warnings.push_back(std::to_string(r.neighbours.without_neighbors) +
                       " unit(s) have no neighbour: their Gi* is null (use a larger band or k nearest neighbours)");
  return w;
}

// Gi*, its bins and the bin counts.
void compute_gi(const GistarStage::Options& o, const Context& ctx, const SpatialWeights& w, GistarOutcome& r,
                std::vector<std::string>& warnings) {
  GiStarOptions go;
  go.permutations = o.permutations;
  go.seed = o.seed;
  go.threads = ctx.threads;
  r.gi = gi_star(r.values, w, go, ctx.progress);
  for (const std::string& s : r.gi.warnings) warnings.push_back(s);
  r.bins = confidence_bins(r.gi.z, r.gi.p, o.fdr);
  r.thresholds = bin_thresholds(r.gi.p, o.fdr);
  for (int b : r.bins) ++r.bin_counts[b];
}

// Gi* on sparse counts is unstable and its FDR bins can collapse: warnings that say so and what to change.
void warn_if_sparse(const GistarStage::Options& o, const ValueSpec& value, const GistarOutcome& r, std::vector<std::string>& warnings) {
  const size_t n = r.values.size();
  if (value.kind == UnitValueKind::kCount && n > 0) {
    double total = 0;
    size_t empty = 0;
    for (double v : r.values) {
      total += v;
      empty += v == 0.0;
    }
    const double mean = total / static_cast<double>(n);
    const std::string advice = "; Gi* needs several incidents per unit to be stable: use a larger --cell-size, or --zones";
    if (mean < 1.0)
      warnings.push_back("sparse data: " + format_significant(mean, 3) + " incidents per unit on average (below 1)" + advice);
    else if (2 * empty > n)
      warnings.push_back("sparse data: " + std::to_string(empty) + " of " + std::to_string(n) + " units have no incident" + advice);
  }
  const BinThresholds& t = r.thresholds;
  if (o.fdr && t.p99 > 0 && t.p90 == t.p95 && t.p95 == t.p99)
    warnings.push_back("the FDR-corrected critical p-values of the 90, 95 and 99 % bins are all " + format_significant(t.p99, 3) +
                       ": every significant unit falls in the 99 % bin, so the bins do not grade confidence (too few units or "
                       "incidents; use a larger --cell-size or --zones)");
}

}  // namespace

void GistarStage::run(Context& ctx, Outputs& outputs) {
  const IngestResult& in = ctx.records();
  if (!ctx.crs().is_projected())
    throw UsageError(in.source_path + ": Gi* needs a projected analysis CRS (distances in feet or metres)");
  const ValueSpec value = parse_value(o_.value);
  const WeightsSpec ws = parse_weights(o_.weights);
  GistarOutcome r;
  std::vector<std::string> warnings;
  PointValues pv = point_values(in, value, warnings);
  std::optional<ZoneLayer> zones;
  const UnitAggregation agg = aggregate(o_, ctx, r, zones, pv, value, warnings);
  const SpatialWeights w = unit_weights(o_, ws, ctx, r, zones, warnings);
  compute_gi(o_, ctx, w, r, warnings);
  warn_if_sparse(o_, value, r, warnings);
  for (const std::string& s : warnings) ctx.note("Gi*: " + s);

  const std::vector<double> cell_values = agg.values(value.kind);
  write_layers(o_, ctx, outputs, r, gi_layer(o_, ctx, r, value, zones, pv.weights.empty(), agg, cell_values));
  r.description = describe(o_, ctx, r, ws);
  ctx.stage_line = std::to_string(r.units()) + " units, " + std::to_string(r.bin_counts[2] + r.bin_counts[3]) +
                   " hot and " + std::to_string(r.bin_counts[-2] + r.bin_counts[-3]) + " cold at 95% or more";
  ctx.gistar = std::move(r);
}

}  // namespace hotspot::cli
