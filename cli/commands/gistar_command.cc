#include "cli/commands/gistar_command.h"

#include <CLI/CLI.hpp>
#include <array>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "cli/commands/info_command.h"
#include "cli/commands/ingest_flags.h"
#include "cli/commands/stderr_progress.h"
#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/fdr.h"
#include "engine/hotspot/gistar.h"
#include "engine/core/length.h"
#include "engine/hotspot/spatial_weights.h"
#include "geo/map/gistar_styles.h"
#include "geo/write/vector_writer.h"
#include "geo/read/zone_units.h"

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
  throw std::invalid_argument("--value '" + text + "': use count, sum:FIELD or rate:NUMERATOR/DENOMINATOR");
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
      throw std::invalid_argument("--weights '" + text + "': k must be a positive integer, e.g. knn:8");
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
  throw std::invalid_argument("--weights '" + text +
                              "': use band, idw1, idw2, knn:K, indifference, contiguity-edges or contiguity-corners");
}

Extent parse_extent(const std::string& text) {
  std::array<double, 4> v{};
  std::stringstream ss(text);
  std::string part;
  size_t k = 0;
  while (std::getline(ss, part, ',')) {
    if (k >= 4) break;
    try {
      v[k++] = std::stod(part);
    } catch (const std::exception&) {
      k = 99;
      break;
    }
  }
  Extent e{v[0], v[1], v[2], v[3]};
  if (k != 4 || e.empty() || e.width() <= 0 || e.height() <= 0)
    throw std::invalid_argument("--extent '" + text + "': expected xmin,ymin,xmax,ymax in analysis CRS units");
  return e;
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

int run_gistar(const GistarOptions& o, std::ostream& out, std::ostream& err) {
  if (o.output_path.empty()) throw std::invalid_argument("gistar: give the output with -o (.geojson, .shp or .gpkg)");
  vector_driver_for(o.output_path);  // fails early on an unknown extension
  const ValueSpec value = parse_value(o.value);
  const WeightsSpec ws = parse_weights(o.weights);
  const bool zones_mode = !o.zones_path.empty();
  if (ws.scheme == WeightScheme::kContiguity && !zones_mode)
    throw std::invalid_argument("--weights " + o.weights + " needs polygon zones (--zones)");
  if (!zones_mode && o.cell_size.empty())
    throw std::invalid_argument("gistar: give --cell-size (e.g. 1000ft) for a fishnet or hexagon grid, or --zones");
  if (o.permutations < 0 || o.permutations > 99999)
    throw std::invalid_argument("--permutations must be between 0 and 99999");

  StderrProgress progress;
  IngestResult in = ingest(o.ingest, &progress);
  if (!in.analysis_crs || !in.analysis_crs->is_projected())
    throw std::runtime_error(o.ingest.input_path + ": Gi* needs a projected analysis CRS (distances in feet or metres)");
  const Crs& crs = *in.analysis_crs;
  const double unit_m = crs.linear_unit_m();
  const std::string unit_name = crs.linear_unit_name();
  std::vector<std::string> warnings = in.warnings;
  print_ingest_summary(in, out, 5);

  // Per-point values.
  const size_t np = in.records.size();
  std::vector<Point> points = in.points();
  std::vector<bool> usable(np, true);
  std::vector<double> weights_pt, num, den;
  if (!in.weight_column.empty()) {
    weights_pt.resize(np);
    for (size_t i = 0; i < np; ++i) weights_pt[i] = points[i].weight;
  }
  if (value.kind != UnitValueKind::kCount) num = field_values(in, value.field, usable, warnings);
  if (value.kind == UnitValueKind::kRate) den = field_values(in, value.denominator, usable, warnings);

  // Analysis units.
  std::optional<AnalysisGrid> grid;
  std::optional<ZoneLayer> zones;
  std::vector<int64_t> unit_of_point;
  size_t n_cells = 0;
  if (zones_mode) {
    ZoneLayerOptions zo;
    zo.path = o.zones_path;
    zo.layer = o.zones_layer;
    zo.id_field = o.zone_id_field;
    std::vector<std::string> zw;
    zones.emplace(ZoneLayer::load(zo, crs, &zw));
    for (const std::string& w : zw) warnings.push_back(w);
    unit_of_point = assign_to_zones(*zones, points);
    n_cells = zones->size();
  } else {
    const double cell = Length::parse_analysis(o.cell_size, "--cell-size").in_crs_units(unit_m);
    Extent e;
    std::optional<ZoneLayer> area;
    if (!o.ingest.study_area_path.empty()) {
      ZoneLayerOptions ao;
      ao.path = o.ingest.study_area_path;
      area.emplace(ZoneLayer::load(ao, crs, nullptr));
    }
    if (!o.extent.empty()) e = parse_extent(o.extent);
    else if (area) e = area->extent();
    else e = in.extent;
    if (e.empty()) throw std::runtime_error(o.ingest.input_path + ": no accepted incident, nothing to analyse");
    grid.emplace(o.hex ? AnalysisGrid::hexagon(e, cell) : AnalysisGrid::square(e, cell));
    unit_of_point = assign_to_grid(*grid, points);
    n_cells = grid->size();
    if (area) {
      // mask later, once counts are known
      zones.emplace(std::move(*area));
    }
  }
  for (size_t i = 0; i < np; ++i)
    if (!usable[i]) unit_of_point[i] = -2;  // left out: reported above
  int64_t left_out = 0;
  for (int64_t& u : unit_of_point)
    if (u == -2) {
      u = -1;
      ++left_out;
    }
  const UnitAggregation agg = aggregate_units(unit_of_point, n_cells, weights_pt, num, den);
  const int64_t outside = agg.points_outside - left_out;
  if (outside > 0)
    warnings.push_back(std::to_string(outside) + " incident(s) fall in no " +
                       (zones_mode ? "zone of " + o.zones_path : std::string("analysis cell (outside --extent)")) +
                       ": counted here, not in any unit");

  // Which cells are analysis units: all zones; all grid cells, or those in the study area; minus undefined rates.
  std::vector<int64_t> unit_of_cell;  // cell -> analysis unit, -1 = not analysed
  if (!zones_mode && zones) unit_of_cell = grid_cells_in_area(*grid, *zones, agg.count);
  else {
    unit_of_cell.resize(n_cells);
    for (size_t c = 0; c < n_cells; ++c) unit_of_cell[c] = static_cast<int64_t>(c);
  }
  const std::vector<double> cell_values = agg.values(value.kind);
  int64_t undefined_rate = 0;
  {
    int64_t next = 0;
    for (size_t c = 0; c < n_cells; ++c) {
      if (unit_of_cell[c] < 0) continue;
      if (!std::isfinite(cell_values[c])) {
        unit_of_cell[c] = -1;
        ++undefined_rate;
        continue;
      }
      unit_of_cell[c] = next++;
    }
  }
  if (undefined_rate > 0)
    warnings.push_back(std::to_string(undefined_rate) + " unit(s) have a zero denominator (" + value.denominator +
                       "): their rate is undefined, so they are left out of the analysis and written with null results");
  std::vector<size_t> cell_of_unit;
  for (size_t c = 0; c < n_cells; ++c)
    if (unit_of_cell[c] >= 0) cell_of_unit.push_back(c);
  const size_t n = cell_of_unit.size();
  if (n < 2) throw std::runtime_error("gistar: only " + std::to_string(n) + " analysis unit(s); nothing to compare");
  std::vector<double> x(n);
  for (size_t u = 0; u < n; ++u) x[u] = cell_values[cell_of_unit[u]];

  // Spatial weights.
  WeightsOptions wo;
  wo.scheme = ws.scheme;
  wo.power = ws.power;
  wo.k = ws.k;
  wo.threads = o.threads;
  std::vector<Point> centroids;
  if (grid) {
    for (size_t c : cell_of_unit) centroids.push_back(grid->centroid(static_cast<int64_t>(c)));
  } else if (ws.scheme != WeightScheme::kContiguity) {
    const std::vector<Point> all = zone_centroids(*zones);
    for (size_t c : cell_of_unit) centroids.push_back(all[c]);
  }
  std::string band_note;
  if (ws.scheme != WeightScheme::kContiguity && ws.scheme != WeightScheme::kKNearest) {
    if (!o.band.empty()) {
      wo.band_crs = Length::parse_analysis(o.band, "--band").in_crs_units(unit_m);
      if (!(wo.band_crs > 0.0)) throw std::invalid_argument("--band must be positive, got " + o.band);
      band_note = Length::parse(o.band).to_string();
    } else {
      wo.band_crs = (grid && grid->shape() == UnitShape::kSquare && n == n_cells) ? grid->cell_size()
                                                                                  : default_band(centroids, o.threads);
      band_note = "default: the smallest distance giving every unit a neighbour";
    }
  }
  SpatialWeights w;
  if (ws.scheme == WeightScheme::kContiguity) {
    const auto lists = zone_contiguity(*zones, ws.corners ? Contiguity::kEdgesAndCorners : Contiguity::kEdges);
    std::vector<std::vector<uint32_t>> sub(n);
    for (size_t u = 0; u < n; ++u)
      for (uint32_t j : lists[cell_of_unit[u]])
        if (unit_of_cell[j] >= 0) sub[u].push_back(static_cast<uint32_t>(unit_of_cell[j]));
    w = weights_from_lists(sub, true);
  } else if (grid && grid->shape() == UnitShape::kSquare) {
    const bool all_cells = n == n_cells;
    w = fishnet_weights(grid->ncols(), grid->nrows(), grid->cell_size(),
                        all_cells ? std::span<const int64_t>() : std::span<const int64_t>(unit_of_cell), wo, &progress);
  } else {
    w = distance_weights(centroids, wo, &progress);
  }
  const SpatialWeights::Summary ns = w.summary();
  if (ns.without_neighbors == n)
    throw std::runtime_error("gistar: the distance band " + band_note + " (" + std::to_string(wo.band_crs) + " " +
                             unit_name + ") gives no analysis unit a neighbour; use a larger --band");
  if (ns.without_neighbors > 0)
    warnings.push_back(std::to_string(ns.without_neighbors) +
                       " unit(s) have no neighbour: their Gi* is null (use a larger band or k nearest neighbours)");

  // Statistic and bins.
  GiStarOptions go;
  go.permutations = o.permutations;
  go.seed = o.seed;
  go.threads = o.threads;
  const GiStarResult g = gi_star(x, w, go, &progress);
  for (const std::string& s : g.warnings) warnings.push_back(s);
  const bool fdr = !o.no_fdr;
  const std::vector<int> bins = confidence_bins(g.z, g.p, fdr);
  const BinThresholds th = bin_thresholds(g.p, fdr);

  // Output layer.
  const std::string driver = vector_driver_for(o.output_path);
  const bool shp = driver == "ESRI Shapefile";
  VectorLayer layer;
  layer.name = "hotspots";
  layer.kind = GeometryKind::kPolygon;
  std::string value_field;
  switch (value.kind) {
    case UnitValueKind::kCount: value_field = "Join_Count"; break;
    case UnitValueKind::kSum: value_field = shp ? shapefile_safe(value.field) : value.field; break;
    case UnitValueKind::kRate: value_field = "RATE"; break;
  }
  layer.fields.push_back({"SOURCE_ID", FieldType::kInteger});
  if (zones_mode) layer.fields.push_back({shp ? shapefile_safe(o.zone_id_field.empty() ? "ZONE_ID" : o.zone_id_field)
                                              : (o.zone_id_field.empty() ? "ZONE_ID" : o.zone_id_field),
                                          FieldType::kString});
  layer.fields.push_back({value_field, value.kind == UnitValueKind::kCount && weights_pt.empty() ? FieldType::kInteger : FieldType::kReal});
  if (value.kind == UnitValueKind::kRate) {
    layer.fields.push_back({"RATE_NUM", FieldType::kReal});
    layer.fields.push_back({"RATE_DEN", FieldType::kReal});
  }
  for (const char* f : {"GiZScore", "GiPValue"}) layer.fields.push_back({f, FieldType::kReal});
  layer.fields.push_back({"Gi_Bin", FieldType::kInteger});
  layer.fields.push_back({"NNeighbors", FieldType::kInteger});
  if (o.permutations > 0) layer.fields.push_back({"GiPseudoP", FieldType::kReal});
  const bool written_all = zones_mode || o.ingest.study_area_path.empty();
  layer.features.reserve(n_cells);
  std::map<int, int64_t> bin_counts;
  for (size_t c = 0; c < n_cells; ++c) {
    const int64_t u = unit_of_cell[c];
    // Grid cells outside the study area are not written; undefined-rate units are, with null results.
    if (!written_all && u < 0 && std::isfinite(cell_values[c])) continue;
    VectorFeature f;
    if (zones_mode) f.geometry = WktGeometry{zones->wkt(c)};
    else if (grid->shape() == UnitShape::kSquare) {
      const auto ring = grid->polygon(static_cast<int64_t>(c));
      f.geometry = BoxGeometry{Extent{ring[0].first, ring[0].second, ring[2].first, ring[2].second}};
    } else f.geometry = WktGeometry{box_wkt(grid->polygon(static_cast<int64_t>(c)))};
    f.values.push_back(static_cast<int64_t>(zones_mode ? c + 1 : c));
    if (zones_mode) f.values.push_back(zones->zone(c).id);
    if (value.kind == UnitValueKind::kCount && weights_pt.empty()) f.values.push_back(static_cast<int64_t>(agg.count[c]));
    else f.values.push_back(cell_values[c]);
    if (value.kind == UnitValueKind::kRate) {
      f.values.push_back(agg.numerator[c]);
      f.values.push_back(agg.denominator[c]);
    }
    if (u >= 0) {
      const size_t k = static_cast<size_t>(u);
      f.values.push_back(g.z[k]);
      f.values.push_back(g.p[k]);
      f.values.push_back(static_cast<int64_t>(bins[k]));
      f.values.push_back(static_cast<int64_t>(g.n_neighbors[k]));
      if (o.permutations > 0) f.values.push_back(g.pseudo_p[k]);
      ++bin_counts[bins[k]];
    } else {
      const size_t nulls = 4 + (o.permutations > 0 ? 1 : 0);
      for (size_t k = 0; k < nulls; ++k) f.values.push_back(std::monostate{});
    }
    layer.features.push_back(std::move(f));
  }
  VectorWriteOptions vo;
  vo.path = o.output_path;
  vo.overwrite = o.overwrite;
  vo.qml_style = gi_bin_qml("Gi_Bin", zones_mode);
  write_vector(layer, crs, vo);

  // Report.
  out << "units:     " << n << " analysed";
  if (zones_mode) out << " zones from " << o.zones_path;
  else
    out << " of " << n_cells << " " << (o.hex ? "hexagons" : "fishnet cells") << " (" << grid->ncols() << " cols x "
        << grid->nrows() << " rows, " << Length::parse(o.cell_size).to_string() << ")";
  out << "; " << agg.points_in << " incidents in units, " << outside << " in none\n";
  out << "value:     " << o.value << " (mean " << g.mean << ", s.d. " << g.sd << ")\n";
  out << "weights:   " << to_string(ws.scheme);
  if (ws.scheme == WeightScheme::kKNearest) out << " (k = " << ws.k << ")";
  if (ws.scheme == WeightScheme::kInverseDistance) out << " (power " << ws.power << ")";
  if (!band_note.empty())
    out << ", band " << std::setprecision(10) << wo.band_crs << " " << unit_name << " (" << band_note << ")"
        << std::setprecision(6);
  out << "; neighbours per unit (self excluded) min " << ns.min << ", mean " << std::fixed << std::setprecision(2)
      << ns.mean << std::defaultfloat << std::setprecision(6) << ", max " << ns.max << "\n";
  out << "bins:      " << (fdr ? "FDR-corrected (Benjamini-Hochberg)" : "no FDR correction") << ", critical p 90% "
      << th.p90 << ", 95% " << th.p95 << ", 99% " << th.p99 << "\n";
  out << "           ";
  for (int b = -3; b <= 3; ++b) out << (b > 0 ? "+" : "") << b << ": " << bin_counts[b] << (b < 3 ? "  " : "\n");
  if (o.permutations > 0)
    out << "permutations: " << o.permutations << " conditional, seed " << o.seed << " (GiPseudoP = 2(M+1)/(R+1))\n";
  out << "output:    " << o.output_path << " (" << layer.features.size() << " features, style "
      << std::filesystem::path(o.output_path).replace_extension(".qml").string() << ")\n";
  for (const std::string& s : warnings) {
    out << "warning:   " << s << "\n";
    err << "warning: " << s << "\n";
  }
  return kExitOk;
}

void register_gistar(CLI::App& app, CommandAction& action) {
  auto opts = std::make_shared<GistarOptions>();
  CLI::App* sub = app.add_subcommand("gistar", "Getis-Ord Gi* hot spots on a fishnet, hexagons or polygon zones");
  sub->footer(
      "Matches ArcGIS Pro's Hot Spot Analysis and R spdep's localG (include.self, style B).\n"
      "Examples:\n"
      "  hotspot gistar incidents.csv --cell-size 1000ft --band 3000ft -o hotspots.geojson\n"
      "  hotspot gistar incidents.csv --hex --cell-size 500m -o hex.gpkg --permutations 999 --seed 1\n"
      "  hotspot gistar incidents.csv --zones npa.geojson --zone-id id --weights contiguity-edges -o npa.shp\n"
      "  hotspot gistar stops.csv --cell-size 2000ft --value rate:SEARCHED/STOPPED -o rate.gpkg");
  add_ingest_flags(*sub, opts->ingest);
  sub->add_option("-o,--output", opts->output_path, "Output: .geojson (WGS 84), .shp or .gpkg; a .qml style goes beside it")
      ->required();
  sub->add_flag("--overwrite", opts->overwrite, "Replace existing output files");
  sub->add_option("--cell-size", opts->cell_size, "Fishnet cell side or hexagon spacing with units, e.g. 1000ft, 300m");
  sub->add_flag("--hex", opts->hex, "Hexagons instead of square cells (spacing = distance between neighbouring centres)");
  sub->add_option("--extent", opts->extent, "Grid extent xmin,ymin,xmax,ymax in analysis CRS units (default: study area or data)");
  sub->add_option("--zones", opts->zones_path, "Polygon layer whose zones are the analysis units");
  sub->add_option("--zones-layer", opts->zones_layer, "Layer of the zones source (default: the first)");
  sub->add_option("--zone-id", opts->zone_id_field, "Zone id field (default: feature id)");
  sub->add_option("--value", opts->value, "count, sum:FIELD or rate:NUMERATOR/DENOMINATOR")->capture_default_str();
  sub->add_option("--weights", opts->weights,
                  "band, idw1, idw2, knn:K, indifference, contiguity-edges or contiguity-corners")
      ->capture_default_str();
  sub->add_option("--band", opts->band,
                  "Distance band (band, indifference) or cutoff (idw) with units; default: the smallest giving every unit "
                  "a neighbour");
  sub->add_option("--permutations", opts->permutations, "Conditional permutations for GiPseudoP (e.g. 999); 0 = none")
      ->capture_default_str();
  sub->add_option("--seed", opts->seed, "Random seed for permutations")->capture_default_str();
  sub->add_flag("--no-fdr", opts->no_fdr, "Gi_Bin without the false discovery rate correction");
  sub->add_option("--threads", opts->threads, "Worker threads (0 = all cores)")->capture_default_str();
  sub->callback([opts, &action]() { action = [opts]() { return run_gistar(*opts, std::cout, std::cerr); }; });
}

}  // namespace hotspot::cli
