// How a subcommand runs its stages: the stages Ingest builds on, Ingest, then the command's own, writing to the paths the user gave, with
// progress on stderr unless quiet. Returns the Context for the command to print from.
#pragma once

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/command.h"
#include "cli/pipeline/common_options.h"
#include "cli/commands/ingest_flags.h"
#include "cli/pipeline/context.h"
#include "cli/pipeline/option_binding.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct SubcommandRun {
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  std::string rejects;  // the --rejects file; empty = not written
  enum class Records { required, optional } records = Records::required;
};

// `before_ingest`: the stages Ingest builds on (References, for the geocoder).
Context run_subcommand_stages(const IngestOptions& ingest, const std::vector<Stage*>& stages, const SubcommandRun& how,
                              const std::vector<Stage*>& before_ingest = {});

// Whether a subcommand reads incidents (and so takes the shared ingest flags) or only files its stage names.
enum class IngestFlags { bound, none };

// Binds a one-stage subcommand: the ingest flags (unless IngestFlags::none), the stage's option table (section
// `section`, filled by `stage_options(options).declare`) and the common flags; once parsed, applies the values and
// runs `run`. CommandOptions has `threads`, `overwrite` and `quiet`, and `ingest` and `rejects` when bound.
template <typename CommandOptions, IngestFlags kIngest = IngestFlags::bound, typename StageOptionsOf, typename Run>
void bind_stage_command(CLI::App& sub, CommandAction& action, const std::string& section, StageOptionsOf stage_options,
                        Run run) {
  struct Bound {
    CommandOptions options;
    OptionTable input{"input"};
    OptionTable stage;
    OptionTable common;
    PrivacyOptions privacy;
    OptionTable profile{"privacy"};
    CliOptions cli;
  };
  auto b = std::make_shared<Bound>();
  b->stage = OptionTable(section);
  if constexpr (kIngest == IngestFlags::bound) add_ingest_flags(sub, b->options.ingest, b->options.rejects, b->input, b->cli);
  stage_options(b->options).declare(b->stage);
  declare_common_options(b->common, b->options.threads, b->options.overwrite, b->options.quiet);
  b->cli.bind(sub, b->stage);
  b->cli.bind(sub, b->common);
  b->privacy.declare_profile(b->profile);
  b->cli.bind(sub, b->profile);
  sub.callback([b, &action, run, &sub]() {
    action = [b, run, &sub]() {
      b->cli.apply();
      refuse_public_profile(b->privacy, sub.get_name());
      return run(b->options, std::cout, std::cerr);
    };
  });
}

}  // namespace hotspot::cli
