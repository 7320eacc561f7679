// `hotspot check-public DIR --incidents INPUT`: the Ingest and CheckPublic stages; audits an output folder for
// incident positions and small counts before it is published. Exit 1 when anything is found, naming each.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/check_public_stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct CheckPublicCommandOptions {
  IngestOptions ingest;   // --incidents INPUT and the ingest flags
  std::string rejects;    // --rejects; empty = not written
  CheckPublicStage::Options check;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
};

int run_check_public(const CheckPublicCommandOptions& options, std::ostream& out, std::ostream& err);
void register_check_public(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
