// The audit of an output folder before it goes on the open web (`hotspot check-public`, and the public profile's
// last check): every file is scanned (geo/audit/published_values.h) for a position within `distance` of an input
// incident (through the KD-tree) and for a published count from 1 to k - 1. Each finding names the file, the
// feature or row, and the value. A command with the public profile audits the files it wrote instead of a folder
// (Scope::written: every path recorded in Outputs and the files written beside them); a command that read no
// incidents (a table of stops) is audited for counts only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/privacy_options.h"
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
    enum class Scope { folder, written } scope = Scope::folder;
    // A position within `distance` of at least k incidents: a finding, or (k_shared) an aggregate that singles out
    // none of them (hundred-block points, where the input's own points are block points as CMPD's are).
    enum class SharedPositions { finding, k_shared } shared = SharedPositions::finding;
    // Scope::written: files beside an output (same stem, e.g. x.md beside x.csv, x.dbf beside x.shp) count as
    // written when modified after this time.
    std::filesystem::file_time_type since{};

    void declare(OptionTable& table);
  };

  explicit CheckPublicStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "check-public"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const CheckPublicOutcome& outcome() const { return r_; }
  // For the public profile: the folder is the run's, known only once it is made.
  void set_folder(const std::string& folder) { o_.folder = folder; }
  // The files audited (Scope::written), once run: what a failure removes.
  const std::vector<std::string>& audited_files() const { return files_; }

 private:
  Options o_;
  CheckPublicOutcome r_;
  std::vector<std::string> files_;
};

// The files `outputs` recorded and those written beside them since `since` (same folder, name starting with the
// output's stem and a dot), sorted.
std::vector<std::string> written_files(const Outputs& outputs, std::filesystem::file_time_type since);

// How the public profile's audit treats a position shared by k incidents: k_shared for hundred-block points.
CheckPublicStage::Options::SharedPositions audit_sharing(const PrivacyOptions& privacy);

// The public profile's last check: throws std::runtime_error naming the first findings unless the audit passed.
void require_publishable(const CheckPublicStage& check);

}  // namespace hotspot::cli
