#include "cli/pipeline/priority_areas_stage.h"

#include <set>

#include "engine/core/closest_names.h"
#include "engine/core/text.h"
#include "engine/core/timestamp.h"
#include "cli/pipeline/styled_layers.h"

namespace hotspot::cli {

namespace {

std::vector<ReportIncident> report_incidents(const IngestResult& in, const std::vector<std::string>& violent_categories) {
  std::set<std::string> violent;
  for (const std::string& c : violent_categories) violent.insert(lower(c));
  std::vector<ReportIncident> incidents;
  incidents.reserve(in.records.size());
  for (const IngestedRecord& r : in.records) {
    ReportIncident ri;
    ri.x = r.point.x;
    ri.y = r.point.y;
    if (r.time_ms) {
      ri.year = year_of_ms(*r.time_ms);
      ri.day = (*r.time_ms >= 0 ? *r.time_ms : *r.time_ms - 86'399'999) / 86'400'000;  // floor: the UTC day
    }
    ri.category = r.category;
    ri.violent = violent.count(lower(r.category)) > 0;
    incidents.push_back(std::move(ri));
  }
  return incidents;
}

// A violent category no accepted record has: a note naming the closest categories the data has.
void note_unmatched_violent(Context& ctx, const IngestResult& in, const std::vector<std::string>& violent_categories) {
  std::set<std::string> present;
  std::vector<std::string> names;
  for (const auto& [name, n] : in.category_counts) {
    present.insert(lower(name));
    names.push_back(name);
  }
  for (const std::string& c : violent_categories)
    if (!present.count(lower(c))) {
      const std::string hint = did_you_mean(closest_names(c, names));
      ctx.note_unmatched("priority areas", "violent category '" + c + "' matches no record" + (hint.empty() ? "" : "; " + hint));
    }
}

// Gi* bins on the fishnet, for "hot cells inside"; none for hexagons or zones (noted).
std::optional<GiGrid> gi_grid(Context& ctx) {
  if (!ctx.gistar || !ctx.gistar->grid) return std::nullopt;
  if (ctx.gistar->grid->shape() != UnitShape::kSquare) {
    ctx.note("Gi* hot cells inside priority areas are counted on fishnets only (hexagons were used)");
    return std::nullopt;
  }
  GiGrid g;
  g.spec = ctx.gistar->grid->spec();
  g.bins = ctx.gistar->cell_bins(GiGrid::kNotAnalysed);
  return g;
}

double city_area_sq_crs(const Context& ctx) {
  const ZoneLayer* city = ctx.boundaries && ctx.boundaries->city_limits ? &*ctx.boundaries->city_limits : ctx.study_area();
  double area = 0.0;
  if (city)
    for (const Zone& z : city->zones()) area += z.area;
  return area;
}

PriorityAreaInfo area_info(const PriorityArea& a, double unit_m, const Extent& data_extent) {
  PriorityAreaInfo info;
  info.id = a.id;
  info.name = a.name;
  info.intersection = a.intersection;
  info.placed_by = a.placed_by;
  info.radius_mi = a.radius_crs * unit_m / kMileM;
  info.area_sq_mi = a.area_sq_crs * unit_m * unit_m / kSquareMileM2;
  info.lon = a.lon;
  info.lat = a.lat;
  info.overlaps = a.overlaps;
  info.outside_data_extent = !data_extent.grown(a.radius_crs).contains(a.cx, a.cy);
  return info;
}

}  // namespace

void PriorityAreasStage::validate(const Outputs& outputs) {
  for (const std::string& p : o_.layers) outputs.check_free(p);
}

std::vector<PriorityArea> PriorityAreasStage::place(Context& ctx) const {
  if (!o_.file.empty()) {
    if (!ctx.geocoder) throw std::logic_error("priority areas by intersection need the References stage first");
    return place_priority_areas(read_priority_area_file(o_.file), *ctx.geocoder, o_.default_radius, o_.file);
  }
  if (o_.polygons.empty()) return {};
  std::vector<std::string> warnings;
  std::vector<PriorityArea> areas =
      load_priority_polygons(o_.polygons, o_.polygons_id_field, o_.polygons_name_field, ctx.crs(), &warnings);
  for (const std::string& w : warnings) ctx.note(w);
  return areas;
}

void PriorityAreasStage::run(Context& ctx, Outputs& outputs) {
  const IngestResult& in = ctx.records();
  const double unit_m = ctx.crs().linear_unit_m();
  AreasOutcome& out = ctx.areas.emplace();
  out.areas = place(ctx);
  const std::vector<ReportIncident> incidents = report_incidents(in, o_.violent_categories);
  if (!in.category_column.empty()) note_unmatched_violent(ctx, in, o_.violent_categories);
  AreaReportOptions ao;
  ao.start_year = o_.start_year;
  ao.top_categories = o_.top_categories;
  ao.city_area_sq_crs = city_area_sq_crs(ctx);
  out.city_area_sq_mi = ao.city_area_sq_crs * unit_m * unit_m / kSquareMileM2;
  const std::optional<GiGrid> gi = gi_grid(ctx);
  const Raster* density = ctx.density ? &ctx.density->raster : nullptr;
  out.city = city_figures(incidents, density, gi ? &*gi : nullptr, ao);
  for (const PriorityArea& a : out.areas) {
    const ReportArea ra{a.id, a.name, a.area_sq_crs, a.contains};
    out.figures.push_back(area_figures(ra, incidents, density, gi ? &*gi : nullptr, ao, &out.city));
    out.info.push_back(area_info(a, unit_m, in.extent));
    if (out.info.back().outside_data_extent)
      ctx.note_unmatched(name(), "priority area '" + a.name + "' lies outside the extent of the data: no record can fall in it");
    if (!a.overlaps.empty())
      ctx.note("priority area '" + a.name + "' overlaps another area; incidents there are counted in each");
  }
  if (!out.areas.empty()) write_layers(ctx, outputs);
  ctx.stage_line = std::to_string(out.areas.size()) + " areas";
}

void PriorityAreasStage::write_layers(const Context& ctx, Outputs& outputs) const {
  const AreasOutcome& out = *ctx.areas;
  VectorLayer layer;
  layer.name = "priority_areas";
  layer.kind = GeometryKind::kPolygon;
  layer.fields = {{"AREA_ID", FieldType::kString},  {"NAME", FieldType::kString},    {"INTERSECT", FieldType::kString},
                  {"RADIUS_MI", FieldType::kReal},  {"AREA_SQMI", FieldType::kReal}, {"INCIDENTS", FieldType::kInteger},
                  {"VIOLENT", FieldType::kInteger}, {"SHARE_INC", FieldType::kReal}, {"CONC_RATIO", FieldType::kReal},
                  {"MEAN_DENS", FieldType::kReal},  {"PEAK_DENS", FieldType::kReal}, {"HOT95", FieldType::kInteger},
                  {"CHANGE_PCT", FieldType::kReal}};
  for (size_t i = 0; i < out.areas.size(); ++i) {
    const AreaFigures& f = out.figures[i];
    const PriorityAreaInfo& info = out.info[i];
    layer.features.push_back({WktGeometry{out.areas[i].wkt},
                              {info.id, info.name, info.intersection, info.radius_mi, info.area_sq_mi, f.incidents,
                               f.violent, f.share_of_incidents, f.concentration_ratio, f.mean_density, f.peak_density,
                               f.hot_cells_95, f.change_pct}});
  }
  write_styled_layers(layer, o_.layers, MapLayerKind::kPriorityAreas, "Priority areas", ctx, outputs);
}

}  // namespace hotspot::cli
