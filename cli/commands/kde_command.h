// `hotspot kde INPUT ... -o density.tif`: the Ingest and Kde stages; an exact kernel density surface written as a
// Cloud-Optimized GeoTIFF, optionally with hot-zone polygons.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/kde_stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct KdeCommandOptions {
  IngestOptions ingest;
  std::string rejects;  // --rejects; empty = not written
  KdeStage::Options kde;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;  // no progress on stderr
};

int run_kde(const KdeCommandOptions& options, std::ostream& out, std::ostream& err);
void register_kde(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
