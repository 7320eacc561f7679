// The output profile, declared once: the run config's "privacy" section and --profile (with --min-count and
// --generalisation) on the commands. `internal` is the analysts' output, unchanged. `public` is for the open web: no
// incident position or address in any output, counts below k suppressed with their complements, analysis lengths
// no finer than the generalisation distance, and the run folder audited (check-public) before it appears.
#pragma once

#include <string>

#include "cli/pipeline/option_table.h"
#include "engine/core/length.h"

namespace hotspot::cli {

struct PrivacyOptions {
  enum class Profile { internal, publishable };
  Profile profile = Profile::internal;
  int min_count = 3;                                    // k: counts from 1 to k - 1 are suppressed. REQUIRES: 2..1000
  Length generalisation{300.0, LengthUnit::kMetre};     // smallest KDE radius and Gi*/emerging cell. REQUIRES: > 0
  Length check_distance{10.0, LengthUnit::kMetre};      // the audit's distance to an incident. REQUIRES: > 0

  bool is_public() const { return profile == Profile::publishable; }
  void declare(OptionTable& table);          // every key (the run config's section, hotspot run's flags)
  void declare_profile(OptionTable& table);  // --profile alone (the other commands)
};

// The commands other than `hotspot run`: --profile public is refused (exit 2) until the command has a public output.
void refuse_public_profile(const PrivacyOptions& privacy, const std::string& command);

}  // namespace hotspot::cli
