// How a subcommand runs its stages: the stages Ingest builds on, Ingest, then the command's own, writing to the paths the user gave, with
// progress on stderr unless quiet. Returns the Context for the command to print from.
// With the public profile (--profile public) the run's Privacy stage comes first (the lengths and outputs it refuses
// before any input is read) and the CheckPublic stage last, auditing every file written; when the audit fails, or
// any stage does, the files written are removed (nothing is left to publish) and the error is raised.
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
#include "cli/pipeline/privacy_stage.h"
#include "cli/pipeline/stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct SubcommandRun {
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  std::string rejects;  // the --rejects file; empty = not written
  enum class Records { required, optional } records = Records::required;
  PrivacyOptions privacy;                                    // the command's --profile and its keys
  std::vector<PrivacyStage::Options::Checked> public_lengths;  // "--radius" with its value, checked when public
  std::vector<PrivacyStage::Options::Withheld> withheld;     // outputs asked for that the public profile refuses
};

// The run settings of a command's options: threads, overwrite, quiet, its rejects file, and its privacy keys when it
// has them.
template <typename CommandOptions>
SubcommandRun subcommand_run(const CommandOptions& o) {
  SubcommandRun how;
  how.threads = o.threads;
  how.overwrite = o.overwrite;
  how.quiet = o.quiet;
  if constexpr (requires { o.rejects; }) how.rejects = o.rejects;
  if constexpr (requires { o.privacy; }) how.privacy = o.privacy;
  return how;
}

// `before_ingest`: the stages Ingest builds on (References, for the geocoder).
Context run_subcommand_stages(const IngestOptions& ingest, const std::vector<Stage*>& stages, const SubcommandRun& how,
                              const std::vector<Stage*>& before_ingest = {});
// A subcommand that reads no incidents (its stage reads its own files): the same profile handling, no Ingest.
Context run_stages_without_ingest(const std::vector<Stage*>& stages, const SubcommandRun& how);

// Whether a subcommand reads incidents (and so takes the shared ingest flags) or only files its stage names.
enum class IngestFlags { bound, none };

// Binds a one-stage subcommand: the ingest flags (unless IngestFlags::none), the stage's option table (section
// `section`, filled by `stage_options(options).declare`) and the common flags; once parsed, applies the values and
// runs `run`. CommandOptions has `threads`, `overwrite` and `quiet`, and `ingest` and `rejects` when bound; its
// `privacy` member, when it has one, takes the privacy keys (--profile public ...); without one, --profile public is
// refused naming `no_public_output` (why the command has nothing publishable).
template <typename CommandOptions, IngestFlags kIngest = IngestFlags::bound, typename StageOptionsOf, typename Run>
void bind_stage_command(CLI::App& sub, CommandAction& action, const std::string& section, StageOptionsOf stage_options,
                        Run run, const std::string& no_public_output = "") {
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
  constexpr bool kPublishable = requires(CommandOptions o) { o.privacy; };
  if constexpr (kPublishable) {
    b->options.privacy.declare(b->profile);
  } else {  // only --profile, to be refused
    b->privacy.declare(b->profile);
    std::erase_if(b->profile.options(), [](const Option& p) { return p.key != "profile"; });
  }
  std::erase_if(b->profile.options(), [&b](const Option& p) { return b->stage.find(p.key) != nullptr; });  // the stage's own wins
  b->cli.bind(sub, b->profile);
  sub.callback([b, &action, run, &sub, no_public_output]() {
    action = [b, run, &sub, no_public_output]() {
      b->cli.apply();
      if constexpr (!kPublishable) refuse_public_profile(b->privacy, sub.get_name(), no_public_output);
      return run(b->options, std::cout, std::cerr);
    };
  });
}

}  // namespace hotspot::cli
