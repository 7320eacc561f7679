#include "cli/pipeline/uncovered_hotspots_stage.h"

#include <algorithm>
#include <cmath>

#include "engine/core/length.h"
#include "engine/hotspot/grid_clusters.h"
#include "geo/gdal/box_union.h"
#include "cli/pipeline/styled_layers.h"

namespace hotspot::cli {

namespace {

struct Cluster {
  HotspotClusterFigures fig;
  std::string wkt;
  int64_t first_cell = 0;
};

// Cells with Gi_Bin >= 2 whose centre is outside every priority area.
std::vector<bool> uncovered_hot_cells(const GistarOutcome& gs, const std::vector<PriorityArea>& areas) {
  std::vector<bool> flagged(gs.grid->size(), false);
  for (size_t c = 0; c < gs.unit_of_cell.size(); ++c) {
    if (gs.unit_of_cell[c] < 0 || gs.bins[static_cast<size_t>(gs.unit_of_cell[c])] < 2) continue;
    const Point p = gs.grid->centroid(static_cast<int64_t>(c));
    flagged[c] = std::none_of(areas.begin(), areas.end(), [&](const PriorityArea& a) { return a.contains(p.x, p.y); });
  }
  return flagged;
}

std::string zone_name_at(const std::optional<ZoneLayer>& zones, const Point& p) {
  if (!zones) return "";
  const int i = zones->locate(p.x, p.y);
  return i < 0 ? "(none)" : zones->zone(static_cast<size_t>(i)).name;
}

Cluster measure(const GridCluster& cl, const Context& ctx) {
  const GistarOutcome& gs = *ctx.gistar;
  const GridSpec spec = gs.grid->spec();
  const double unit_m = ctx.crs().linear_unit_m();
  Cluster b;
  b.first_cell = cl.cells.front();
  std::vector<Extent> boxes;
  double best_z = -HUGE_VAL;
  Point hottest;
  for (int64_t c : cl.cells) {
    const size_t cell = static_cast<size_t>(c);
    b.fig.incidents += static_cast<int64_t>(std::llround(gs.cell_counts[cell]));
    const double z = gs.gi.z[static_cast<size_t>(gs.unit_of_cell[cell])];
    const Point p = gs.grid->centroid(c);
    if (z > best_z) {
      best_z = z;
      hottest = p;
    }
    const double h = spec.cell_size / 2;
    boxes.push_back({p.x - h, p.y - h, p.x + h, p.y + h});
  }
  b.fig.cells = static_cast<int64_t>(cl.cells.size());
  b.fig.area_sq_mi = static_cast<double>(cl.cells.size()) * spec.cell_area() * unit_m * unit_m / kSquareMileM2;
  b.fig.max_z = best_z;
  if (ctx.geocoder) {
    if (auto ni = ctx.geocoder->nearest_intersection(hottest.x, hottest.y)) {
      b.fig.nearest_intersection = ni->name;
      b.fig.intersection_distance_ft = ni->distance_crs * unit_m / kInternationalFootM;
    }
    ctx.geocoder->to_lonlat(hottest.x, hottest.y, b.fig.lon, b.fig.lat);
  }
  if (ctx.boundaries) {
    b.fig.division = zone_name_at(ctx.boundaries->divisions, hottest);
    b.fig.neighborhood = zone_name_at(ctx.boundaries->neighborhoods, hottest);
  }
  b.wkt = union_of_boxes_wkt(boxes);
  return b;
}

VectorLayer cluster_layer(const std::vector<Cluster>& clusters) {
  VectorLayer layer;
  layer.name = "hotspot_clusters";
  layer.kind = GeometryKind::kPolygon;
  layer.fields = {{"RANK", FieldType::kInteger},   {"INCIDENTS", FieldType::kInteger}, {"CELLS", FieldType::kInteger},
                  {"AREA_SQMI", FieldType::kReal}, {"MAX_Z", FieldType::kReal},        {"NEAR_INT", FieldType::kString},
                  {"NEAR_FT", FieldType::kReal},   {"DIVISION", FieldType::kString},   {"NPA", FieldType::kString}};
  for (const Cluster& c : clusters) {
    const HotspotClusterFigures& f = c.fig;
    layer.features.push_back({WktGeometry{c.wkt},
                              {static_cast<int64_t>(f.rank), f.incidents, f.cells, f.area_sq_mi, f.max_z,
                               f.nearest_intersection, f.intersection_distance_ft, f.division, f.neighborhood}});
  }
  return layer;
}

}  // namespace

void UncoveredHotspotsStage::validate(const Outputs& outputs) {
  for (const std::string& p : o_.layers) outputs.check_free(p);
}

void UncoveredHotspotsStage::run(Context& ctx, Outputs& outputs) {
  if (!ctx.gistar || !ctx.gistar->grid || ctx.gistar->grid->shape() != UnitShape::kSquare) {
    ctx.stage_line = "skipped: needs Gi* on a fishnet";
    return;
  }
  const GistarOutcome& gs = *ctx.gistar;
  static const std::vector<PriorityArea> kNoAreas;
  const std::vector<PriorityArea>& areas = ctx.areas ? ctx.areas->areas : kNoAreas;
  const GridSpec spec = gs.grid->spec();
  std::vector<Cluster> clusters;
  for (const GridCluster& cl : find_grid_clusters(uncovered_hot_cells(gs, areas), spec.nrows, spec.ncols))
    clusters.push_back(measure(cl, ctx));
  std::sort(clusters.begin(), clusters.end(), [](const Cluster& a, const Cluster& b) {
    if (a.fig.incidents != b.fig.incidents) return a.fig.incidents > b.fig.incidents;
    if (a.fig.max_z != b.fig.max_z) return a.fig.max_z > b.fig.max_z;
    return a.first_cell < b.first_cell;
  });
  std::vector<HotspotClusterFigures>& figures = ctx.clusters.emplace();
  for (size_t i = 0; i < clusters.size(); ++i) {
    clusters[i].fig.rank = static_cast<int>(i + 1);
    figures.push_back(clusters[i].fig);
  }
  const VectorLayer layer = cluster_layer(clusters);
  write_styled_layers(layer, o_.layers, MapLayerKind::kHotspotClusters, "Hot spots", ctx, outputs);
  ctx.stage_line = std::to_string(clusters.size()) + " clusters of hot cells outside the priority areas";
}

}  // namespace hotspot::cli
