// The planners' report of `hotspot run`: report.md (readable, numbers with units), report.csv (one row per area
// plus the citywide row) and report.json (for dashboards), from the figures the pipeline computed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline/areas_outcome.h"
#include "cli/pipeline/clusters_outcome.h"
#include "cli/pipeline/trends_outcome.h"
#include "engine/core/length.h"
#include "engine/core/record_accounting.h"
#include "engine/report/area_report.h"

namespace hotspot::cli {

// The emerging hot spot patterns inside one area: how many cube locations (cells) whose centre is inside have each
// pattern.
struct EmergingAreaMix {
  std::string id;
  std::string name;
  std::map<int, int64_t> cells_by_category;  // ArcGIS's CATEGORY -> cells
};

struct RunReport {
  std::string title;
  std::string generated_utc;
  std::string input_path;
  RecordAccounting accounting;
  std::string crs_description;
  std::string date_range;                 // "2017-01-01 .. 2025-11-07"
  std::vector<std::string> violent_categories;
  int start_year = 0;
  double city_area_sq_mi = 0.0;
  std::string density_unit_label;         // "incidents per square mile"
  std::string kde_description;            // "quartic kernel, radius 2000 ft, 200 ft cells"
  std::string gistar_description;         // "1000 ft fishnet, fixed band 3000 ft (binary, self included), FDR"
  AreaFigures city;
  std::vector<PriorityAreaInfo> areas;
  std::vector<AreaFigures> area_figures;  // same order as areas
  std::vector<HotspotClusterFigures> clusters;  // uncovered hotspots, ranked
  std::vector<std::string> notes;         // warnings and remarks for the reader
  std::string preview_image;              // file name of the PNG preview map, when one was drawn
  double crs_unit_m = kUsSurveyFootM;     // to turn CRS areas into square miles
  std::optional<TrendsOutcome> trends;    // monthly counts, trends and the before/after comparison
  std::string emerging_description;       // "1000 ft cells x 35 steps of 3months (2017-02-08 .. 2025-11-07)"
  std::vector<EmergingAreaMix> emerging_mix;  // per area, then citywide; empty without the Emerging stage
  bool monthly_counts = true;             // the monthly counts in report.json (not in the public profile)
};

std::string report_markdown(const RunReport& report);
std::string report_csv(const RunReport& report);
std::string report_json(const RunReport& report);

}  // namespace hotspot::cli
