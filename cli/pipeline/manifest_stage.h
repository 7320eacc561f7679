// The run's manifest.json, the last stage of `hotspot run`: what ran (the engine, the time, the config as given and
// as resolved), on what (a checksum of every input, a shapefile's sidecars included) and with what result (the
// record accounting, the CRS, a checksum of every file in the folder, the notes), so a run can be reproduced and
// audited. The folder's files are those the stages recorded, in the order written, then the sidecars the writers
// put beside them, by name.
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class ManifestStage : public Stage {
 public:
  struct Options {
    // The config file as given on the command line.
    std::string config_path;
    // The config with every default filled in (resolved_config_json). REQUIRES: a JSON object.
    std::string resolved_config_json;
    // Files the run read, checksummed in this order, a .shp followed by its .shx, .dbf, .prj and .cpg; empty and
    // missing paths and repeats are skipped. DEFAULT: none.
    std::vector<std::string> inputs;
    // The time the report states. DEFAULT: report_time_utc() when the stage runs.
    std::string generated_utc;
    // The column records without coordinates were placed from, named in the notes as the report names it.
    std::string address_column;
  };

  explicit ManifestStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "manifest"; }
  void validate(const Outputs& outputs) override;
  // Reads the records and the notes from the Context and the files written so far from Outputs; records
  // manifest.json last.
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
