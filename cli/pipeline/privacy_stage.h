// The first stage of a run with a privacy profile: validate() refuses, before any input is read, the analysis
// lengths the public profile does not allow (a KDE radius or a Gi* cell finer than the generalisation distance,
// or left to a default derived from the data) and the outputs it does not write, saying why; run() puts the profile in the Context for the output
// stages (layers, rejects, report, manifest) to apply.
#pragma once

#include <optional>
#include <string>

#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/stage.h"
#include "engine/core/length.h"

namespace hotspot::cli {

class PrivacyStage : public Stage {
 public:
  struct Options {
    PrivacyOptions privacy;
    // The lengths to check, each with the option that set it; nullopt = not used by this run.
    struct Checked {
      std::string option;            // "kde.radius"
      std::optional<Length> length;  // REQUIRES (public): given, and at least the generalisation distance
    };
    std::vector<Checked> lengths;
    // What the public profile refuses (an output it does not write: the rejects file, a space-time cube of raw
    // counts; a command with nothing left to publish), each with the option that asked for it.
    struct Withheld {
      std::string option;  // "--rejects"
      bool asked = false;  // REQUIRES (public): false
      std::string why;     // "not written with the public profile: it holds the raw records"
    };
    std::vector<Withheld> withheld;
  };

  explicit PrivacyStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "privacy"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
