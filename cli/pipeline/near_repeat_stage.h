// The Knox near-repeat test (engine/nearrepeat/knox.h): the NearRepeat stage of `hotspot near-repeat`. Incident
// pairs by distance band x time band, expected counts from shuffled dates, Knox ratios and pseudo p-values, written
// as a CSV table with a Markdown copy beside it (same stem, .md). Not part of `hotspot run`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/length.h"
#include "engine/nearrepeat/knox.h"

namespace hotspot::cli {

// What the stage leaves for the command's summary.
struct NearRepeatOutcome {
  std::vector<std::string> distance_labels, time_labels;  // "0-400ft", "0-7d", ...
  std::string max_distance;                              // the last distance edge as given
  KnoxResult knox;
  size_t incidents = 0;
  std::string markdown;                                  // the table, as written to the .md
  std::vector<std::string> paths;
};

class NearRepeatStage : public Stage {
 public:
  struct Options {
    // Distance band edges, increasing, with units; 0 may be bare. REQUIRES: at least two.
    std::string distance_bands = "0,400ft,800ft,1200ft";
    // Time band edges, increasing, in days (7d) or weeks (2w); 0 may be bare. REQUIRES: at least two.
    std::string time_bands = "0,7d,14d,21d";
    // Date shuffles for the expected counts. REQUIRES: 1..99999. DEFAULT: 999 (Ratcliffe's calculator's choice).
    int permutations = 999;
    uint64_t seed = 12345;
    // Output table (.csv); the Markdown copy goes beside it. REQUIRES: given.
    std::string output;

    void declare(OptionTable& table);
  };

  explicit NearRepeatStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "near-repeat"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const NearRepeatOutcome& outcome() const { return r_; }

 private:
  Options o_;
  NearRepeatOutcome r_;
};

}  // namespace hotspot::cli
