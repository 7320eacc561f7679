// `hotspot moran INPUT [--local -o clusters.gpkg]`: the Ingest and Moran stages; Global Moran's I of incident counts
// in a fishnet, hexagons or polygon zones, and with --local Anselin's Local Moran's I (cluster and outlier analysis).
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/moran_stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct MoranCommandOptions {
  IngestOptions ingest;
  std::string rejects;  // --rejects; empty = not written
  MoranStage::Options moran;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  PrivacyOptions privacy;  // --profile and its keys (public: see README, 'Publishing')
};

int run_moran(const MoranCommandOptions& options, std::ostream& out, std::ostream& err);
void register_moran(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
