// Per-area figures for the priority-area report: incidents (all and violent), share of the city's incidents against
// share of its area (concentration ratio), mean and peak density, Gi* hot cells inside and the share of the area they
// cover, counts by year with the change before/after a start year, and the top categories. Pure computation: area
// membership is a predicate supplied by the caller (exact circles here, GEOS polygons in geo/).
// Years are measured by the share of each calendar year the data covers (from its first to its last dated record,
// whole days): a final year with data to 7 November counts as 311/365 of a year, never as a whole one, so the mean
// per year before and after the start year are annualised rates. Without days (years only), every year counts whole.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/grid.h"

namespace hotspot {

struct ReportIncident {
  double x = 0, y = 0;      // analysis CRS
  std::optional<int> year;  // calendar year, when the record has a date
  std::string category;
  bool violent = false;
  std::optional<int64_t> day;  // days since 1970-01-01 (UTC), when the record has a date; sets the years' coverage
};

struct ReportArea {
  std::string id;
  std::string name;
  double area_sq_crs = 0.0;                        // area in square CRS units
  std::function<bool(double x, double y)> contains;  // boundary counts as inside
};

struct GiGrid {  // Gi* results on a fishnet, for "hot cells inside"
  GridSpec spec;
  std::vector<int> bins;  // Gi_Bin per cell (-3..3), row-major like GridSpec; kNotAnalysed for cells left out
  static constexpr int kNotAnalysed = -99;  // e.g. outside the study area: not counted in gi_cells
};

struct AreaReportOptions {
  int start_year = 0;       // change is measured as mean per year from start_year on vs before it; 0 = no split
  int top_categories = 5;
  double city_area_sq_crs = 0.0;  // area of the city (study area); 0 = unknown (no area shares)
};

struct AreaFigures {
  std::string id;
  std::string name;
  int64_t incidents = 0;
  int64_t violent = 0;
  double share_of_incidents = 0.0;   // of the city's incidents, 0..1
  double share_of_violent = 0.0;     // of the city's violent incidents, 0..1
  double share_of_area = 0.0;        // of the city's area, 0..1 (0 when unknown)
  double concentration_ratio = 0.0;  // share_of_incidents / share_of_area (NaN when unknown)
  double mean_density = 0.0;         // over density cells whose centre is inside, in the raster's unit (NaN: none)
  double peak_density = 0.0;
  int64_t density_cells = 0;
  int64_t gi_cells = 0;              // Gi* cells whose centre is inside
  int64_t hot_cells_90 = 0, hot_cells_95 = 0, hot_cells_99 = 0;  // Gi_Bin >= 1, >= 2, == 3
  double hot_cover_90 = 0.0, hot_cover_95 = 0.0, hot_cover_99 = 0.0;  // share of the area they cover, 0..1
  std::map<int, int64_t> by_year;
  std::map<int, double> year_coverage;  // share of each calendar year of the data's span it covers (1 = whole year)
  int64_t before = 0, after = 0;      // incidents before start_year and from it on
  double years_before = 0, years_after = 0;  // years of data before start_year and from it on (partial years in part)
  double change_pct = 0.0;            // change of the mean per year, after vs before (NaN if no "before")
  std::vector<std::pair<std::string, int64_t>> top_categories;
};

// Figures for one area. `totals` must be the same computation over the whole city (contains = always true);
// compute it first with city_figures().
AreaFigures area_figures(const ReportArea& area, const std::vector<ReportIncident>& incidents, const Raster* density,
                         const GiGrid* gi, const AreaReportOptions& options, const AreaFigures* city);

// Citywide figures (every incident, every cell, the city's area).
AreaFigures city_figures(const std::vector<ReportIncident>& incidents, const Raster* density, const GiGrid* gi,
                         const AreaReportOptions& options);

}  // namespace hotspot
