// The output profile, declared once: the run config's "privacy" section and the same keys as flags (--profile,
// --min-count, --generalisation, --point-generalisation, --donut-min, --donut-max, --donut-seed) on every command that
// writes outputs. `internal` is the analysts' output, unchanged. `public` is for the open web: no incident position or
// address in any output (point layers generalised or left out), counts below k suppressed with their complements,
// analysis lengths no finer than the generalisation distance, and the outputs audited (check-public) before they
// are kept.
#pragma once

#include <cstdint>
#include <string>

#include "cli/pipeline/option_table.h"
#include "engine/core/length.h"

namespace hotspot::cli {

struct PrivacyOptions {
  enum class Profile { internal, publishable };
  // What a public point layer shows: nothing, the hundred blocks (snapped to the geocoder's block reference points,
  // each with at least k incidents), or each incident displaced by donut geomasking.
  enum class Points { omit, hundred_block, donut };

  Profile profile = Profile::internal;
  int min_count = 3;                                    // k: counts from 1 to k - 1 are suppressed. REQUIRES: 2..1000
  Length generalisation{300.0, LengthUnit::kMetre};     // smallest KDE radius and Gi*/emerging cell. REQUIRES: > 0
  Length check_distance{10.0, LengthUnit::kMetre};      // the audit's distance to an incident. REQUIRES: > 0, below
                                                        // the generalisation distance and the donut's minimum
  Points points = Points::omit;
  Length donut_min{50.0, LengthUnit::kMetre};           // REQUIRES (donut): > check_distance
  Length donut_max{250.0, LengthUnit::kMetre};          // REQUIRES (donut): > donut_min
  uint64_t donut_seed = 12345;
  Length snap_distance{500.0, LengthUnit::kMetre};      // hundred_block: farther from every block point = dropped

  bool is_public() const { return profile == Profile::publishable; }
  void declare(OptionTable& table);  // every key (the run config's section, the commands' flags)
  // Cross-option checks (public profile only), before any input is read; throws UsageError.
  void validate() const;
  // One line for logs and layer metadata: "public: k = 3, generalisation 300m, points hundred_block".
  std::string describe() const;
};

std::string to_string(PrivacyOptions::Points points);

// Metres, for comparing lengths before the CRS is known: a foot is a US survey foot here (it differs from the
// international foot by 2 parts per million, far below any generalisation distance).
double comparable_m(const Length& length);

// A command with no publishable output: --profile public is refused (exit 2), saying why.
void refuse_public_profile(const PrivacyOptions& privacy, const std::string& command, const std::string& why);

}  // namespace hotspot::cli
