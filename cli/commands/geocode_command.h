// `hotspot geocode INPUT --address-col LOCATION --reference [KIND=]PATH[?role=COLUMN&...] -o OUT`
//
// Places every record from its address against offline reference data and writes the placed records (input
// columns + point, match type, score, reference id, ...) to OUT (CSV, GeoJSON or GeoPackage by extension); the
// records it cannot place go to the rejects file with a reason. The summary gives the match rate by match type and
// warns below 85 % (crime maps built on a lower geocoding rate mislead; Ratcliffe 2004).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/commands/command.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/references_stage.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct GeocodeCommandOptions {
  IngestOptions ingest;          // INPUT..., --layer, --crs, ... as every command that reads records
  std::string rejects;           // DEFAULT: <output stem>.rejects.csv
  struct Geocode {
    ReferencesStage::Options references;  // --reference, --address-col, --min-score, ... (the run's `geocode` keys)
    std::string output;          // -o: .csv, .geojson or .gpkg. REQUIRES: given.
    bool json = false;           // print the summary as JSON
    void declare(OptionTable& table);
  } geocode;
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;
  PrivacyOptions privacy;  // --profile and its keys (public: see README, 'Publishing')
  double warn_below_rate = 0.85;
};

int run_geocode(const GeocodeCommandOptions& options, std::ostream& out, std::ostream& err);
void register_geocode(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
