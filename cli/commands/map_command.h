// `hotspot map --layer NAME=PATH[:kind] ... [--raster density.tif] -o OUTDIR`: draws existing layers as the
// self-contained map.html, a PNG preview, a QGIS project and (with --tiles) dashboard vector tiles: the Map stage,
// with the options of the run config's `map` section.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/map_stage.h"

namespace hotspot::cli {

struct MapCommandOptions {
  MapStage::Options map;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
};

int run_map(const MapCommandOptions& options, std::ostream& out, std::ostream& err);
void register_map(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
