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
#include "geo/geocode/geocoder.h"

namespace hotspot::cli {

struct GeocodeCommandOptions {
  std::string input_path;
  std::string layer;
  char delimiter = 0;
  std::vector<std::string> address_columns;  // one full-address column, or several joined with spaces
  // "[KIND=]PATH[?role=COLUMN&role=COLUMN...]"; KIND = address_points|centrelines|intersections|gazetteer (default:
  // detected); extra keys: layer, crs (source CRS), x, y (coordinate columns).
  std::vector<std::string> references;
  std::string analysis_crs;      // default: the first reference's projected CRS, else the UTM zone of its data
  std::string output_path;
  std::string rejects_path;      // default: <output stem>.rejects.csv
  GeocoderOptions geocoder;
  bool compute_intersections = true;  // from centrelines
  bool overwrite = false;
  bool json = false;
  double warn_below_rate = 0.85;
};

// Parses one --reference value; throws std::invalid_argument naming the text.
ReferenceSource parse_reference_spec(const std::string& spec);

int run_geocode(const GeocodeCommandOptions& options, std::ostream& out, std::ostream& err);
void register_geocode(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
