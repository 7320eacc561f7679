#include "cli/commands/map_command.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>

#include "geo/map/map_html.h"
#include "geo/map/png_preview.h"
#include "geo/map/qgis_styles.h"
#include "geo/map/vector_tiles.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

std::string tile_name(const std::string& name) {
  std::string o;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) o += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!o.empty() && o.back() != '_') o += '_';
  }
  while (!o.empty() && o.back() == '_') o.pop_back();
  return o.empty() ? "layer" : o;
}

}  // namespace

MapLayer parse_layer_flag(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw std::invalid_argument("--layer '" + text + "': expected NAME=PATH[:kind]");
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

int run_map(const MapCommandOptions& o, std::ostream& out, std::ostream& err) {
  if (o.out_dir.empty()) throw std::invalid_argument("map: give the output folder with -o");
  if (o.layers.empty() && o.rasters.empty()) throw std::invalid_argument("map: give at least one --layer or --raster");
  std::map<std::string, std::string> units;
  for (const std::string& u : o.units) {
    const size_t eq = u.find('=');
    if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--unit '" + u + "': expected FIELD=UNIT");
    units[u.substr(0, eq)] = u.substr(eq + 1);
  }
  MapSpec spec;
  spec.title = o.title;
  spec.notes = o.notes;
  spec.basemap_url = o.basemap_url;
  spec.basemap_attribution = o.basemap_attribution;
  for (const std::string& r : o.rasters) {
    if (!fs::exists(r)) throw std::runtime_error(r + ": no such raster");
    RasterOverlay ov = default_density_overlay(r, o.raster_unit);
    if (o.rasters.size() > 1) ov.name = fs::path(r).stem().string();
    spec.overlays.push_back(ov);
  }
  for (const std::string& text : o.layers) {
    MapLayer l = parse_layer_flag(text);
    l.simplify_m = o.simplify_m;
    if (!units.empty())
      for (const std::string& f : map_layer_fields(l)) {
        const auto it = units.find(f);
        l.popup_fields.push_back({f, "", it == units.end() ? "" : it->second, -1});
      }
    spec.layers.push_back(std::move(l));
  }
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) throw std::runtime_error(o.out_dir + ": cannot create the output folder: " + ec.message());
  const fs::path dir(o.out_dir);

  MapHtmlOptions ho;
  ho.path = (dir / "map.html").string();
  ho.overwrite = o.overwrite;
  const MapHtmlResult hr = write_map_html(spec, ho);
  out << "map:      " << ho.path << " (" << hr.feature_count << " features, " << (hr.bytes + 1023) / 1024 << " KiB)\n";
  for (const std::string& m : hr.messages) out << "note:     " << m << "\n";
  if (o.png) {
    PngPreviewOptions po;
    po.path = (dir / "map_preview.png").string();
    po.width_px = o.png_width_px;
    po.overwrite = o.overwrite;
    const PngPreviewResult pr = write_png_preview(spec, po);
    out << "preview:  " << po.path << " (" << pr.width_px << " x " << pr.height_px << " px)\n";
  }
  if (o.qgis) {
    QgsProjectOptions qo;
    qo.path = (dir / "hotspot.qgs").string();
    qo.title = o.title;
    qo.overwrite = o.overwrite;
    const std::vector<QgsLayer> ql = qgis_layers_for(spec);
    write_qgis_project(ql, qo);
    out << "qgis:     " << qo.path << " (" << ql.size() << " layers)\n";
  }
  if (!o.tiles_path.empty()) {
    std::vector<TileLayer> tl;
    for (const MapLayer& l : spec.layers)
      if (l.kind != MapLayerKind::kContext) tl.push_back({tile_name(l.name), l.path, "", l.source_layer, -1, -1});
    VectorTileOptions vo;
    vo.path = o.tiles_path;
    vo.min_zoom = o.tiles_min_zoom;
    vo.max_zoom = o.tiles_max_zoom;
    vo.overwrite = o.overwrite;
    vo.description = o.title;
    const VectorTileResult vr = write_vector_tiles(tl, vo);
    out << "tiles:    " << o.tiles_path << " (zoom " << o.tiles_min_zoom << "-" << o.tiles_max_zoom << ", " << tl.size()
        << " layers";
    if (vr.tile_count > 0) out << ", " << vr.tile_count << " tiles";
    out << ")\n";
  }
  (void)err;
  return kExitOk;
}

void register_map(CLI::App& app, CommandAction& action) {
  auto opts = std::make_shared<MapCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "map",
      "map.html, a PNG preview, a QGIS project and vector tiles for any layers");
  sub->footer(
      "Layer kinds: gi (Gi* cells coloured by Gi_Bin), hotzones, priority, clusters, context (outlines), points, other.\n"
      "Examples:\n"
      "  hotspot map --layer 'Gi* cells=out/gi_cells.geojson:gi' --layer 'Divisions=data/charlotte/police_divisions/CMPD_Police_Divisions.shp:context' \\\n"
      "              --raster out/density.tif --raster-unit 'incidents per km2' -o out/\n"
      "  hotspot map --layer 'Priority=areas.gpkg:priority' --unit share_pct=% --tiles out/tiles --min-zoom 9 --max-zoom 15 -o out/");
  sub->add_option("--layer", opts->layers, "NAME=PATH[:kind], drawn in the order given (first at the bottom)");
  sub->add_option("--raster", opts->rasters, "A density raster (any GDAL raster with a CRS), drawn under the layers");
  sub->add_option("--raster-unit", opts->raster_unit, "Unit of the raster values for the legend, e.g. 'incidents per km2'");
  sub->add_option("-o,--out", opts->out_dir, "Output folder (created when missing)")->required();
  sub->add_option("--title", opts->title, "Map title")->capture_default_str();
  sub->add_option("--note", opts->notes, "A line under the title (repeatable)");
  sub->add_option("--unit", opts->units, "FIELD=UNIT shown after that property in popups (repeatable)");
  sub->add_option("--basemap", opts->basemap_url, "XYZ tile URL template for a basemap (off by default: the page needs no network)");
  sub->add_option("--basemap-attribution", opts->basemap_attribution, "Attribution text for the basemap");
  sub->add_option("--simplify-m", opts->simplify_m, "Simplify layer geometries to this tolerance in metres (0 = keep all)")->capture_default_str();
  sub->add_flag("!--no-png", opts->png, "Do not write map_preview.png");
  sub->add_option("--png-width", opts->png_width_px, "Width of map_preview.png in pixels")->capture_default_str();
  sub->add_flag("!--no-qgis", opts->qgis, "Do not write hotspot.qgs (the QGIS project, the name hotspot run uses too)");
  sub->add_option("--tiles", opts->tiles_path, "Write vector tiles of the non-context layers: a folder (z/x/y.pbf) or a .mbtiles file");
  sub->add_option("--min-zoom", opts->tiles_min_zoom, "Lowest tile zoom")->capture_default_str();
  sub->add_option("--max-zoom", opts->tiles_max_zoom, "Highest tile zoom")->capture_default_str();
  sub->add_flag("--overwrite", opts->overwrite, "Replace existing output files");
  sub->callback([opts, &action]() { action = [opts]() { return run_map(*opts, std::cout, std::cerr); }; });
}

}  // namespace hotspot::cli
