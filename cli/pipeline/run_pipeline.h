// The stages of `hotspot run`, in order, writing into one output folder that appears only when every stage is done.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/pipeline/run_config.h"
#include "cli/pipeline/run_report.h"
#include "engine/core/progress.h"

namespace hotspot::cli {

struct PipelineResult {
  RunReport report;
  std::vector<std::string> outputs;  // file names written into the folder, in order (manifest.json last)
  std::vector<std::string> warnings;  // the stages' warnings, each once (also in report.md's notes)
};

// Runs every stage of `config`, writing into a temporary folder beside config.output_folder that replaces it when
// the last stage is done (config.overwrite) or takes its place (UsageError, before any input is read, when it
// exists and overwriting is off). Stage messages go to `log`. Throws on any failure, leaving no folder behind.
PipelineResult run_pipeline(const RunConfig& config, Progress* progress, std::ostream& log);

}  // namespace hotspot::cli
