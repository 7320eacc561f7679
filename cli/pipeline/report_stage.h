// The planners' report of a run (report.md, report.csv, report.json) from what every earlier stage left in the
// Context: record accounting, CRS, dates, density and Gi* descriptions, the areas and the city, the clusters, notes.
#pragma once

#include <string>

#include "cli/pipeline/run_report.h"
#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class ReportStage : public Stage {
 public:
  struct Options {
    std::string title = "Hotspot analysis";
    std::string input_path;                       // named in the report
    std::vector<std::string> violent_categories;  // listed in the report
    int start_year = 0;                           // the year the change is measured from; 0 = none
    std::string address_column;                   // the column records without coordinates were placed from
    std::string generated_utc;                    // the time stated. DEFAULT: report_time_utc() when run
  };

  explicit ReportStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "report"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const RunReport& report() const { return report_; }  // after run()

 private:
  Options o_;
  RunReport report_;
};

// The time written into reports: SOURCE_DATE_EPOCH when set (reproducible outputs), else now; "2026-12-02 15:04 UTC".
std::string report_time_utc();

// The notes of a run as its report and manifest list them: how the records without coordinates were placed (from
// `address_column`), then every stage's notes.
std::vector<std::string> run_notes(const Context& context, const std::string& address_column);

}  // namespace hotspot::cli
