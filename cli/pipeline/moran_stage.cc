#include "cli/pipeline/moran_stage.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "cli/pipeline/context.h"
#include "cli/pipeline/errors.h"
#include "cli/pipeline/incremental_moran_output.h"
#include "cli/pipeline/outputs.h"
#include "cli/pipeline/privacy_layers.h"
#include "cli/pipeline/privacy_metadata.h"
#include "cli/pipeline/unit_options.h"
#include "geo/read/zone_units.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

namespace {

// The weights a --weights value names (k for knn:K, power for idw1/idw2, the contiguity rule).
struct WeightsChoice {
  WeightScheme scheme = WeightScheme::kFixedBand;
  double power = 1.0;
  int k = 8;
  Contiguity contiguity = Contiguity::kEdges;
};

WeightsChoice weights_choice(const std::string& text) {
  WeightsChoice c;
  const std::string usage =
      "--weights '" + text + "': use band, idw1, idw2, knn:K, indifference, contiguity-edges or contiguity-corners";
  if (text == "band") return c;
  if (text == "idw1" || text == "idw2") {
    c.scheme = WeightScheme::kInverseDistance;
    c.power = text == "idw1" ? 1.0 : 2.0;
  } else if (text == "indifference") {
    c.scheme = WeightScheme::kZoneOfIndifference;
  } else if (text == "contiguity-edges" || text == "contiguity-corners") {
    c.scheme = WeightScheme::kContiguity;
    c.contiguity = text == "contiguity-edges" ? Contiguity::kEdges : Contiguity::kEdgesAndCorners;
  } else if (text.rfind("knn:", 0) == 0) {
    c.scheme = WeightScheme::kKNearest;
    const std::string digits = text.substr(4);
    if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(digits) < 1)
      throw UsageError("--weights '" + text + "': k must be a positive integer, e.g. knn:8");
    c.k = std::stoi(digits);
  } else {
    throw UsageError(usage);
  }
  return c;
}

// The units: grid cells (all, or those in the study area) or zones, their counts and, for distance weights,
// centroids. cell_of_unit maps analysed unit -> grid cell or zone.
struct Units {
  std::optional<ZoneLayer> zones;
  std::vector<int64_t> unit_of_cell;  // -1: not analysed
  std::vector<size_t> cell_of_unit;
  std::vector<double> cell_counts;
  std::vector<double> counts;         // per analysed unit
};

Units build_units(const MoranStage::Options& o, Context& ctx, MoranOutcome& r) {
  const IngestResult& in = ctx.records();
  const std::vector<Point> points = in.points();
  Units u;
  std::vector<int64_t> unit_of_point;
  if (!o.zones.empty()) {
    std::vector<std::string> notes;
    u.zones.emplace(ZoneLayer::load(ZoneLayerOptions{o.zones, o.zones_layer, o.zone_id, "", ""}, ctx.crs(), &notes));
    for (const std::string& n : notes) ctx.note(n);
    r.n_cells = u.zones->size();
    unit_of_point = assign_to_zones(*u.zones, points);
  } else {
    const double cell = o.cell_size->in_crs_units(ctx.crs().linear_unit_m());
    const Extent e = o.extent ? *o.extent : ctx.study_area() ? ctx.study_area()->extent() : in.extent;
    if (e.empty()) throw std::runtime_error(in.source_path + ": no accepted incident, nothing to analyse");
    r.grid.emplace(o.hex ? AnalysisGrid::hexagon(e, cell) : AnalysisGrid::square(e, cell));
    r.n_cells = r.grid->size();
    unit_of_point = assign_to_grid(*r.grid, points);
  }
  const UnitAggregation agg = aggregate_units(unit_of_point, r.n_cells, {}, {}, {});
  r.points_in = agg.points_in;
  r.points_outside = agg.points_outside;
  u.cell_counts = agg.count;
  if (r.grid && ctx.study_area()) u.unit_of_cell = grid_cells_in_area(*r.grid, *ctx.study_area(), u.cell_counts);
  else
    for (size_t c = 0; c < r.n_cells; ++c) u.unit_of_cell.push_back(static_cast<int64_t>(c));
  for (size_t c = 0; c < r.n_cells; ++c)
    if (u.unit_of_cell[c] >= 0) {
      u.cell_of_unit.push_back(c);
      u.counts.push_back(u.cell_counts[c]);
    }
  r.units = u.cell_of_unit.size();
  if (r.points_outside > 0)
    ctx.note("Moran's I: " + std::to_string(r.points_outside) + " incident(s) fall in no analysis unit");
  return u;
}

// The centre of each analysed unit: its cell's, or its zone's centroid.
std::vector<Point> unit_centroids(const Units& u, const MoranOutcome& r) {
  std::vector<Point> centroids;
  const std::vector<Point> zone_points = u.zones ? zone_centroids(*u.zones) : std::vector<Point>{};
  for (size_t cell : u.cell_of_unit)
    centroids.push_back(u.zones ? zone_points[cell] : r.grid->centroid(static_cast<int64_t>(cell)));
  return centroids;
}

// Weights between the analysed units, without self.
SpatialWeights build_weights(const MoranStage::Options& o, const WeightsChoice& c, const Context& ctx, const Units& u,
                             MoranOutcome& r) {
  const size_t n = u.cell_of_unit.size();
  if (c.scheme == WeightScheme::kContiguity) {
    if (!u.zones) throw UsageError("--weights " + o.weights + " needs polygon zones (--zones)");
    const auto lists = zone_contiguity(*u.zones, c.contiguity);
    return weights_from_lists(lists, false);
  }
  WeightsOptions wo;
  wo.scheme = c.scheme;
  wo.power = c.power;
  wo.k = c.k;
  wo.include_self = false;
  wo.threads = ctx.threads;
  const std::vector<Point> centroids = unit_centroids(u, r);
  if (c.scheme != WeightScheme::kKNearest) {
    const bool whole_fishnet = r.grid && r.grid->shape() == UnitShape::kSquare && n == r.n_cells;
    wo.band_crs = o.band ? o.band->in_crs_units(ctx.crs().linear_unit_m())
                         : whole_fishnet ? r.grid->cell_size() : default_band(centroids, ctx.threads);
    r.band_crs = wo.band_crs;
  }
  if (r.grid && r.grid->shape() == UnitShape::kSquare && c.scheme != WeightScheme::kKNearest)
    return fishnet_weights(r.grid->ncols(), r.grid->nrows(), r.grid->cell_size(),
                           n == r.n_cells ? std::span<const int64_t>() : std::span<const int64_t>(u.unit_of_cell), wo,
                           ctx.progress);
  return distance_weights(centroids, wo, ctx.progress);
}

// ArcGIS Pro's cluster/outlier colours: reds for high-high clusters and high-low outliers, blues for low-low
// clusters and low-high outliers, grey for not significant.
struct CoTypeClass {
  const char* value;
  const char* label;
  const char* rgba;
};
constexpr CoTypeClass kCoTypeClasses[] = {{"HH", "High-High Cluster", "214,47,39,255"},
                                          {"HL", "High-Low Outlier", "250,185,132,255"},
                                          {"LH", "Low-High Outlier", "132,158,186,255"},
                                          {"LL", "Low-Low Cluster", "69,117,181,255"},
                                          {"", "Not Significant", "220,220,220,255"}};

std::string symbol_xml(size_t k, const char* rgba) {
  std::ostringstream s;
  s << "      <symbol type=\"fill\" name=\"" << k << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
    << "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
    << "          <prop k=\"color\" v=\"" << rgba << "\"/>\n          <prop k=\"style\" v=\"solid\"/>\n"
    << "          <prop k=\"outline_style\" v=\"no\"/>\n        </layer>\n      </symbol>\n";
  return s.str();
}

std::string cotype_qml() {
  std::ostringstream q;
  q << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    << "<qgis version=\"3.22.16\" styleCategories=\"Symbology\">\n"
    << "  <renderer-v2 type=\"categorizedSymbol\" attr=\"COType\" symbollevels=\"0\" enableorderby=\"0\">\n"
    << "    <categories>\n";
  for (size_t k = 0; k < std::size(kCoTypeClasses); ++k)
    q << "      <category render=\"true\" symbol=\"" << k << "\" value=\"" << kCoTypeClasses[k].value << "\" label=\""
      << kCoTypeClasses[k].label << "\"/>\n";
  q << "    </categories>\n    <symbols>\n";
  for (size_t k = 0; k < std::size(kCoTypeClasses); ++k) q << symbol_xml(k, kCoTypeClasses[k].rgba);
  q << "    </symbols>\n  </renderer-v2>\n  <layerGeometryType>2</layerGeometryType>\n</qgis>\n";
  return q.str();
}

std::string ring_wkt(const std::vector<std::pair<double, double>>& ring) {
  std::ostringstream w;
  w << std::setprecision(17) << "POLYGON((";
  for (size_t k = 0; k < ring.size(); ++k) w << (k ? "," : "") << ring[k].first << " " << ring[k].second;
  w << "))";
  return w.str();
}

// One feature per analysed unit with ArcGIS's Cluster and Outlier Analysis fields.
VectorLayer local_layer(const Units& u, const MoranOutcome& r) {
  const LocalMoranResult& lm = *r.local;
  VectorLayer layer;
  layer.name = "moran_local";
  layer.kind = GeometryKind::kPolygon;
  layer.fields = {{"SOURCE_ID", FieldType::kInteger}, {"Join_Count", FieldType::kInteger},
                  {"LMiIndex", FieldType::kReal},     {"LMiZScore", FieldType::kReal},
                  {"LMiPValue", FieldType::kReal},    {"COType", FieldType::kString},
                  {"NNeighbors", FieldType::kInteger}};
  if (u.zones) layer.fields.insert(layer.fields.begin() + 1, {"ZONE_ID", FieldType::kString});
  const std::vector<double>& p = lm.significance_p();
  for (size_t k = 0; k < u.cell_of_unit.size(); ++k) {
    const size_t c = u.cell_of_unit[k];
    VectorFeature f;
    if (u.zones) f.geometry = WktGeometry{u.zones->wkt(c)};
    else f.geometry = WktGeometry{ring_wkt(r.grid->polygon(static_cast<int64_t>(c)))};
    f.values.push_back(static_cast<int64_t>(u.zones ? c + 1 : c));
    if (u.zones) f.values.push_back(u.zones->zone(c).id);
    f.values.push_back(static_cast<int64_t>(u.counts[k]));
    f.values.push_back(lm.ii[k]);
    f.values.push_back(lm.z[k]);
    f.values.push_back(p[k]);
    f.values.push_back(to_string(lm.type[k]));
    f.values.push_back(static_cast<int64_t>(lm.n_neighbors[k]));
    layer.features.push_back(std::move(f));
  }
  return layer;
}

IncrementalMoranResult run_incremental(const MoranStage::Options& o, const Context& ctx, const std::vector<Point>& centroids,
                                       const std::vector<double>& counts) {
  const double unit_m = ctx.crs().linear_unit_m();
  IncrementalMoranOptions io;
  io.bands = o.incremental_bands;
  io.start_crs = o.incremental_start ? o.incremental_start->in_crs_units(unit_m) : 0.0;
  io.increment_crs = o.incremental_increment ? o.incremental_increment->in_crs_units(unit_m) : 0.0;
  io.standardisation = o.standardisation;
  io.threads = ctx.threads;
  return incremental_moran(centroids, counts, io, ctx.progress);
}

}  // namespace

void MoranStage::Options::declare(OptionTable& t) {
  declare_unit_options(t, cell_size, hex, extent, zones, zones_layer, zone_id);
  declare_weights_options(t, weights, band);
  t.choice("standardisation", "Weights standardisation: row (ArcGIS's choice) or none", standardisation,
           {{"row", WeightsStandardisation::kRow}, {"none", WeightsStandardisation::kNone}});
  t.flag("local", "Also Anselin Local Moran's I per unit (cluster and outlier analysis), written to --output", scope,
         Scope::kGlobal, Scope::kLocal);
  t.choice("moments", "Local moments: conditional (spdep's default) or total (Anselin 1995's total randomisation)",
           moments, {{"conditional", LocalMoranMoments::kConditional}, {"total", LocalMoranMoments::kTotalRandomisation}});
  t.integer("permutations", "Conditional permutations for LMiPValue (e.g. 999); 0 = normal p-values", permutations, 0,
            99999);
  t.seed("seed", "Random seed for permutations", seed);
  t.number("alpha", "Significance level of COType", alpha, 1e-9, 0.999999999);
  t.flag("fdr", "COType with the false discovery rate correction", fdr, FdrCorrection::kOff, FdrCorrection::kOn);
  Option& out = t.path("output", "Local output: .geojson (WGS 84), .shp or .gpkg; a .qml style goes beside it", output);
  out.short_flag = "o";
  out.config = false;
  t.path("incremental", "Incremental spatial autocorrelation: Moran's I over increasing distance bands to this .csv, "
                        "its z-score plot (.png) beside it", incremental)
      .config = false;
  t.integer("incremental_bands", "Number of distance bands of --incremental", incremental_bands, 2, 100);
  t.length("incremental_start", "First band of --incremental (default: the distance giving every unit a neighbour)",
           incremental_start);
  t.length("incremental_increment", "Step between bands of --incremental (default: the mean nearest-neighbour "
                                    "distance)", incremental_increment);
}

void MoranStage::validate(const Outputs& outputs) {
  if (o_.scope == Scope::kLocal) {
    if (o_.output.empty()) throw UsageError("moran --local: give the output with -o (.geojson, .shp or .gpkg)");
    try {
      vector_driver_for(o_.output);
    } catch (const std::exception& e) {
      throw UsageError(std::string("--output: ") + e.what());
    }
    outputs.check_free(o_.output);
  } else if (!o_.output.empty()) {
    throw UsageError("moran: Global Moran's I writes no layer; add --local for the per-unit layer in " + o_.output);
  }
  const WeightsChoice c = weights_choice(o_.weights);
  if (c.scheme == WeightScheme::kContiguity && o_.zones.empty())
    throw UsageError("--weights " + o_.weights + " needs polygon zones (--zones)");
  if (o_.zones.empty() && !o_.cell_size)
    throw UsageError("moran: give --cell-size (e.g. 1000ft) for a fishnet or hexagon grid, or --zones");
  if (!o_.incremental.empty()) {
    if (std::filesystem::path(o_.incremental).extension() != ".csv")
      throw UsageError("--incremental " + o_.incremental + ": the curve is written as .csv (with a .png beside it)");
    if (c.scheme != WeightScheme::kFixedBand)
      throw UsageError("--incremental measures fixed distance bands; it cannot be combined with --weights " + o_.weights);
    outputs.check_free(o_.incremental);
    outputs.check_free(std::filesystem::path(o_.incremental).replace_extension(".png").string());
  }
}

void MoranStage::run(Context& ctx, Outputs& outputs) {
  if (!ctx.crs().is_projected())
    throw UsageError(ctx.records().source_path + ": Moran's I needs a projected analysis CRS (distances in feet or metres)");
  const WeightsChoice c = weights_choice(o_.weights);
  r_ = MoranOutcome{};
  const Units u = build_units(o_, ctx, r_);
  if (r_.units < 4)
    throw std::runtime_error("only " + std::to_string(r_.units) + " analysis unit(s): Moran's I needs at least 4");
  const SpatialWeights w = build_weights(o_, c, ctx, u, r_);
  r_.neighbours = w.summary();
  r_.weights_description = to_string(c.scheme) + ", " + to_string(o_.standardisation);
  if (r_.neighbours.without_neighbors == r_.units)
    throw std::runtime_error("the weights give no analysis unit a neighbour; use a larger --band");
  try {
    r_.global = global_moran(u.counts, w, MoranOptions{o_.standardisation});
    for (const std::string& s : r_.global.warnings) ctx.note(s);
    if (o_.scope == Scope::kLocal) {
      LocalMoranOptions lo{o_.standardisation, o_.moments, o_.permutations, o_.seed, ctx.threads, o_.alpha, o_.fdr};
      r_.local = local_moran(u.counts, w, lo, ctx.progress);
    }
    if (!o_.incremental.empty()) r_.incremental = run_incremental(o_, ctx, unit_centroids(u, r_), u.counts);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(ctx.records().source_path + ": " + e.what());
  }
  if (o_.scope == Scope::kLocal) {
    VectorWriteOptions vo;
    vo.path = outputs.path(o_.output, o_.output);
    vo.overwrite = outputs.overwrite_allowed();
    vo.qml_style = cotype_qml();
    VectorLayer layer = local_layer(u, r_);
    if (ctx.privacy) apply_privacy(*ctx.privacy, layer);  // polygons: counts below k suppressed
    write_vector(layer, ctx.crs(), vo);
    record_layer_privacy(vo.path, ctx, outputs);
    r_.paths.push_back(vo.path);
    r_.features = layer.features.size();
  }
  if (r_.incremental) {
    const std::string path = outputs.path(o_.incremental, o_.incremental);
    write_incremental_moran(*r_.incremental, ctx.crs().linear_unit_name(), path, outputs.overwrite_allowed());
    r_.incremental_csv = path;
    r_.incremental_png = std::filesystem::path(path).replace_extension(".png").string();
  }
  std::ostringstream line;
  line << r_.units << " units, Moran's I " << std::setprecision(4) << r_.global.i << " (z " << r_.global.z << ")";
  ctx.stage_line = line.str();
}

}  // namespace hotspot::cli
