#include "cli/pipeline/run_report.h"

#include "cli/pipeline/trends_report.h"
#include "engine/core/text.h"
#include "engine/spacetime/emerging_pattern.h"

#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hotspot::cli {

namespace {

std::string fixed(double v, int decimals) { return std::isfinite(v) ? format_fixed(v, decimals) : "n/a"; }

std::string pct(double share, int decimals = 1) { return std::isfinite(share) ? fixed(100.0 * share, decimals) + "%" : "n/a"; }

std::string signed_pct(double v) {
  if (!std::isfinite(v)) return "n/a";
  std::string s = v >= 0 ? "+" : "";
  s += fixed(v, 0);
  s += "%";
  return s;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string md_cell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  return s;
}

// "2017: 11, 2018: 2, ..., 2025: 9 (2025 partial: 85% of the year)": a year the data covers only in part says so.
std::string years_line(const AreaFigures& f) {
  std::string s, partial;
  for (const auto& [y, n] : f.by_year) s += (s.empty() ? "" : ", ") + std::to_string(y) + ": " + std::to_string(n);
  for (const auto& [y, share] : f.year_coverage)
    if (share < 1.0)
      partial += (partial.empty() ? "" : ", ") + std::to_string(y) + " partial: " +
                 std::to_string(static_cast<int>(std::floor(share * 100))) + "% of the year";
  if (s.empty()) return "no dates";
  return partial.empty() ? s : s + " (" + partial + ")";
}

std::string categories_line(const AreaFigures& f) {
  std::string s;
  for (const auto& [c, n] : f.top_categories) s += (s.empty() ? "" : "; ") + c + " (" + std::to_string(n) + ")";
  return s.empty() ? "none" : s;
}

// Title, source and date range, and the preview map when one was drawn.
void markdown_heading(std::ostream& md, const RunReport& r) {
  md << "# " << r.title << "\n\n";
  md << "Generated " << r.generated_utc << " by hotspot from `" << r.input_path << "`";
  if (!r.date_range.empty()) md << ", incidents reported " << r.date_range;
  md << ".\n\n";
  if (!r.preview_image.empty())
    md << "![Map: density surface, Gi* hot spots, priority areas and uncovered hot spots](" << r.preview_image
       << ")\n\nThe interactive map is `map.html` (opens offline in any browser); `hotspot.qgs` opens the layers styled in QGIS.\n\n";
}

// The records read, used and set aside (by reason), the CRS, the methods and what "violent" means.
void markdown_records(std::ostream& md, const RunReport& r) {
  md << "## Records\n\n";
  md << "- " << r.accounting.records_in() << " records read; " << r.accounting.accepted() << " used; "
     << r.accounting.rejected_total() << " set aside (listed with reasons in `rejects.csv`)";
  if (!r.accounting.rejected_by_reason().empty()) {
    md << ":";
    bool first = true;
    for (const auto& [code, n] : r.accounting.rejected_by_reason()) {
      md << (first ? " " : ", ") << code << " " << n;
      first = false;
    }
  }
  md << ".\n";
  md << "- Distances and areas in " << r.crs_description << ".\n";
  md << "- Kernel density: " << r.kde_description << "; values in " << r.density_unit_label << ".\n";
  md << "- Hot spots: Getis-Ord Gi* on " << r.gistar_description << ".\n";
  if (!r.violent_categories.empty()) {
    md << "- \"Violent\" means: ";
    for (size_t i = 0; i < r.violent_categories.size(); ++i) md << (i ? ", " : "") << r.violent_categories[i];
    md << ".\n";
  }
}

// One row per area and the citywide row, with what the columns mean.
void markdown_areas_table(std::ostream& md, const RunReport& r) {
  md << "\n## Priority areas at a glance\n\n";
  md << "| area | incidents | violent | share of city incidents | share of city area | concentration ratio | "
        "mean density | peak density | Gi* hot cells (99% / 95% / 90%) | area covered by 95% hot cells | change per year";
  if (r.start_year > 0) md << " from " << r.start_year;
  md << " |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  auto row = [&](const std::string& name, const AreaFigures& f) {
    md << "| " << md_cell(name) << " | " << f.incidents << " | " << f.violent << " | " << pct(f.share_of_incidents) << " | "
       << pct(f.share_of_area, 2) << " | " << fixed(f.concentration_ratio, 1) << "x | " << fixed(f.mean_density, 1) << " | "
       << fixed(f.peak_density, 1) << " | " << f.hot_cells_99 << " / " << f.hot_cells_95 << " / " << f.hot_cells_90 << " | "
       << pct(f.hot_cover_95, 0) << " | " << signed_pct(f.change_pct) << " |\n";
  };
  for (size_t i = 0; i < r.areas.size() && i < r.area_figures.size(); ++i) row(r.areas[i].name, r.area_figures[i]);
  row("Citywide", r.city);
  md << "\nDensities are in " << r.density_unit_label << ". The concentration ratio is the area's share of the city's "
        "incidents divided by its share of the city's area (1x = no more than its size would predict). The change "
        "compares the mean number of incidents per year";
  if (r.start_year > 0) md << " from " << r.start_year << " on with the years before";
  md << "; a year the data covers only in part counts as that part of a year (an annualised rate).\n";
}

// One area's section: its shape, incidents, years, change, categories, Gi* cells, overlaps.
void markdown_area(std::ostream& md, const RunReport& r, const PriorityAreaInfo& a, const AreaFigures& f) {
  md << "\n### " << a.name << "\n\n";
  if (a.radius_mi > 0)
    md << "- Circle of radius " << fixed(a.radius_mi, 2) << " mi around " << a.intersection << " (" << a.placed_by << "), "
       << fixed(a.area_sq_mi, 2) << " sq mi.\n";
  else
    md << "- Polygon, " << fixed(a.area_sq_mi, 2) << " sq mi.\n";
  md << "- " << f.incidents << " incidents (" << pct(f.share_of_incidents) << " of the city's), of which " << f.violent
     << " violent (" << pct(f.share_of_violent) << " of the city's violent incidents).\n";
  md << "- By year: " << years_line(f) << ".\n";
  if (r.start_year > 0)
    md << "- Mean per year: " << fixed(f.years_before ? double(f.before) / f.years_before : NAN, 1) << " before " << r.start_year
       << ", " << fixed(f.years_after ? double(f.after) / f.years_after : NAN, 1) << " from " << r.start_year
       << " on (" << signed_pct(f.change_pct) << "; citywide " << signed_pct(r.city.change_pct) << ").\n";
  md << "- Top categories: " << categories_line(f) << ".\n";
  md << "- Gi* cells inside: " << f.gi_cells << "; hot at 99%: " << f.hot_cells_99 << ", 95%: " << f.hot_cells_95 << ", 90%: "
     << f.hot_cells_90 << " (covering " << pct(f.hot_cover_99, 0) << ", " << pct(f.hot_cover_95, 0) << " and "
     << pct(f.hot_cover_90, 0) << " of the area).\n";
  if (!a.overlaps.empty()) {
    md << "- Overlaps ";
    for (size_t k = 0; k < a.overlaps.size(); ++k) md << (k ? ", " : "") << a.overlaps[k];
    md << ": incidents in the overlap are counted in each area.\n";
  }
  if (a.outside_data_extent) md << "- **This area lies outside the extent of the data.**\n";
}

// The clusters of hot cells outside every area, ranked, or a sentence saying there is none.
void markdown_clusters(std::ostream& md, const RunReport& r) {
  md << "\n## Hot spots outside every priority area\n\n";
  if (r.clusters.empty()) {
    md << "No cluster of significant hot cells (Gi_Bin >= 2, 95% confidence) lies outside the priority areas.\n";
    return;
  }
  md << "Clusters of contiguous Gi* hot cells at 95% confidence or more (Gi_Bin >= 2) with no cell centre in a "
        "priority area, ranked by incidents.\n\n";
  md << "| rank | near | patrol division | neighbourhood profile area | incidents | cells | area (sq mi) | max z |\n";
  md << "|---:|---|---|---|---:|---:|---:|---:|\n";
  for (const HotspotClusterFigures& c : r.clusters) {
    md << "| " << c.rank << " | " << md_cell(c.nearest_intersection.empty() ? "(no named intersection)" : c.nearest_intersection);
    if (!c.nearest_intersection.empty()) md << " (" << fixed(c.intersection_distance_ft, 0) << " ft)";
    md << " | " << md_cell(c.division) << " | " << md_cell(c.neighborhood) << " | " << c.incidents << " | " << c.cells << " | "
       << fixed(c.area_sq_mi, 2) << " | " << fixed(c.max_z, 2) << " |\n";
  }
}

// "Intensifying Hot Spot 3; No Pattern Detected 12", hot patterns first (by code), then cold, then none.
std::string mix_line(const EmergingAreaMix& m) {
  std::string s;
  auto add = [&](int c) {
    const auto it = m.cells_by_category.find(c);
    if (it == m.cells_by_category.end()) return;
    s += (s.empty() ? "" : "; ") + pattern_name(static_cast<EmergingPattern>(c)) + " " + std::to_string(it->second);
  };
  for (int c = 1; c <= 8; ++c) add(c);
  for (int c = -1; c >= -8; --c) add(c);
  add(0);
  return s.empty() ? "no cell" : s;
}

int64_t mix_cells(const EmergingAreaMix& m) {
  int64_t n = 0;
  for (const auto& [c, k] : m.cells_by_category) n += k;
  return n;
}

void markdown_emerging(std::ostream& md, const RunReport& r) {
  md << "\n## Emerging hot spots in the priority areas\n\n";
  md << "ArcGIS's emerging hot spot patterns (space-time Gi* and Mann-Kendall, see the README) on " << r.emerging_description
     << "; the layer is `emerging_hotspots.geojson`. Cells of each pattern whose centre lies in the area:\n\n";
  md << "| area | cells | patterns |\n|---|---:|---|\n";
  for (const EmergingAreaMix& m : r.emerging_mix)
    md << "| " << md_cell(m.name) << " | " << mix_cells(m) << " | " << md_cell(mix_line(m)) << " |\n";
}

}  // namespace

std::string report_markdown(const RunReport& r) {
  std::ostringstream md;
  markdown_heading(md, r);
  markdown_records(md, r);
  markdown_areas_table(md, r);
  for (size_t i = 0; i < r.areas.size() && i < r.area_figures.size(); ++i) markdown_area(md, r, r.areas[i], r.area_figures[i]);
  if (r.trends) trends_markdown(md, *r.trends);
  if (!r.emerging_mix.empty()) markdown_emerging(md, r);
  markdown_clusters(md, r);
  if (!r.notes.empty()) {
    md << "\n## Notes\n\n";
    for (const std::string& n : r.notes) md << "- " << n << "\n";
  }
  return md.str();
}

std::string report_csv(const RunReport& r) {
  std::ostringstream os;
  os << "area_id,name,incidents,violent,share_incidents,share_violent,share_area,concentration_ratio,mean_density,"
        "peak_density,density_unit,gi_cells,hot_cells_90,hot_cells_95,hot_cells_99,hot_cover_90,hot_cover_95,hot_cover_99,"
        "before,after,"
        "years_before,years_after,change_pct,top_categories" << trends_csv_header() << "\n";
  auto row = [&](const std::string& id, const std::string& name, const AreaFigures& f, const SeriesTrendFigures* t) {
    auto num = [](double v) { return std::isfinite(v) ? fixed(v, 6) : std::string(); };
    os << csv_cell(id) << "," << csv_cell(name) << "," << f.incidents << "," << f.violent << "," << num(f.share_of_incidents) << ","
       << num(f.share_of_violent) << "," << num(f.share_of_area) << "," << num(f.concentration_ratio) << "," << num(f.mean_density)
       << "," << num(f.peak_density) << "," << csv_cell(r.density_unit_label) << "," << f.gi_cells << "," << f.hot_cells_90 << ","
       << f.hot_cells_95 << "," << f.hot_cells_99 << "," << num(f.hot_cover_90) << "," << num(f.hot_cover_95) << ","
       << num(f.hot_cover_99) << "," << f.before << "," << f.after << ","
       << num(f.years_before) << "," << num(f.years_after) << "," << num(f.change_pct) << "," << csv_cell(categories_line(f))
       << trends_csv_cells(t) << "\n";
  };
  const bool trends = r.trends && r.trends->areas.size() == r.areas.size();
  for (size_t i = 0; i < r.areas.size() && i < r.area_figures.size(); ++i)
    row(r.areas[i].id, r.areas[i].name, r.area_figures[i], trends ? &r.trends->areas[i] : nullptr);
  row("city", "Citywide", r.city, r.trends ? &r.trends->city : nullptr);
  return os.str();
}

namespace {

using nlohmann::ordered_json;

ordered_json json_number(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }

ordered_json figures_json(const AreaFigures& f) {
  ordered_json j;
  j["incidents"] = f.incidents;
  j["violent"] = f.violent;
  j["share_incidents"] = json_number(f.share_of_incidents);
  j["share_violent"] = json_number(f.share_of_violent);
  j["share_area"] = json_number(f.share_of_area);
  j["concentration_ratio"] = json_number(f.concentration_ratio);
  j["mean_density"] = json_number(f.mean_density);
  j["peak_density"] = json_number(f.peak_density);
  j["gi_cells"] = f.gi_cells;
  j["hot_cells"] = {{"90", f.hot_cells_90}, {"95", f.hot_cells_95}, {"99", f.hot_cells_99}};
  j["hot_cover"] = {{"90", json_number(f.hot_cover_90)}, {"95", json_number(f.hot_cover_95)}, {"99", json_number(f.hot_cover_99)}};
  ordered_json years = ordered_json::object();
  for (const auto& [y, n] : f.by_year) years[std::to_string(y)] = n;
  j["by_year"] = years;
  ordered_json coverage = ordered_json::array();  // {"year", "share"}: keyed by year the shares would read as counts
  for (const auto& [y, share] : f.year_coverage) coverage.push_back({{"year", y}, {"share", json_number(share)}});
  j["year_coverage"] = coverage;
  j["before"] = f.before;
  j["after"] = f.after;
  j["change_pct"] = json_number(f.change_pct);
  ordered_json cats = ordered_json::array();
  for (const auto& [c, n] : f.top_categories) cats.push_back({{"category", c}, {"incidents", n}});
  j["top_categories"] = cats;
  return j;
}

ordered_json area_json(const PriorityAreaInfo& a, const AreaFigures& f) {
  ordered_json e;
  e["id"] = a.id;
  e["name"] = a.name;
  e["intersection"] = a.intersection;
  e["placed_by"] = a.placed_by;
  e["radius_mi"] = a.radius_mi;
  e["area_sq_mi"] = a.area_sq_mi;
  e["lon"] = a.lon;
  e["lat"] = a.lat;
  e["overlaps"] = a.overlaps;
  e["outside_data_extent"] = a.outside_data_extent;
  e["figures"] = figures_json(f);
  return e;
}

ordered_json cluster_json(const HotspotClusterFigures& c) {
  return {{"rank", c.rank}, {"incidents", c.incidents}, {"cells", c.cells}, {"area_sq_mi", c.area_sq_mi},
          {"max_z", c.max_z}, {"lon", c.lon}, {"lat", c.lat}, {"nearest_intersection", c.nearest_intersection},
          {"intersection_distance_ft", c.intersection_distance_ft}, {"division", c.division},
          {"neighborhood", c.neighborhood}};
}

}  // namespace

std::string report_json(const RunReport& r) {
  ordered_json j;
  j["title"] = r.title;
  j["generated_utc"] = r.generated_utc;
  j["input"] = r.input_path;
  j["records"] = {{"in", r.accounting.records_in()}, {"accepted", r.accounting.accepted()},
                  {"rejected", r.accounting.rejected_total()}, {"rejected_by_reason", r.accounting.rejected_by_reason()}};
  j["crs"] = r.crs_description;
  j["density_unit"] = r.density_unit_label;
  j["kde"] = r.kde_description;
  j["gistar"] = r.gistar_description;
  j["violent_categories"] = r.violent_categories;
  j["start_year"] = r.start_year;
  j["city_area_sq_mi"] = json_number(r.city_area_sq_mi);
  j["citywide"] = figures_json(r.city);
  ordered_json areas = ordered_json::array();
  for (size_t i = 0; i < r.areas.size() && i < r.area_figures.size(); ++i) areas.push_back(area_json(r.areas[i], r.area_figures[i]));
  j["priority_areas"] = areas;
  ordered_json clusters = ordered_json::array();
  for (const HotspotClusterFigures& c : r.clusters) clusters.push_back(cluster_json(c));
  j["uncovered_hotspots"] = clusters;
  if (r.trends) j["trends"] = trends_json(*r.trends, r.monthly_counts);
  if (!r.emerging_mix.empty()) {
    ordered_json areas_mix = ordered_json::array();
    for (const EmergingAreaMix& m : r.emerging_mix) {
      ordered_json cells = ordered_json::object();
      for (const auto& [c, k] : m.cells_by_category) cells[pattern_name(static_cast<EmergingPattern>(c))] = k;
      areas_mix.push_back({{"id", m.id}, {"name", m.name}, {"cells_by_pattern", cells}});
    }
    j["emerging"] = {{"description", r.emerging_description}, {"areas", areas_mix}};
  }
  j["notes"] = r.notes;
  return j.dump(2) + "\n";
}

}  // namespace hotspot::cli
