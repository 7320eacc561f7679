// The Disparity stage of `hotspot disparity STOPS`: who is searched (or arrested, or cited), not only where. Reads a
// table of stops (CSV or tab-separated; no coordinates needed), puts each driver in a group (engine/disparity/
// group_rule.h), and writes the outcome rates by zone (division), stop purpose and officer race x driver group with
// Wilson intervals, rate ratios and the NC likelihood measure, the result mix per stop purpose, a logistic
// regression's odds ratios with the chosen controls, small counts suppressed (engine/disparity/). Outputs: a
// Markdown report, the tables as CSV beside it (<stem>.csv, and <stem>.odds_ratios.csv), and with --zones a polygon
// layer of the zones with their rates (field names of at most 10 characters) and a .qml.
//
// Every stop is accepted or rejected with a reason (in == accepted + rejected): malformed_row, missing_group,
// missing_outcome, missing_zone (no --by value), unmatched_zone (a --by value no zone has). Not part of `hotspot run`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline/ingest_options.h"
#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/record_accounting.h"
#include "engine/disparity/disparity_tables.h"
#include "engine/disparity/group_rule.h"
#include "engine/disparity/logistic_regression.h"

namespace hotspot::cli {

// What the stage leaves for the command's summary.
struct DisparityOutcome {
  RecordAccounting accounting;
  DisparityTables tables;
  std::optional<LogisticFit> fit;
  std::string reference_group;
  std::vector<std::string> paths;  // report, tables CSV, odds ratios CSV, layer, style
  size_t zones = 0;                // features in the layer
};

class DisparityStage : public Stage {
 public:
  struct Options {
    std::string stops;                         // STOPS: the stops table (.csv, .tsv, .txt). REQUIRES: given.
    std::string group = "driver_race";         // column of the driver's group (race)
    GroupRule group_rule = GroupRule::kRaceOnly;
    std::string ethnicity_column = "driver_ethnicity";  // hispanic-first only
    std::string hispanic_value = "Hispanic";            // the ethnicity value read as Hispanic
    std::string reference_group;               // DEFAULT: empty = the group with the most stops
    std::string outcome;                       // COLUMN=VALUE, e.g. search_conducted=Yes. REQUIRES: given.
    std::string by;                            // zone column, e.g. cmpd_division; REQUIRES: given with zones
    std::string zones, zones_layer, zone_key;  // polygon zones; zone_key REQUIRED with zones
    std::vector<std::string> controls;         // regression controls: COLUMN or COLUMN:age-band / :experience-band
    std::string reason_column = "reason";      // stop purpose; empty = no such tables
    std::string result_column = "result";      // stop result; empty = no result mix
    std::string officer_column = "officer_race";  // empty = no officer table
    // Residential benchmark: polygons with population (e.g. the NPAs, 2010 census), their id field, the total
    // population field, and GROUP=FIELD (a count) or GROUP=FIELD% (a percentage of the total) per group.
    // REQUIRES: zones, and all four together.
    std::string population, population_id, population_total;
    std::vector<std::string> population_groups;
    int min_count = 5;                         // suppress published counts below this; 0 = none
    std::string report;                        // .md. REQUIRES: given.
    std::string output;                        // zone layer (.gpkg, .shp, .geojson); REQUIRES: zones
    // A --by value no zone has: a warning (its stops rejected as unmatched_zone), or with --strict an error.
    IngestOptions::Unmatched unmatched = IngestOptions::Unmatched::warn;

    void declare(OptionTable& table);
  };

  explicit DisparityStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "disparity"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const DisparityOutcome& outcome() const { return r_; }

 private:
  Options o_;
  DisparityOutcome r_;
};

}  // namespace hotspot::cli
