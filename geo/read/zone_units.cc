#include "geo/read/zone_units.h"

#include <stdexcept>
#include <string>

namespace hotspot {

std::vector<int64_t> assign_to_zones(const ZoneLayer& zones, PointSpan points) {
  std::vector<int64_t> out(points.size());
  for (size_t i = 0; i < points.size(); ++i) out[i] = zones.locate(points[i].x, points[i].y);
  return out;
}

std::vector<Point> zone_centroids(const ZoneLayer& zones) {
  GEOSContextHandle_t h = zones.context();
  std::vector<Point> out(zones.size());
  for (size_t i = 0; i < zones.size(); ++i) {
    GeosGeomPtr c(GEOSGetCentroid_r(h, zones.geometry(i)), GeosGeomDeleter{h});
    double x = 0, y = 0;
    if (!c || GEOSGeomGetX_r(h, c.get(), &x) != 1 || GEOSGeomGetY_r(h, c.get(), &y) != 1)
      throw std::runtime_error("zone '" + zones.zone(i).id + "': no centroid");
    out[i] = {x, y, 1.0};
  }
  return out;
}

std::vector<std::vector<uint32_t>> zone_contiguity(const ZoneLayer& zones, Contiguity rule) {
  GEOSContextHandle_t h = zones.context();
  const size_t n = zones.size();
  std::vector<std::vector<uint32_t>> lists(n);
  for (size_t i = 0; i < n; ++i) {
    const Extent& a = zones.zone(i).bbox;
    for (size_t j = i + 1; j < n; ++j) {
      const Extent& b = zones.zone(j).bbox;
      if (b.min_x > a.max_x || b.max_x < a.min_x || b.min_y > a.max_y || b.max_y < a.min_y) continue;
      bool neighbours = false;
      if (rule == Contiguity::kEdgesAndCorners) {
        neighbours = GEOSIntersects_r(h, zones.geometry(i), zones.geometry(j)) == 1;
      } else {
        char* m = GEOSRelate_r(h, zones.geometry(i), zones.geometry(j));
        if (!m) throw std::runtime_error("GEOS could not relate zones '" + zones.zone(i).id + "' and '" + zones.zone(j).id + "'");
        // DE-9IM: [0] interior/interior (2 = overlap), [4] boundary/boundary (1 = a shared segment).
        neighbours = m[0] == '2' || m[4] == '1';
        GEOSFree_r(h, m);
      }
      if (neighbours) {
        lists[i].push_back(static_cast<uint32_t>(j));
        lists[j].push_back(static_cast<uint32_t>(i));
      }
    }
  }
  return lists;
}

std::vector<int64_t> grid_cells_in_area(const AnalysisGrid& grid, const ZoneLayer& area, std::span<const double> counts) {
  if (!counts.empty() && counts.size() != grid.size())
    throw std::invalid_argument("grid_cells_in_area: counts do not match the grid");
  const Extent box = area.extent();
  std::vector<int64_t> unit(grid.size(), -1);
  int64_t next = 0;
  for (size_t id = 0; id < grid.size(); ++id) {
    bool keep = !counts.empty() && counts[id] > 0.0;
    if (!keep) {
      const Point c = grid.centroid(static_cast<int64_t>(id));
      keep = box.contains(c.x, c.y) && area.contains_any(c.x, c.y);
    }
    if (keep) unit[id] = next++;
  }
  return unit;
}

}  // namespace hotspot
