// `hotspot map --layer NAME=PATH[:kind] ... [--raster density.tif] -o OUTDIR`: draws existing layers as the
// self-contained map.html, a PNG preview, a QGIS project and (with --tiles) dashboard vector tiles.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/commands/command.h"
#include "geo/map/map_spec.h"

namespace hotspot::cli {

struct MapCommandOptions {
  std::vector<std::string> layers;   // "NAME=PATH[:kind]", kind as in parse_map_layer_kind (default "other")
  std::vector<std::string> rasters;  // density rasters, drawn with the sequential ramp
  std::string raster_unit;           // legend unit of the rasters, e.g. "incidents per km²"
  std::string out_dir;               // created when missing
  std::string title = "Hotspot map";
  std::vector<std::string> notes;
  std::vector<std::string> units;    // "FIELD=UNIT" shown after that property's value in every popup
  std::string basemap_url;
  std::string basemap_attribution;
  double simplify_m = 0.0;           // simplify every layer read from a file (metres); 0 = keep every vertex
  bool png = true;
  int png_width_px = 1600;
  bool qgis = true;
  std::string tiles_path;            // a folder (uncompressed MVT) or a .mbtiles file; empty = no tiles
  int tiles_min_zoom = 8;
  int tiles_max_zoom = 14;
  bool overwrite = false;
};

// "NAME=PATH[:kind]" -> a MapLayer with the kind's default style (throws std::invalid_argument).
MapLayer parse_layer_flag(const std::string& text);

int run_map(const MapCommandOptions& options, std::ostream& out, std::ostream& err);
void register_map(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
