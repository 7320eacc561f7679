// Officer-involved shootings as CMPD publishes them: three tables joined by INCIDENT_ID (incidents with their
// coordinates, the individuals shot at, the officers who fired; engine/disparity/key_join.h). The Shootings stage of
// `hotspot shootings` writes the incidents as points (with their division, from the division polygons, and how many
// individuals and officers each involved), and a report of the individuals by race, sex, age band and injury, by
// year and by division, and of the officers by race and year, each table with its margins and every count from 1 to
// k - 1 suppressed with its complements (engine/privacy/cell_suppression.h). Every row of every table is joined or
// listed in the report with its reason. Not part of `hotspot run`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/disparity/count_table.h"
#include "engine/privacy/cell_suppression.h"

namespace hotspot::cli {

// One published table: its counts with margins and what is suppressed.
struct ShootingsTable {
  std::string title;          // "Individuals by race and year"
  CountTable counts;
  SuppressionResult hidden;
};

struct ShootingsOutcome {
  size_t incidents = 0, individuals = 0, officers = 0;
  size_t individuals_joined = 0, officers_joined = 0;
  size_t incidents_in_a_division = 0;
  // "individuals row 12: INCIDENT_ID '9999' matches no incident", an incident without coordinates, ...
  std::vector<std::string> unjoined;
  std::vector<ShootingsTable> tables;
  std::vector<std::string> paths;
};

class ShootingsStage : public Stage {
 public:
  struct Options {
    std::string incidents, individuals, officers;  // the three CSV tables. REQUIRES: all given
    std::string key = "INCIDENT_ID";               // the column they share. REQUIRES: in all three
    std::string zones;                             // division polygons. DEFAULT: none (no division tables)
    std::string zone_name = "DNAME";               // their name field. REQUIRES (zones): in the layer
    int min_count = 5;                             // k of the tables' suppression. REQUIRES: 1..1000
    std::string output;                            // incident points: .geojson, .gpkg or .shp. REQUIRES: given
    std::string report;                            // Markdown report, tables as CSV beside it. REQUIRES: given, .md

    void declare(OptionTable& table);
  };

  explicit ShootingsStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "shootings"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;
  const ShootingsOutcome& outcome() const { return r_; }

 private:
  Options o_;
  ShootingsOutcome r_;
};

}  // namespace hotspot::cli
