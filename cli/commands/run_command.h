// `hotspot run CONFIG`: the whole analysis from one config file:
// ingest and filters -> geocode -> index -> kernel density -> Gi* -> priority-area report -> writers, into one
// output folder that appears only when complete, with a manifest (resolved config, input checksums, engine
// version, record accounting) so a run can be reproduced and audited.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"

namespace hotspot::cli {

struct RunOptions {
  std::string config_path;
  std::string output_folder;  // overrides the config's output.folder when set
  bool overwrite = false;     // or output.overwrite in the config
  int threads = -1;           // overrides the config's threads when >= 0
  bool quiet = false;         // no progress on stderr
  // Applies the command line's privacy flags (--profile, ...) over the config's "privacy" section; none = as given.
  std::function<void(PrivacyOptions&)> privacy_flags;
};

int run_run(const RunOptions& options, std::ostream& out, std::ostream& err);
void register_run(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
