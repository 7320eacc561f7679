#include "cli/pipeline/map_stage.h"

#include "engine/core/timestamp.h"
#include "geo/map/density_image.h"
#include "geo/map/gistar_styles.h"
#include "geo/map/map_html.h"
#include "geo/map/map_spec.h"
#include "geo/map/png_preview.h"
#include "geo/map/qgis_styles.h"
#include "geo/map/vector_tiles.h"

#include <filesystem>

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

}  // namespace

void MapStage::validate(const Outputs& outputs) {
  if (!outputs.is_folder()) throw std::logic_error("the maps stage writes into a run folder");
}

void MapStage::run(Context& ctx, Outputs& outputs) {
  const std::string density = outputs.find("density.tif");
  const std::string gi_cells = outputs.find("gistar_cells.geojson");
  const std::string areas = outputs.find("priority_areas.geojson");
  const std::string clusters = outputs.find("hotspot_clusters.geojson");
  MapSpec spec;
  spec.title = o_.title;
  spec.notes = map_notes(ctx);
  spec.basemap_url = o_.basemap_url;
  const std::string density_unit = ctx.density ? ctx.density->unit_label : "";
  if (!density.empty()) spec.overlays.push_back(default_density_overlay(density, density_unit));
  if (!gi_cells.empty()) spec.layers.push_back(gi_cells_layer(gi_cells, ctx));
  spec.layers.push_back(priority_areas_layer(areas, ctx, o_.start_year));
  if (!clusters.empty()) spec.layers.push_back(clusters_layer(clusters));
  add_boundary_layers(o_.boundaries, spec);

  MapHtmlOptions mo;
  mo.path = outputs.path("", "map.html");
  write_map_html(spec, mo);
  PngPreviewOptions po;
  po.path = outputs.path("", "map_preview.png");
  write_png_preview(spec, po);
  if (!density.empty())
    outputs.record(write_qml_sidecar(density, density_raster_qml(resolve_density_range(density), density_unit), false));
  QgsProjectOptions qo;
  qo.path = outputs.path("", "hotspot.qgs");
  qo.title = o_.title;
  write_qgis_project(qgis_layers_for(spec), qo);
  std::vector<TileLayer> tiles;
  if (!gi_cells.empty()) tiles.push_back({"gistar_cells", gi_cells, "", "", -1, -1});
  if (!areas.empty()) tiles.push_back({"priority_areas", areas, "", "", -1, -1});
  if (!tiles.empty()) {
    VectorTileOptions vt;
    vt.path = outputs.path("", "tiles.mbtiles");
    vt.min_zoom = o_.min_zoom;
    vt.max_zoom = o_.max_zoom;
    vt.name = "hotspot";
    vt.description = o_.title;
    write_vector_tiles(tiles, vt);
  }
  ctx.stage_line = "map.html, map_preview.png, hotspot.qgs" + std::string(tiles.empty() ? "" : ", tiles.mbtiles");
}

}  // namespace hotspot::cli
