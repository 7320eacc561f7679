// `hotspot ohsa INPUT -o hotspots.gpkg`: the Ingest and Ohsa stages; ArcGIS Pro's Optimized Hot Spot Analysis for
// incident points (the cell size and distance band chosen from the data, then Gi* with FDR-corrected bins).
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/ohsa_stage.h"
#include "cli/pipeline/privacy_options.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct OhsaCommandOptions {
  IngestOptions ingest;
  std::string rejects;  // --rejects; empty = not written
  OhsaStage::Options ohsa;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  // public: a chosen cell size below the generalisation distance is raised to it; Gi* counts suppressed as gistar's
  PrivacyOptions privacy;
};

int run_ohsa(const OhsaCommandOptions& options, std::ostream& out, std::ostream& err);
void register_ohsa(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
