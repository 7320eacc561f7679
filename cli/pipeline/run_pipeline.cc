#include "cli/pipeline/run_pipeline.h"

#include "cli/pipeline/gistar_stage.h"
#include "cli/pipeline/ingest_stage.h"
#include "cli/pipeline/kde_stage.h"

#include "engine/core/text.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "engine/hotspot/analysis_units.h"
#include "engine/report/area_report.h"
#include "engine/hotspot/fdr.h"
#include "engine/hotspot/gistar.h"
#include "engine/hotspot/grid_clusters.h"
#include "engine/density/kde.h"
#include "engine/density/kde_grid.h"
#include "engine/density/kde_radius.h"
#include "engine/hotspot/spatial_weights.h"
#include "engine/core/timestamp.h"
#include "geo/gdal/box_union.h"
#include "geo/gdal/cell_mask.h"
#include "geo/geocode/geocoder.h"
#include "geo/write/geotiff_writer.h"
#include "geo/map/gistar_styles.h"
#include "geo/map/density_image.h"
#include "geo/write/hot_zones.h"
#include "geo/map/map_html.h"
#include "geo/map/map_spec.h"
#include "geo/map/png_preview.h"
#include "geo/map/qgis_styles.h"
#include "geo/map/vector_tiles.h"
#include "geo/read/ingest.h"
#include "geo/read/priority_areas.h"
#include "geo/write/vector_writer.h"
#include "geo/read/zone_units.h"
#include "geo/read/zones.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

constexpr double kSqMileM2 = 1609.344 * 1609.344;


std::string fmt(double v, int decimals) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(decimals) << v;
  return os.str();
}

// The time written into reports: SOURCE_DATE_EPOCH when set (reproducible outputs), else now.
std::string generated_utc() {
  std::time_t t = std::time(nullptr);
  if (const char* s = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::atoll(s));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

struct StageTimer {
  std::ostream& log;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::string name;
  StageTimer(std::ostream& l, std::string n) : log(l), name(std::move(n)) {}
  void done(const std::string& what) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    log << "[" << name << "] " << what << " (" << fmt(s, 2) << " s)\n" << std::flush;
  }
};

std::optional<ZoneLayer> load_zone_ref(const ZoneRef& ref, const Crs& crs, std::vector<std::string>& notes,
                                       const std::string& label) {
  if (ref.path.empty()) return std::nullopt;
  ZoneLayerOptions zo;
  zo.path = ref.path;
  zo.id_field = ref.id_field;
  zo.name_field = ref.name_field;
  std::vector<std::string> w;
  ZoneLayer z = ZoneLayer::load(zo, crs, &w);
  for (const std::string& s : w) notes.push_back(label + ": " + s);
  return z;
}

std::string zone_name_at(const std::optional<ZoneLayer>& zones, double x, double y) {
  if (!zones) return "";
  const int i = zones->locate(x, y);
  return i < 0 ? "(none)" : zones->zone(static_cast<size_t>(i)).name;
}

}  // namespace

PipelineResult run_pipeline(const RunConfig& cfg, const std::string& folder, Progress* progress, std::ostream& log) {
  PipelineResult result;
  RunReport& report = result.report;
  report.title = cfg.title;
  report.generated_utc = generated_utc();
  report.input_path = cfg.input.input_path;
  report.violent_categories = cfg.report.violent_categories;
  report.start_year = cfg.report.start_year;
  auto out_path = [&](const std::string& name) {
    result.outputs.push_back(name);
    return (fs::path(folder) / name).string();
  };

  const bool need_geocoder = cfg.geocode.enabled || !cfg.priority_areas.file.empty() || !cfg.geocode.intersections.empty();
  if (need_geocoder && cfg.input.analysis_crs.empty())
    throw ConfigError(cfg.config_path + ": input.analysis_crs: needed when geocoding or placing priority areas by "
                      "intersection (e.g. \"EPSG:2264\" for Charlotte)");

  // ---- Geocoder (reference data) and ingest.
  std::optional<Geocoder> geocoder;
  if (need_geocoder) {
    StageTimer st(log, "geocoder");
    GeocoderOptions go;
    go.min_score = cfg.geocode.min_score;
    go.hundreds_are_blocks = true;  // police hundred-block addresses ("7900 NATIONS FORD RD")
    geocoder.emplace(Crs::from_user_input(cfg.input.analysis_crs), go);
    std::string loaded;
    if (!cfg.geocode.intersections.empty()) {
      ReferenceSource rs;
      rs.kind = ReferenceKind::kIntersections;
      rs.path = cfg.geocode.intersections;
      if (!cfg.geocode.intersections_name_column.empty()) rs.fields["intersection"] = cfg.geocode.intersections_name_column;
      loaded += geocoder->load(rs).summary();
    }
    if (cfg.geocode.enabled && cfg.geocode.learn_blocks) {
      ReferenceSource rs;
      rs.kind = ReferenceKind::kGazetteer;
      rs.path = cfg.input.input_path;
      rs.layer = cfg.input.layer;
      rs.source_crs = cfg.input.source_crs;
      rs.x_column = cfg.input.x_column;
      rs.y_column = cfg.input.y_column;
      rs.fields["location"] = cfg.geocode.address_column;
      loaded += std::string(loaded.empty() ? "" : "; ") + geocoder->load(rs).summary();
    }
    geocoder->finalize();
    st.done(loaded.empty() ? "no reference loaded" : loaded);
  }
  std::optional<GeocodingResolver> resolver;
  if (cfg.geocode.enabled) resolver.emplace(*geocoder, std::vector<std::string>{cfg.geocode.address_column});

  Outputs outputs = Outputs::in_folder(folder);
  Context ctx;
  ctx.threads = cfg.threads;
  ctx.progress = progress;
  ctx.log = &log;
  IngestStage::Options io;
  io.ingest = cfg.input;
  IngestStage ingest_stage(io, resolver ? &*resolver : nullptr);
  KdeStage kde_stage(cfg.kde.options);
  GistarStage gistar_stage(cfg.gistar.options);
  std::vector<Stage*> stages{&ingest_stage};
  if (cfg.kde.enabled) stages.push_back(&kde_stage);
  if (cfg.gistar.enabled) stages.push_back(&gistar_stage);
  run_stages(stages, ctx, outputs);
  const IngestResult& in = ctx.records();
  report.accounting = in.accounting;
  if (resolver) {
    int64_t placed = 0, tried = 0;
    for (const auto& [type, n] : resolver->counts()) {
      tried += n;
      if (type != "none") placed += n;
    }
    if (tried > 0) {
      const double rate = 100.0 * static_cast<double>(placed) / static_cast<double>(tried);
      report.notes.push_back(std::to_string(tried) + " records had no coordinates; " + std::to_string(placed) +
                             " were placed from their " + cfg.geocode.address_column + " (" + fmt(rate, 1) + "%)" +
                             (rate < 85.0 ? ": below 85%, the rate below which crime maps mislead" : ""));
    }
  }
  const Crs& acrs = *in.analysis_crs;
  const double unit_m = acrs.linear_unit_m();
  report.crs_unit_m = unit_m;
  report.crs_description = acrs.describe();
  if (in.min_time_ms && in.max_time_ms) report.date_range = format_date(*in.min_time_ms) + " .. " + format_date(*in.max_time_ms);

  // ---- Study area and context layers.
  const ZoneLayer* study = ctx.study_area();
  std::optional<ZoneLayer> city;
  if (!cfg.context.city_limits.empty()) {
    ZoneLayerOptions zo;
    zo.path = cfg.context.city_limits;
    std::vector<std::string> w;
    city.emplace(ZoneLayer::load(zo, acrs, &w));
  }
  double city_area = 0.0;
  if (const ZoneLayer* c = city ? &*city : study) {
    for (const Zone& z : c->zones()) city_area += z.area;
  }
  report.city_area_sq_mi = city_area * unit_m * unit_m / kSqMileM2;
  std::optional<ZoneLayer> divisions = load_zone_ref(cfg.context.divisions, acrs, report.notes, "divisions");
  std::optional<ZoneLayer> neighborhoods = load_zone_ref(cfg.context.neighborhoods, acrs, report.notes, "neighbourhoods");

  // ---- Kernel density and Gi* ran as stages above; the report takes their results.
  const Raster* density = nullptr;
  if (ctx.density) {
    density = &ctx.density->raster;
    report.density_unit_label = ctx.density->unit_label;
    report.kde_description = ctx.density->description;
  }
  static const GistarOutcome kNoGistar;
  const GistarOutcome& gs = ctx.gistar ? *ctx.gistar : kNoGistar;
  const std::optional<AnalysisGrid>& agrid = gs.grid;
  const std::vector<int64_t>& unit_of_cell = gs.unit_of_cell;
  const std::vector<double>& cell_counts = gs.cell_counts;
  const std::vector<int>& bins = gs.bins;
  const GiStarResult* gi = &gs.gi;
  report.gistar_description = gs.description;
  for (const std::string& n : ctx.notes) report.notes.push_back(n);
  result.outputs = outputs.written_names();

  // ---- Priority areas and the report.
  std::vector<PriorityArea> areas;
  {
    StageTimer st(log, "priority areas");
    if (!cfg.priority_areas.file.empty()) {
      areas = place_priority_areas(read_priority_area_file(cfg.priority_areas.file), *geocoder,
                                   cfg.priority_areas.default_radius, cfg.priority_areas.file);
    } else if (!cfg.priority_areas.polygons.empty()) {
      areas = load_priority_polygons(cfg.priority_areas.polygons, cfg.priority_areas.polygons_id_field,
                                     cfg.priority_areas.polygons_name_field, acrs, &report.notes);
    }
    std::set<std::string> violent;
    for (const std::string& c : cfg.report.violent_categories) violent.insert(lower(c));
    std::vector<ReportIncident> incidents;
    incidents.reserve(in.records.size());
    for (const IngestedRecord& r : in.records) {
      ReportIncident ri;
      ri.x = r.point.x;
      ri.y = r.point.y;
      if (r.time_ms) ri.year = year_of_ms(*r.time_ms);
      ri.category = r.category;
      ri.violent = violent.count(lower(r.category)) > 0;
      incidents.push_back(std::move(ri));
    }
    AreaReportOptions ao;
    ao.start_year = cfg.report.start_year;
    ao.top_categories = cfg.report.top_categories;
    ao.city_area_sq_crs = city_area;
    std::optional<GiGrid> gigrid;
    if (agrid && agrid->shape() == UnitShape::kSquare) {
      gigrid.emplace();
      gigrid->spec = agrid->spec();
      gigrid->bins = gs.cell_bins(GiGrid::kNotAnalysed);
    } else if (agrid) {
      report.notes.push_back("Gi* hot cells inside priority areas are counted on fishnets only (hexagons were used)");
    }
    const Raster* dptr = density;
    const GiGrid* gptr = gigrid ? &*gigrid : nullptr;
    report.city = city_figures(incidents, dptr, gptr, ao);
    const Extent data_ext = in.extent;
    for (const PriorityArea& a : areas) {
      ReportArea ra{a.id, a.name, a.area_sq_crs, a.contains};
      report.area_figures.push_back(area_figures(ra, incidents, dptr, gptr, ao, &report.city));
      PriorityAreaInfo info;
      info.id = a.id;
      info.name = a.name;
      info.intersection = a.intersection;
      info.placed_by = a.placed_by;
      info.radius_mi = a.radius_crs * unit_m / 1609.344;
      info.area_sq_mi = a.area_sq_crs * unit_m * unit_m / kSqMileM2;
      info.lon = a.lon;
      info.lat = a.lat;
      info.overlaps = a.overlaps;
      info.outside_data_extent = !data_ext.grown(a.radius_crs).contains(a.cx, a.cy);
      if (info.outside_data_extent) report.notes.push_back("priority area '" + a.name + "' lies outside the extent of the data");
      if (!a.overlaps.empty())
        report.notes.push_back("priority area '" + a.name + "' overlaps another area; incidents there are counted in each");
      report.areas.push_back(std::move(info));
    }
    if (!areas.empty()) {
      VectorLayer layer;
      layer.name = "priority_areas";
      layer.kind = GeometryKind::kPolygon;
      layer.fields = {{"AREA_ID", FieldType::kString},   {"NAME", FieldType::kString},     {"INTERSECT", FieldType::kString},
                      {"RADIUS_MI", FieldType::kReal},   {"AREA_SQMI", FieldType::kReal},  {"INCIDENTS", FieldType::kInteger},
                      {"VIOLENT", FieldType::kInteger},  {"SHARE_INC", FieldType::kReal},  {"CONC_RATIO", FieldType::kReal},
                      {"MEAN_DENS", FieldType::kReal},   {"PEAK_DENS", FieldType::kReal},  {"HOT95", FieldType::kInteger},
                      {"CHANGE_PCT", FieldType::kReal}};
      for (size_t i = 0; i < areas.size(); ++i) {
        const AreaFigures& f = report.area_figures[i];
        const PriorityAreaInfo& info = report.areas[i];
        layer.features.push_back({WktGeometry{areas[i].wkt},
                                  {info.id, info.name, info.intersection, info.radius_mi, info.area_sq_mi, f.incidents,
                                   f.violent, f.share_of_incidents, f.concentration_ratio, f.mean_density, f.peak_density,
                                   f.hot_cells_95, f.change_pct}});
      }
      for (const std::string name : {"priority_areas.geojson", "priority_areas.shp"}) {
        VectorWriteOptions vo;
        vo.path = out_path(name);
        if (name.ends_with(".shp"))  // one priority_areas.qml serves both files
          vo.qml_style = vector_layer_qml(default_map_layer(MapLayerKind::kPriorityAreas, "Priority areas").style, GeometryKind::kPolygon);
        write_vector(layer, acrs, vo);
      }
    }
    st.done(std::to_string(areas.size()) + " areas");
  }

  // ---- Hot spots outside every priority area.
  if (agrid && agrid->shape() == UnitShape::kSquare) {
    StageTimer st(log, "uncovered hotspots");
    const GridSpec spec = agrid->spec();
    std::vector<bool> flagged(agrid->size(), false);
    for (size_t c = 0; c < unit_of_cell.size(); ++c) {
      if (unit_of_cell[c] < 0 || bins[static_cast<size_t>(unit_of_cell[c])] < 2) continue;
      const Point p = agrid->centroid(static_cast<int64_t>(c));
      bool inside = false;
      for (const PriorityArea& a : areas) inside = inside || a.contains(p.x, p.y);
      flagged[c] = !inside;
    }
    const auto clusters = find_grid_clusters(flagged, spec.nrows, spec.ncols);
    struct Built {
      HotspotClusterFigures fig;
      std::string wkt;
      int64_t first_cell;
    };
    std::vector<Built> built;
    for (const GridCluster& cl : clusters) {
      Built b;
      b.first_cell = cl.cells.front();
      std::vector<Extent> boxes;
      double best_z = -1e300;
      Point hottest;
      for (int64_t c : cl.cells) {
        b.fig.incidents += static_cast<int64_t>(std::llround(cell_counts[static_cast<size_t>(c)]));
        const double z = gi->z[static_cast<size_t>(unit_of_cell[static_cast<size_t>(c)])];
        const Point p = agrid->centroid(c);
        if (z > best_z) {
          best_z = z;
          hottest = p;
        }
        boxes.push_back({p.x - spec.cell_size / 2, p.y - spec.cell_size / 2, p.x + spec.cell_size / 2, p.y + spec.cell_size / 2});
      }
      b.fig.cells = static_cast<int64_t>(cl.cells.size());
      b.fig.area_sq_mi = static_cast<double>(cl.cells.size()) * spec.cell_area() * unit_m * unit_m / kSqMileM2;
      b.fig.max_z = best_z;
      if (geocoder) {
        if (auto ni = geocoder->nearest_intersection(hottest.x, hottest.y)) {
          b.fig.nearest_intersection = ni->name;
          b.fig.intersection_distance_ft = ni->distance_crs * unit_m / 0.3048;
        }
        geocoder->to_lonlat(hottest.x, hottest.y, b.fig.lon, b.fig.lat);
      }
      b.fig.division = zone_name_at(divisions, hottest.x, hottest.y);
      b.fig.neighborhood = zone_name_at(neighborhoods, hottest.x, hottest.y);
      b.wkt = union_of_boxes_wkt(boxes);
      built.push_back(std::move(b));
    }
    std::sort(built.begin(), built.end(), [](const Built& a, const Built& b) {
      if (a.fig.incidents != b.fig.incidents) return a.fig.incidents > b.fig.incidents;
      if (a.fig.max_z != b.fig.max_z) return a.fig.max_z > b.fig.max_z;
      return a.first_cell < b.first_cell;
    });
    VectorLayer layer;
    layer.name = "hotspot_clusters";
    layer.kind = GeometryKind::kPolygon;
    layer.fields = {{"RANK", FieldType::kInteger},    {"INCIDENTS", FieldType::kInteger}, {"CELLS", FieldType::kInteger},
                    {"AREA_SQMI", FieldType::kReal},  {"MAX_Z", FieldType::kReal},        {"NEAR_INT", FieldType::kString},
                    {"NEAR_FT", FieldType::kReal},    {"DIVISION", FieldType::kString},   {"NPA", FieldType::kString}};
    for (size_t i = 0; i < built.size(); ++i) {
      built[i].fig.rank = static_cast<int>(i + 1);
      const HotspotClusterFigures& f = built[i].fig;
      layer.features.push_back({WktGeometry{built[i].wkt},
                                {static_cast<int64_t>(f.rank), f.incidents, f.cells, f.area_sq_mi, f.max_z,
                                 f.nearest_intersection, f.intersection_distance_ft, f.division, f.neighborhood}});
      report.clusters.push_back(f);
    }
    for (const std::string name : {"hotspot_clusters.geojson", "hotspot_clusters.shp"}) {
      VectorWriteOptions vo;
      vo.path = out_path(name);
      if (name.ends_with(".shp"))
        vo.qml_style = vector_layer_qml(default_map_layer(MapLayerKind::kHotspotClusters, "Hot spots").style, GeometryKind::kPolygon);
      write_vector(layer, acrs, vo);
    }
    st.done(std::to_string(built.size()) + " clusters of hot cells outside the priority areas");
  }

  // ---- Maps: the offline HTML map, a PNG preview for the report, QGIS styles and project, dashboard tiles.
  if (cfg.map.enabled) {
    StageTimer st(log, "maps");
    const auto in_folder = [&](const std::string& name) { return (fs::path(folder) / name).string(); };
    auto has = [&](const std::string& name) {
      return std::find(result.outputs.begin(), result.outputs.end(), name) != result.outputs.end();
    };
    MapSpec spec;
    spec.title = cfg.title;
    if (!report.date_range.empty()) spec.notes.push_back("Incidents reported " + report.date_range + ", " +
                                                          std::to_string(in.accounting.accepted()) + " used");
    if (!report.kde_description.empty()) spec.notes.push_back("Density: " + report.kde_description);
    if (!report.gistar_description.empty()) spec.notes.push_back("Gi*: " + report.gistar_description);
    spec.basemap_url = cfg.map.basemap_url;
    if (has("density.tif"))
      spec.overlays.push_back(default_density_overlay(in_folder("density.tif"), report.density_unit_label));
    if (has("gistar_cells.geojson")) {
      MapLayer l = default_map_layer(MapLayerKind::kGiCells, "Gi* hot and cold spots");
      l.path = in_folder("gistar_cells.geojson");
      l.popup_fields = {{"Join_Count", "incidents in cell", "incidents", 0}, {"GiZScore", "Gi* z-score", "SD", 2},
                        {"GiPValue", "p-value", "", 4},                  {"Gi_Bin", "Gi_Bin", "", 0},
                        {"NNeighbors", "cells in band", "cells", 0}};
      if (cfg.gistar.options.permutations > 0) l.popup_fields.push_back({"GiPseudoP", "pseudo p-value", "", 4});
      spec.layers.push_back(std::move(l));
    }
    if (has("priority_areas.geojson")) {
      MapLayer l = default_map_layer(MapLayerKind::kPriorityAreas, "Priority areas");
      l.path = in_folder("priority_areas.geojson");
      l.popup_fields = {{"NAME", "area", "", -1},
                        {"INCIDENTS", "incidents", "incidents", 0},
                        {"VIOLENT", "violent incidents", "incidents", 0},
                        {"SHARE_INC", "share of city incidents", "(0-1)", 4},
                        {"CONC_RATIO", "concentration ratio", "x", 1},
                        {"MEAN_DENS", "mean density", report.density_unit_label, 1},
                        {"HOT95", "Gi* hot cells at 95%", "cells", 0},
                        {"CHANGE_PCT", "change per year from " + std::to_string(cfg.report.start_year), "%", 0}};
      spec.layers.push_back(std::move(l));
    } else {
      MapLayer l = default_map_layer(MapLayerKind::kPriorityAreas, "Priority areas");
      l.geojson = R"({"type":"FeatureCollection","features":[]})";
      l.empty_message = "No priority areas were given for this run";
      spec.layers.push_back(std::move(l));
    }
    if (has("hotspot_clusters.geojson")) {
      MapLayer l = default_map_layer(MapLayerKind::kHotspotClusters, "Hot spots outside priority areas");
      l.path = in_folder("hotspot_clusters.geojson");
      l.popup_fields = {{"RANK", "rank", "", 0},        {"INCIDENTS", "incidents", "incidents", 0},
                        {"AREA_SQMI", "area", "sq mi", 2}, {"MAX_Z", "highest Gi* z", "SD", 2},
                        {"NEAR_INT", "near", "", -1},     {"NEAR_FT", "distance to it", "ft", 0},
                        {"DIVISION", "patrol division", "", -1}, {"NPA", "neighbourhood profile area", "", -1}};
      l.empty_message = "No significant hot spot lies outside the priority areas";
      spec.layers.push_back(std::move(l));
    }
    if (!cfg.context.city_limits.empty()) {
      MapLayer l = default_map_layer(MapLayerKind::kContext, "City limits");
      l.path = cfg.context.city_limits;
      l.style.stroke_color = "#333333";
      l.style.stroke_width_px = 2.0;
      spec.layers.push_back(std::move(l));
    }
    if (!cfg.context.divisions.path.empty()) {
      MapLayer l = default_map_layer(MapLayerKind::kContext, "Patrol divisions");
      l.path = cfg.context.divisions.path;
      l.style.stroke_color = "#6a6a6a";
      l.style.stroke_width_px = 1.0;
      l.style.dash_array = "4 3";
      if (!cfg.context.divisions.name_field.empty()) l.popup_fields = {{cfg.context.divisions.name_field, "division", "", -1}};
      l.simplify_m = 5.0;
      spec.layers.push_back(std::move(l));
    }
    MapHtmlOptions mo;
    mo.path = out_path("map.html");
    write_map_html(spec, mo);
    PngPreviewOptions po;
    po.path = out_path("map_preview.png");
    write_png_preview(spec, po);
    report.preview_image = "map_preview.png";
    if (has("density.tif")) {
      const std::string qml = density_raster_qml(resolve_density_range(in_folder("density.tif")), report.density_unit_label);
      result.outputs.push_back(fs::path(write_qml_sidecar(in_folder("density.tif"), qml, false)).filename().string());
    }
    QgsProjectOptions qo;
    qo.path = out_path("hotspot.qgs");
    qo.title = cfg.title;
    write_qgis_project(qgis_layers_for(spec), qo);
    std::vector<TileLayer> tiles;
    if (has("gistar_cells.geojson")) tiles.push_back({"gistar_cells", in_folder("gistar_cells.geojson"), "", "", -1, -1});
    if (has("priority_areas.geojson")) tiles.push_back({"priority_areas", in_folder("priority_areas.geojson"), "", "", -1, -1});
    if (!tiles.empty()) {
      VectorTileOptions vt;
      vt.path = out_path("tiles.mbtiles");
      vt.min_zoom = cfg.map.min_zoom;
      vt.max_zoom = cfg.map.max_zoom;
      vt.name = "hotspot";
      vt.description = cfg.title;
      write_vector_tiles(tiles, vt);
    }
    st.done("map.html, map_preview.png, hotspot.qgs" + std::string(tiles.empty() ? "" : ", tiles.mbtiles"));
  }

  // ---- The report.
  auto write_text = [&](const std::string& name, const std::string& text) {
    std::ofstream f(out_path(name), std::ios::binary);
    f << text;
    if (!f) throw std::runtime_error(name + ": write failed");
  };
  write_text("report.md", report_markdown(report));
  write_text("report.csv", report_csv(report));
  write_text("report.json", report_json(report));
  return result;
}

}  // namespace hotspot::cli
