#include "cli/commands/subcommand_stages.h"

#include "cli/commands/stderr_progress.h"
#include "cli/pipeline/ingest_stage.h"

namespace hotspot::cli {

Context run_subcommand_stages(const IngestOptions& ingest, const std::vector<Stage*>& stages, const SubcommandRun& how,
                              const std::vector<Stage*>& before_ingest) {
  Outputs outputs = Outputs::explicit_paths(how.overwrite ? Overwrite::allow : Overwrite::refuse);
  IngestStage::Options io;
  io.ingest = ingest;
  io.rejects = how.rejects;
  io.require_records = how.records == SubcommandRun::Records::required;
  IngestStage ingest_stage(io);
  std::vector<Stage*> all = before_ingest;
  all.push_back(&ingest_stage);
  all.insert(all.end(), stages.begin(), stages.end());
  StderrProgress progress(how.quiet);
  Context ctx;
  ctx.threads = how.threads;
  ctx.progress = &progress;
  run_stages(all, ctx, outputs);
  ctx.progress = nullptr;
  return ctx;
}

}  // namespace hotspot::cli
