// `hotspot disparity STOPS --group driver_race --outcome search_conducted=Yes --report disparity.md`: the Disparity
// stage (cli/pipeline/disparity_stage.h) on a table of stops; prints the accounting, the reference group and the
// group odds ratios.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/disparity_stage.h"

namespace hotspot::cli {

struct DisparityCommandOptions {
  DisparityStage::Options disparity;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  PrivacyOptions privacy;  // --profile and its keys (public: see README, 'Publishing')
};

int run_disparity(const DisparityCommandOptions& options, std::ostream& out, std::ostream& err);
void register_disparity(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
