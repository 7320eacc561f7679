// `hotspot emerging INPUT --cell-size 1000ft --time-step 3months -o out.gpkg`: the Ingest and Emerging stages;
// ArcGIS's emerging hot spot patterns of incidents binned into a space-time cube.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/emerging_stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct EmergingCommandOptions {
  IngestOptions ingest;
  std::string rejects;  // --rejects; empty = not written
  EmergingStage::Options emerging;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  PrivacyOptions privacy;  // --profile and its keys (public: see README, 'Publishing')
};

int run_emerging(const EmergingCommandOptions& options, std::ostream& out, std::ostream& err);
void register_emerging(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
