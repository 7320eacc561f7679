// Reading the incident records once: the Ingest stage every command starts with. Leaves the records, the analysis
// CRS and the study area in the Context; writes the rejects file when asked.
#pragma once

#include <string>

#include "cli/pipeline/stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

class IngestStage : public Stage {
 public:
  struct Options {
    // DEFAULT for ingest.analysis_crs: the geocoder's CRS when the References stage ran.
    IngestOptions ingest;
    // Rejected records with file, row, column and reason. DEFAULT: not written (subcommands); rejects.csv in a run.
    std::string rejects;
    // Stop with an error when no record is accepted. DEFAULT: true (every analysis needs incidents).
    bool require_records = true;
  };

  // `resolver`, when given, places records without coordinates; it must outlive the stage. DEFAULT: the Context's
  // resolver (set by the References stage), if any.
  explicit IngestStage(Options options, CoordinateResolver* resolver = nullptr)
      : o_(std::move(options)), resolver_(resolver) {}
  std::string name() const override { return "ingest"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
  CoordinateResolver* resolver_;
};

}  // namespace hotspot::cli
