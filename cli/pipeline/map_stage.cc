#include "cli/pipeline/map_stage.h"

#include "engine/core/timestamp.h"
#include "geo/map/density_image.h"
#include "geo/map/gistar_styles.h"
#include "geo/map/map_html.h"
#include "geo/map/map_spec.h"
#include "geo/map/png_preview.h"
#include "geo/map/qgis_styles.h"
#include "geo/map/vector_tiles.h"
#include "geo/write/layer_copy.h"

#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "cli/pipeline/errors.h"
#include "cli/pipeline/privacy_points_stage.h"
#include "engine/spacetime/emerging_pattern.h"
#include "geo/write/emerging_layer.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

MapLayer gi_cells_layer(const std::string& path, const Context& ctx) {
  MapLayer l = default_map_layer(MapLayerKind::kGiCells, "Gi* hot and cold spots");
  l.path = path;
  l.popup_fields = {{"Join_Count", "incidents in cell", "incidents", 0}, {"GiZScore", "Gi* z-score", "SD", 2},
                    {"GiPValue", "p-value", "", 4},                   {"Gi_Bin", "Gi_Bin", "", 0},
                    {"NNeighbors", "cells in band", "cells", 0}};
  if (!ctx.gistar->gi.pseudo_p.empty()) l.popup_fields.push_back({"GiPseudoP", "pseudo p-value", "", 4});
  return l;
}

// The emerging hot spot cells of a run, coloured by CATEGORY with the palette of their .qml; off until switched on.
MapLayer emerging_map_layer(const std::string& path) {
  MapLayer l = default_map_layer(MapLayerKind::kOther, "Emerging hot spots");
  l.path = path;
  l.style.category_field = "CATEGORY";
  l.style.stroke_width_px = 0;
  l.style.fill_opacity = 0.75;
  for (const auto& [code, colour] : emerging_palette())
    l.style.categories.push_back({std::to_string(code), colour, pattern_name(static_cast<EmergingPattern>(code))});
  l.popup_fields = {{"PATTERN", "pattern", "", -1},       {"TREND_Z", "Gi* trend z", "", 2},
                    {"TREND_P", "trend p-value", "", 4},   {"HOT_STEPS", "hot steps", "", 0},
                    {"COLD_STEPS", "cold steps", "", 0},   {"SUM_COUNT", "incidents", "incidents", 0}};
  l.visible = false;
  return l;
}

MapLayer priority_areas_layer(const std::string& path, const Context& ctx, int start_year) {
  MapLayer l = default_map_layer(MapLayerKind::kPriorityAreas, "Priority areas");
  if (path.empty()) {
    l.geojson = R"({"type":"FeatureCollection","features":[]})";
    l.empty_message = "No priority areas were given for this run";
    return l;
  }
  const std::string density_unit = ctx.density ? ctx.density->unit_label : "";
  l.path = path;
  l.popup_fields = {{"NAME", "area", "", -1},
                    {"INCIDENTS", "incidents", "incidents", 0},
                    {"VIOLENT", "violent incidents", "incidents", 0},
                    {"SHARE_INC", "share of city incidents", "(0-1)", 4},
                    {"CONC_RATIO", "concentration ratio", "x", 1},
                    {"MEAN_DENS", "mean density", density_unit, 1},
                    {"HOT95", "Gi* hot cells at 95%", "cells", 0},
                    {"CHANGE_PCT", "change per year from " + std::to_string(start_year), "%", 0}};
  return l;
}

MapLayer clusters_layer(const std::string& path) {
  MapLayer l = default_map_layer(MapLayerKind::kHotspotClusters, "Hot spots outside priority areas");
  l.path = path;
  l.popup_fields = {{"RANK", "rank", "", 0},          {"INCIDENTS", "incidents", "incidents", 0},
                    {"AREA_SQMI", "area", "sq mi", 2}, {"MAX_Z", "highest Gi* z", "SD", 2},
                    {"NEAR_INT", "near", "", -1},      {"NEAR_FT", "distance to it", "ft", 0},
                    {"DIVISION", "patrol division", "", -1}, {"NPA", "neighbourhood profile area", "", -1}};
  l.empty_message = "No significant hot spot lies outside the priority areas";
  return l;
}

// The public profile's generalised incidents (cli/pipeline/privacy_points_stage.h).
MapLayer public_points_layer(const std::string& path, const PrivacyOptions& privacy) {
  const bool blocks = privacy.points == PrivacyOptions::Points::hundred_block;
  MapLayer l = default_map_layer(MapLayerKind::kPoints, blocks ? "Incidents (hundred blocks)" : "Incidents (masked)");
  l.path = path;
  if (blocks) l.popup_fields = {{"INCIDENTS", "incidents at this block", "incidents", 0}};
  return l;
}

void add_boundary_layers(const BoundariesStage::Options& b, MapSpec& spec) {
  if (!b.city_limits.empty()) {
    MapLayer l = default_map_layer(MapLayerKind::kContext, "City limits");
    l.path = b.city_limits;
    l.style.stroke_color = "#333333";
    l.style.stroke_width_px = 2.0;
    spec.layers.push_back(std::move(l));
  }
  if (!b.divisions.path.empty()) {
    MapLayer l = default_map_layer(MapLayerKind::kContext, "Patrol divisions");
    l.path = b.divisions.path;
    l.style.stroke_color = "#6a6a6a";
    l.style.stroke_width_px = 1.0;
    l.style.dash_array = "4 3";
    if (!b.divisions.name_field.empty()) l.popup_fields = {{b.divisions.name_field, "division", "", -1}};
    l.simplify_m = 5.0;
    spec.layers.push_back(std::move(l));
  }
}

std::vector<std::string> map_notes(const Context& ctx) {
  std::vector<std::string> notes;
  const IngestResult& in = ctx.records();
  if (in.min_time_ms && in.max_time_ms)
    notes.push_back("Incidents reported " + format_date(*in.min_time_ms) + " .. " + format_date(*in.max_time_ms) + ", " +
                    std::to_string(in.accounting.accepted()) + " used");
  if (ctx.density && !ctx.density->description.empty()) notes.push_back("Density: " + ctx.density->description);
  if (ctx.gistar && !ctx.gistar->description.empty()) notes.push_back("Gi*: " + ctx.gistar->description);
  return notes;
}

// A tile layer name from a layer's display name ("Gi* cells" -> "gi_cells").
std::string tile_name(const std::string& name) {
  std::string o;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) o += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!o.empty() && o.back() != '_') o += '_';
  }
  while (!o.empty() && o.back() == '_') o.pop_back();
  return o.empty() ? "layer" : o;
}

using FieldUnit = std::pair<std::string, std::string>;

FieldUnit parse_unit(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) throw std::invalid_argument("'" + text + "': expected FIELD=UNIT");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

// The unit given for `field` (the last one given wins); empty when none.
std::string unit_of(const std::vector<FieldUnit>& units, const std::string& field) {
  std::string unit;
  for (const auto& [f, u] : units)
    if (f == field) unit = u;
  return unit;
}

// The boundary layers of a run, copied into its folder (context_NAME.geojson) so that the folder, moved or shared,
// still opens with them in QGIS; the layers then point at the copies.
void copy_context_layers(Outputs& outputs, MapSpec& spec, size_t first) {
  for (size_t i = first; i < spec.layers.size(); ++i) {
    MapLayer& l = spec.layers[i];
    if (l.kind != MapLayerKind::kContext) continue;
    const std::string copy = outputs.path("", "context_" + tile_name(l.name) + ".geojson");
    copy_layer_as_geojson(l.path, copy);
    l.path = copy;
  }
}

// The run's own layers: density, Gi* cells, priority areas, clusters and the boundaries (copied into the folder).
void add_run_layers(const Context& ctx, Outputs& outputs, const MapStage::Options& o, MapSpec& spec) {
  const std::string density = outputs.find("density.tif");
  const std::string gi_cells = outputs.find("gistar_cells.geojson");
  const std::string clusters = outputs.find("hotspot_clusters.geojson");
  spec.notes = map_notes(ctx);
  const std::string density_unit = ctx.density ? ctx.density->unit_label : "";
  if (!density.empty()) spec.overlays.push_back(default_density_overlay(density, density_unit));
  if (!gi_cells.empty()) spec.layers.push_back(gi_cells_layer(gi_cells, ctx));
  if (const std::string e = outputs.find("emerging_hotspots.geojson"); !e.empty()) spec.layers.push_back(emerging_map_layer(e));
  spec.layers.push_back(priority_areas_layer(outputs.find("priority_areas.geojson"), ctx, o.start_year));
  if (!clusters.empty()) spec.layers.push_back(clusters_layer(clusters));
  if (const std::string points = outputs.find(kPublicPointsFile); !points.empty())
    spec.layers.push_back(public_points_layer(points, *ctx.privacy));
  const size_t boundaries = spec.layers.size();
  add_boundary_layers(o.boundaries, spec);
  copy_context_layers(outputs, spec, boundaries);
}

// The layers and rasters given in the options, drawn above the run's (or alone, for `hotspot map`).
void add_given_layers(const MapStage::Options& o, MapSpec& spec) {
  for (const std::string& r : o.rasters) {
    if (!fs::exists(r)) throw std::runtime_error(r + ": no such raster");
    RasterOverlay ov = default_density_overlay(r, o.raster_unit);
    if (o.rasters.size() > 1) ov.name = fs::path(r).stem().string();
    spec.overlays.push_back(ov);
  }
  for (MapLayer l : o.layers) {
    l.simplify_m = o.simplify_m;
    if (!o.units.empty())
      for (const std::string& f : map_layer_fields(l)) l.popup_fields.push_back({f, "", unit_of(o.units, f), -1});
    spec.layers.push_back(std::move(l));
  }
  spec.notes.insert(spec.notes.end(), o.notes.begin(), o.notes.end());
}

// The tiles: in a run the Gi* cells and the priority areas (fixed layer names); then every given non-context layer.
std::vector<TileLayer> tile_layers(const MapStage::Options& o, const Outputs& outputs) {
  std::vector<TileLayer> tiles;
  if (outputs.is_folder()) {
    if (const std::string p = outputs.find("gistar_cells.geojson"); !p.empty()) tiles.push_back({"gistar_cells", p, "", "", -1, -1});
    if (const std::string p = outputs.find("priority_areas.geojson"); !p.empty()) tiles.push_back({"priority_areas", p, "", "", -1, -1});
  }
  for (const MapLayer& l : o.layers)
    if (l.kind != MapLayerKind::kContext) tiles.push_back({tile_name(l.name), l.path, "", l.source_layer, -1, -1});
  return tiles;
}

// Where a map file goes: the run folder's fixed name, or the same name in `hotspot map`'s folder.
std::string map_file(const MapStage::Options& o, const Outputs& outputs, const std::string& name) {
  return outputs.is_folder() ? name : (fs::path(o.out_dir) / name).string();
}

// Writes the tiles (a run: tiles.mbtiles when it has a layer to tile; `hotspot map`: only with --tiles).
void write_tiles(const MapStage::Options& o, const std::string& title, Outputs& outputs, MapOutcome& m) {
  const std::vector<TileLayer> tiles = tile_layers(o, outputs);
  if (tiles.empty() || (!outputs.is_folder() && o.tiles.empty())) return;
  VectorTileOptions vt;
  vt.path = m.tiles_path = outputs.path(o.tiles, "tiles.mbtiles");
  vt.min_zoom = o.min_zoom;
  vt.max_zoom = o.max_zoom;
  vt.name = "hotspot";
  vt.description = title;
  vt.overwrite = outputs.overwrite_allowed();
  m.tile_count = write_vector_tiles(tiles, vt).tile_count;
  m.tile_layers = tiles.size();
}

}  // namespace

MapLayer parse_map_layer_spec(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw std::invalid_argument("'" + text + "': expected NAME=PATH[:kind]");
  const std::string name = text.substr(0, eq);
  std::string path = text.substr(eq + 1);
  MapLayerKind kind = MapLayerKind::kOther;
  const size_t colon = path.rfind(':');
  if (colon != std::string::npos && path.find('/', colon) == std::string::npos) {
    kind = parse_map_layer_kind(path.substr(colon + 1));  // throws listing the kinds
    path = path.substr(0, colon);
  }
  MapLayer l = default_map_layer(kind, name);
  l.path = path;
  return l;
}

void MapStage::Options::declare(OptionTable& t) {
  t.text("title", "Map and project title (default: the run's title; 'Hotspot map' for hotspot map)", title);
  t.list("layer", "A layer drawn above the others, NAME=PATH[:kind] (kind: gi, hotzones, priority, clusters, context, points, other)",
         layers, "LAYER", parse_map_layer_spec,
         [](const MapLayer& l) { return l.name + "=" + l.path + ":" + to_string(l.kind); });
  t.texts("raster", "A density raster (any GDAL raster with a CRS), drawn under the layers", rasters, "PATH");
  t.text("raster_unit", "Unit of the raster values for the legend, e.g. 'incidents per km2'", raster_unit, "UNIT");
  t.texts("note", "A line under the title", notes);
  t.list("unit", "FIELD=UNIT shown after that property in the given layers' popups", units, "FIELD=UNIT", parse_unit,
         [](const FieldUnit& u) { return u.first + "=" + u.second; });
  t.text("basemap", "XYZ tile URL template of a basemap (default: none, the page needs no network)", basemap_url, "URL");
  t.text("basemap_attribution", "Attribution text of the basemap", basemap_attribution);
  t.number("simplify_m", "Simplify the given layers' geometries to this tolerance in metres (0 = keep all)", simplify_m, 0.0, 100000.0);
  t.flag("png", "Write map_preview.png", png, Preview::skip, Preview::write);
  t.integer("png_width", "Width of map_preview.png in pixels", png_width_px, 200, 8000);
  t.flag("qgis", "Write hotspot.qgs, the QGIS project with every layer styled", qgis, QgisProject::skip, QgisProject::write);
  t.path("tiles", "Vector tiles of the non-context layers: a folder (z/x/y.pbf) or a .mbtiles file", tiles).config = false;
  t.integer("min_zoom", "Lowest tile zoom", min_zoom, 0, 22);
  t.integer("max_zoom", "Highest tile zoom", max_zoom, 0, 22);
  Option& out = t.path("out", "Output folder (created when missing)", out_dir);
  out.short_flag = "o";
  out.required = true;  // on the command line; a run writes into its own folder
  out.config = false;
}

void MapStage::validate(const Outputs& outputs) {
  if (o_.min_zoom > o_.max_zoom) throw UsageError("min_zoom (" + std::to_string(o_.min_zoom) + ") is greater than max_zoom");
  if (outputs.is_folder()) return;
  if (o_.out_dir.empty()) throw UsageError("-o OUT: give the output folder");
  if (o_.layers.empty() && o_.rasters.empty()) throw UsageError("--layer, --raster: give at least one");
  for (const char* name : {"map.html", "map_preview.png", "hotspot.qgs"}) outputs.check_free(map_file(o_, outputs, name));
  if (!o_.tiles.empty()) outputs.check_free(o_.tiles);
}

void MapStage::run(Context& ctx, Outputs& outputs) {
  MapSpec spec;
  spec.title = o_.title.empty() ? spec.title : o_.title;
  spec.basemap_url = o_.basemap_url;
  spec.basemap_attribution = o_.basemap_attribution;
  if (outputs.is_folder()) add_run_layers(ctx, outputs, o_, spec);
  add_given_layers(o_, spec);
  if (!outputs.is_folder()) {
    std::error_code ec;
    fs::create_directories(o_.out_dir, ec);
    if (ec) throw std::runtime_error(o_.out_dir + ": cannot create the output folder: " + ec.message());
  }
  MapOutcome& m = ctx.maps.emplace();
  MapHtmlOptions mo;
  mo.path = m.html_path = outputs.path(map_file(o_, outputs, "map.html"), "map.html");
  mo.overwrite = outputs.overwrite_allowed();
  const MapHtmlResult hr = write_map_html(spec, mo);
  m.features = hr.feature_count;
  m.html_bytes = static_cast<int64_t>(hr.bytes);
  m.messages = hr.messages;
  if (o_.png == Preview::write) {
    PngPreviewOptions po;
    po.path = m.png_path = outputs.path(map_file(o_, outputs, "map_preview.png"), "map_preview.png");
    po.width_px = o_.png_width_px;
    po.overwrite = outputs.overwrite_allowed();
    const PngPreviewResult pr = write_png_preview(spec, po);
    m.png_width_px = pr.width_px;
    m.png_height_px = pr.height_px;
  }
  if (const std::string density = outputs.find("density.tif"); outputs.is_folder() && !density.empty()) {
    const std::string unit = ctx.density ? ctx.density->unit_label : "";
    outputs.record(write_qml_sidecar(density, density_raster_qml(resolve_density_range(density), unit), false));
  }
  if (o_.qgis == QgisProject::write) {
    QgsProjectOptions qo;
    qo.path = m.qgis_path = outputs.path(map_file(o_, outputs, "hotspot.qgs"), "hotspot.qgs");
    qo.title = spec.title;
    qo.overwrite = outputs.overwrite_allowed();
    const std::vector<QgsLayer> layers = qgis_layers_for(spec);
    write_qgis_project(layers, qo);
    m.qgis_layers = layers.size();
  }
  write_tiles(o_, spec.title, outputs, m);
  std::string line;
  for (const std::string& p : {m.html_path, m.png_path, m.qgis_path, m.tiles_path})
    if (!p.empty()) line += (line.empty() ? "" : ", ") + fs::path(p).filename().string();
  ctx.stage_line = line;
}

}  // namespace hotspot::cli
