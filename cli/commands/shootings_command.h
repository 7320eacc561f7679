// `hotspot shootings --incidents I.csv --individuals P.csv --officers O.csv -o shootings.geojson --report
// shootings.md`: the Shootings stage (cli/pipeline/shootings_stage.h) on CMPD's officer-involved shooting tables;
// prints how the tables joined and where the outputs are.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/shootings_stage.h"

namespace hotspot::cli {

struct ShootingsCommandOptions {
  ShootingsStage::Options shootings;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
};

int run_shootings(const ShootingsCommandOptions& options, std::ostream& out, std::ostream& err);
void register_shootings(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
