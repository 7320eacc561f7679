// `hotspot info INPUT`: rows, accepted, rejected by reason, CRS, extent, date range and category counts.
#pragma once

#include <ostream>
#include <string>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct InfoOptions {
  IngestOptions ingest;
  std::string rejects_path;  // write the rejected records here (CSV), optional
  bool overwrite = false;
  bool quiet = false;        // no progress on stderr
  int threads = 0;           // accepted like every command's; reading is single-threaded
  bool json = false;         // machine-readable summary
  int top_categories = 10;
  // public: counts from 1 to k - 1 suppressed with their complements, the extent widened, no rejects file
  PrivacyOptions privacy;
};

int run_info(const InfoOptions& options, std::ostream& out, std::ostream& err);
void register_info(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
