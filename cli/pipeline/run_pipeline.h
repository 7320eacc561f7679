// The stages of `hotspot run`, in order, writing into a folder that the caller commits atomically.
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
};

// Runs every stage of `config`, writing outputs into `folder` (which must exist and be empty). Stage messages go
// to `log`. Throws on any failure; the caller removes the folder then.
PipelineResult run_pipeline(const RunConfig& config, const std::string& folder, Progress* progress, std::ostream& log);

}  // namespace hotspot::cli
