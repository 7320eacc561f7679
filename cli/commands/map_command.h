// `hotspot map --layer NAME=PATH[:kind] ... [--raster density.tif] -o OUTDIR`: draws existing layers as the
// self-contained map.html, a PNG preview, a QGIS project and (with --tiles) dashboard vector tiles: the Map stage,
// with the options of the run config's `map` section. With --profile public, everything it writes is audited
// (check-public) against the incidents given with --incidents, and removed if the audit finds anything.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/map_stage.h"
#include "cli/pipeline/privacy_options.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct MapCommandOptions {
  MapStage::Options map;
  IngestOptions ingest;    // --incidents INPUT and the ingest flags: read only for the public profile's audit
  PrivacyOptions privacy;  // --profile public and its keys
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
};

int run_map(const MapCommandOptions& options, std::ostream& out, std::ostream& err);
void register_map(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
