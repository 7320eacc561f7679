#include "engine/report/area_report.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/timestamp.h"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The data's span: its first and last year, and how much of each year it covers.
struct DataSpan {
  int first_year = std::numeric_limits<int>::max(), last_year = std::numeric_limits<int>::min();
  std::map<int, double> coverage;
};

void fill(AreaFigures& f, const std::function<bool(double, double)>& contains, double area_sq,
          const std::vector<ReportIncident>& incidents, const Raster* density, const GiGrid* gi,
          const AreaReportOptions& o, const DataSpan& span) {
  const int first_year = span.first_year, last_year = span.last_year;
  f.year_coverage = span.coverage;
  std::map<std::string, int64_t> cats;
  for (const ReportIncident& inc : incidents) {
    if (!contains(inc.x, inc.y)) continue;
    ++f.incidents;
    if (inc.violent) ++f.violent;
    if (inc.year) {
      f.by_year[*inc.year] += 1;
      if (o.start_year > 0) (*inc.year < o.start_year ? f.before : f.after) += 1;
    }
    cats[inc.category.empty() ? "(blank)" : inc.category] += 1;
  }
  std::vector<std::pair<std::string, int64_t>> sorted(cats.begin(), cats.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (static_cast<int>(sorted.size()) > o.top_categories) sorted.resize(static_cast<size_t>(o.top_categories));
  f.top_categories = std::move(sorted);
  if (o.start_year > 0 && first_year <= last_year) {
    for (const auto& [year, share] : span.coverage) (year < o.start_year ? f.years_before : f.years_after) += share;
    const double rate_before = f.years_before > 0 ? static_cast<double>(f.before) / f.years_before : kNaN;
    const double rate_after = f.years_after > 0 ? static_cast<double>(f.after) / f.years_after : kNaN;
    f.change_pct = (rate_before > 0) ? 100.0 * (rate_after - rate_before) / rate_before : kNaN;
  } else {
    f.change_pct = kNaN;
  }
  if (density) {
    double sum = 0.0, peak = -std::numeric_limits<double>::infinity();
    const GridSpec& s = density->spec;
    for (int64_t r = 0; r < s.nrows; ++r) {
      const double y = s.row_center_y(r);
      for (int64_t c = 0; c < s.ncols; ++c) {
        const double v = density->at(r, c);
        if (std::isnan(v) || !contains(s.col_center_x(c), y)) continue;
        sum += v;
        peak = std::max(peak, v);
        ++f.density_cells;
      }
    }
    f.mean_density = f.density_cells > 0 ? sum / static_cast<double>(f.density_cells) : kNaN;
    f.peak_density = f.density_cells > 0 ? peak : kNaN;
  } else {
    f.mean_density = f.peak_density = kNaN;
  }
  if (gi) {
    const GridSpec& s = gi->spec;
    for (int64_t r = 0; r < s.nrows; ++r) {
      const double y = s.row_center_y(r);
      for (int64_t c = 0; c < s.ncols; ++c) {
        if (!contains(s.col_center_x(c), y)) continue;
        const int b = gi->bins[static_cast<size_t>(r * s.ncols + c)];
        if (b == GiGrid::kNotAnalysed) continue;
        ++f.gi_cells;
        if (b >= 1) ++f.hot_cells_90;
        if (b >= 2) ++f.hot_cells_95;
        if (b >= 3) ++f.hot_cells_99;
      }
    }
    if (area_sq > 0) {
      const double a = s.cell_area();
      f.hot_cover_90 = std::min(1.0, static_cast<double>(f.hot_cells_90) * a / area_sq);
      f.hot_cover_95 = std::min(1.0, static_cast<double>(f.hot_cells_95) * a / area_sq);
      f.hot_cover_99 = std::min(1.0, static_cast<double>(f.hot_cells_99) * a / area_sq);
    }
  }
}

// The span of the dated incidents; each year's coverage from the first to the last day when every dated incident has
// its day, else whole years.
DataSpan data_span(const std::vector<ReportIncident>& incidents) {
  DataSpan s;
  int64_t first_day = std::numeric_limits<int64_t>::max(), last_day = std::numeric_limits<int64_t>::min();
  bool days = true;
  for (const ReportIncident& i : incidents) {
    if (!i.year) continue;
    s.first_year = std::min(s.first_year, *i.year);
    s.last_year = std::max(s.last_year, *i.year);
    if (!i.day) days = false;
    else first_day = std::min(first_day, *i.day), last_day = std::max(last_day, *i.day);
  }
  for (int y = s.first_year; y <= s.last_year; ++y) {
    const int64_t begin = days_from_civil(y, 1, 1), end = days_from_civil(y + 1, 1, 1);
    const int64_t covered = days ? std::min(end, last_day + 1) - std::max(begin, first_day) : end - begin;
    s.coverage[y] = static_cast<double>(std::max<int64_t>(0, covered)) / static_cast<double>(end - begin);
  }
  return s;
}

}  // namespace

AreaFigures city_figures(const std::vector<ReportIncident>& incidents, const Raster* density, const GiGrid* gi,
                         const AreaReportOptions& o) {
  AreaFigures f;
  f.id = "city";
  f.name = "Citywide";
  fill(f, [](double, double) { return true; }, o.city_area_sq_crs, incidents, density, gi, o, data_span(incidents));
  f.share_of_incidents = f.incidents > 0 ? 1.0 : 0.0;
  f.share_of_violent = f.violent > 0 ? 1.0 : 0.0;
  f.share_of_area = o.city_area_sq_crs > 0 ? 1.0 : 0.0;
  f.concentration_ratio = o.city_area_sq_crs > 0 ? 1.0 : kNaN;
  return f;
}

AreaFigures area_figures(const ReportArea& area, const std::vector<ReportIncident>& incidents, const Raster* density,
                         const GiGrid* gi, const AreaReportOptions& o, const AreaFigures* city) {
  AreaFigures f;
  f.id = area.id;
  f.name = area.name;
  // the city's span, so every area is measured over the same years
  fill(f, area.contains, area.area_sq_crs, incidents, density, gi, o, data_span(incidents));
  if (city) {
    f.share_of_incidents = city->incidents > 0 ? static_cast<double>(f.incidents) / static_cast<double>(city->incidents) : 0.0;
    f.share_of_violent = city->violent > 0 ? static_cast<double>(f.violent) / static_cast<double>(city->violent) : 0.0;
  }
  if (o.city_area_sq_crs > 0) {
    f.share_of_area = area.area_sq_crs / o.city_area_sq_crs;
    f.concentration_ratio = f.share_of_area > 0 ? f.share_of_incidents / f.share_of_area : kNaN;
  } else {
    f.concentration_ratio = kNaN;
  }
  return f;
}

}  // namespace hotspot
