// `hotspot gistar INPUT -o hotspots.geojson|.shp|.gpkg`: the Ingest and Gistar stages; Getis-Ord Gi* hot spots of
// incidents aggregated into a fishnet, a hexagon grid or polygon zones.
#pragma once

#include <ostream>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/gistar_stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct GistarOptions {
  IngestOptions ingest;
  std::string rejects;  // --rejects; empty = not written
  GistarStage::Options gistar;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  PrivacyOptions privacy;  // --profile and its keys (public: see README, 'Publishing')
};

int run_gistar(const GistarOptions& options, std::ostream& out, std::ostream& err);
void register_gistar(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
