// `hotspot kde INPUT ... -o density.tif`: the Ingest and Kde stages, and HotZones with --hot-zones; an exact kernel
// density surface written as a Cloud-Optimized GeoTIFF, optionally with hot-zone polygons.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/kde_section.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct KdeCommandOptions {
  IngestOptions ingest;
  std::string rejects;  // --rejects; empty = not written
  KdeSectionOptions kde;  // the Kde and HotZones stages' options, as the run config's kde section
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;  // no progress on stderr
  PrivacyOptions privacy;  // --profile and its keys (public: see README, 'Publishing')
};

int run_kde(const KdeCommandOptions& options, std::ostream& out, std::ostream& err);
void register_kde(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
