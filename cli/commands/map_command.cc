#include "cli/commands/map_command.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands/subcommand_stages.h"

namespace hotspot::cli {

namespace {

void print_summary(const MapOutcome& m, const MapStage::Options& o, std::ostream& out) {
  out << "map:      " << m.html_path << " (" << m.features << " features, " << (m.html_bytes + 1023) / 1024 << " KiB)\n";
  for (const std::string& msg : m.messages) out << "note:     " << msg << "\n";
  if (!m.png_path.empty()) out << "preview:  " << m.png_path << " (" << m.png_width_px << " x " << m.png_height_px << " px)\n";
  if (!m.qgis_path.empty()) out << "qgis:     " << m.qgis_path << " (" << m.qgis_layers << " layers)\n";
  if (!m.tiles_path.empty()) {
    out << "tiles:    " << m.tiles_path << " (zoom " << o.min_zoom << "-" << o.max_zoom << ", " << m.tile_layers << " layers";
    if (m.tile_count > 0) out << ", " << m.tile_count << " tiles";
    out << ")\n";
  }
}

}  // namespace

int run_map(const MapCommandOptions& o, std::ostream& out, std::ostream& err) {
  MapStage stage(o.map);
  Context ctx;
  ctx.threads = o.threads;
  Outputs outputs = Outputs::explicit_paths(o.overwrite ? Overwrite::allow : Overwrite::refuse);
  run_stages({&stage}, ctx, outputs);
  print_summary(*ctx.maps, o.map, out);
  (void)err;
  return kExitOk;
}

void register_map(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "map",
      "map.html, a PNG preview, a QGIS project and vector tiles for any layers");
  sub->footer(
      "Layer kinds: gi (Gi* cells coloured by Gi_Bin), hotzones, priority, clusters, context (outlines), points, other.\n"
      "Examples:\n"
      "  hotspot map --layer 'Gi* cells=out/gi_cells.geojson:gi' --layer 'Divisions=data/charlotte/police_divisions/CMPD_Police_Divisions.shp:context' \\\n"
      "              --raster out/density.tif --raster-unit 'incidents per km2' -o out/\n"
      "  hotspot map --layer 'Priority=areas.gpkg:priority' --unit share_pct=% --tiles out/tiles --min-zoom 9 --max-zoom 15 -o out/");
  bind_stage_command<MapCommandOptions, IngestFlags::none>(*sub, action, "map", [](MapCommandOptions& o) -> auto& { return o.map; },
                                                          run_map,
      "has no public output: it draws the layers it is given and cannot tell what they reveal without the incidents; "
      "make each layer with --profile public (or hotspot run's public profile, which writes map.html) and audit the "
      "folder with hotspot check-public");
}

}  // namespace hotspot::cli
