// `hotspot near-repeat INPUT -o table.csv`: the Ingest and NearRepeat stages; the Knox test of near repeats
// (Ratcliffe's Near Repeat Calculator's table) over distance x time bands.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/near_repeat_stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct NearRepeatCommandOptions {
  IngestOptions ingest;
  std::string rejects;  // --rejects; empty = not written
  NearRepeatStage::Options near_repeat;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  PrivacyOptions privacy;  // --profile and its keys (public: see README, 'Publishing')
};

int run_near_repeat(const NearRepeatCommandOptions& options, std::ostream& out, std::ostream& err);
void register_near_repeat(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
