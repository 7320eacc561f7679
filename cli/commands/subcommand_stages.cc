#include "cli/commands/subcommand_stages.h"

#include <chrono>
#include <filesystem>

#include "cli/commands/stderr_progress.h"
#include "cli/pipeline/check_public_stage.h"
#include "cli/pipeline/ingest_stage.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

PrivacyStage::Options privacy_options(const SubcommandRun& how) {
  PrivacyStage::Options o;
  o.privacy = how.privacy;
  o.lengths = how.public_lengths;
  o.withheld = how.withheld;
  o.withheld.push_back({"--rejects", !how.rejects.empty(),
                        "not written with the public profile: it holds the raw records, addresses and coordinates"});
  return o;
}

// Runs `stages` as the profile asks: public adds the Privacy stage first and the audit of the files written last,
// and removes every file written when anything fails.
Context run_with_profile(std::vector<Stage*> stages, const SubcommandRun& how) {
  Outputs outputs = Outputs::explicit_paths(how.overwrite ? Overwrite::allow : Overwrite::refuse);
  PrivacyStage privacy(privacy_options(how));
  CheckPublicStage::Options co;
  co.scope = CheckPublicStage::Options::Scope::written;
  co.distance = how.privacy.check_distance;
  co.min_count = how.privacy.min_count;
  co.shared = audit_sharing(how.privacy);
  co.since = fs::file_time_type::clock::now() - std::chrono::milliseconds(20);  // file times lag the clock a tick
  CheckPublicStage check(co);
  const bool publishing = how.privacy.is_public();
  if (publishing) {
    stages.insert(stages.begin(), &privacy);
    stages.push_back(&check);
  }
  StderrProgress progress(how.quiet);
  Context ctx;
  ctx.threads = how.threads;
  ctx.progress = &progress;
  try {
    run_stages(stages, ctx, outputs);
    if (publishing) require_publishable(check);
  } catch (...) {
    std::error_code ignored;
    if (publishing)
      for (const std::string& f : written_files(outputs, co.since)) fs::remove(f, ignored);
    throw;
  }
  ctx.progress = nullptr;
  return ctx;
}

}  // namespace

Context run_subcommand_stages(const IngestOptions& ingest, const std::vector<Stage*>& stages, const SubcommandRun& how,
                              const std::vector<Stage*>& before_ingest) {
  IngestStage::Options io;
  io.ingest = ingest;
  io.rejects = how.rejects;
  io.require_records = how.records == SubcommandRun::Records::required;
  IngestStage ingest_stage(io);
  std::vector<Stage*> all = before_ingest;
  all.push_back(&ingest_stage);
  all.insert(all.end(), stages.begin(), stages.end());
  return run_with_profile(all, how);
}

Context run_stages_without_ingest(const std::vector<Stage*>& stages, const SubcommandRun& how) {
  return run_with_profile(stages, how);
}

}  // namespace hotspot::cli
