// The audit of an output folder before it goes on the open web (`hotspot check-public`, and the public profile's
// last check): every file is scanned (geo/audit/published_values.h) for a position within `distance` of an input
// incident (through the KD-tree) and for a published count from 1 to k - 1. Each finding names the file, the
// feature or row, and the value.
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/length.h"

namespace hotspot::cli {

struct PublicFinding {
  enum class Kind { position, small_count } kind = Kind::position;
  std::string file;    // relative to the folder
  std::string where;   // feature, row, line or JSON path
  std::string value;   // as published
  std::string why;     // "1.2 m from the incident at row 17" / "Join_Count 1 is below k = 3"
};

struct CheckPublicOutcome {
  std::vector<PublicFinding> findings;  // in file order; empty = the folder passes
  size_t files_scanned = 0, positions_checked = 0, counts_checked = 0, incidents = 0;
  std::vector<std::string> skipped;     // files not scanned, each with why
  std::string summary() const;          // one line: PASS/FAIL, what was checked
};

class CheckPublicStage : public Stage {
 public:
  struct Options {
    std::string folder;                          // REQUIRES: given; an existing folder when run
    Length distance{10.0, LengthUnit::kMetre};   // a position this close to an incident fails. REQUIRES: > 0
    int min_count = 3;                           // k: counts from 1 to k - 1 fail. REQUIRES: 1..1000

    void declare(OptionTable& table);
  };

  explicit CheckPublicStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "check-public"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const CheckPublicOutcome& outcome() const { return r_; }
  // For the public profile: the folder is the run's, known only once it is made.
  void set_folder(const std::string& folder) { o_.folder = folder; }

 private:
  Options o_;
  CheckPublicOutcome r_;
};

}  // namespace hotspot::cli
