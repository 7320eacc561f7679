#include "geo/read/priority_areas.h"

#include "engine/core/text.h"

#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>
#include <stdexcept>

#include "geo/read/csv_reader.h"
#include "geo/read/zones.h"

namespace hotspot {

namespace {


}  // namespace

std::string circle_wkt(double cx, double cy, double r, int segments) {
  std::ostringstream os;
  os << std::setprecision(12) << "POLYGON((";
  for (int i = 0; i <= segments; ++i) {
    const double a = 2.0 * M_PI * (i % segments) / segments;
    os << (i ? "," : "") << cx + r * std::cos(a) << " " << cy + r * std::sin(a);
  }
  os << "))";
  return os.str();
}

std::vector<PriorityAreaSpec> read_priority_area_file(const std::string& path) {
  CsvReader reader(path);
  const int id_col = reader.column("area_id"), name_col = reader.column("name"), int_col = reader.column("intersection"),
            rad_col = reader.column("radius");
  for (const auto& [col, label] : {std::pair{id_col, "area_id"}, {name_col, "name"}, {int_col, "intersection"}})
    if (col < 0) throw std::runtime_error(path + ": missing column '" + label + "' (need area_id, name, intersection[, radius])");
  std::vector<PriorityAreaSpec> out;
  std::set<std::string> ids;
  while (auto rec = reader.next()) {
    const std::string where = path + ": row " + std::to_string(rec->row) + " (line " + std::to_string(rec->line) + ")";
    if (!rec->error.empty()) throw std::runtime_error(where + ": " + rec->error);
    PriorityAreaSpec s;
    s.row = rec->row;
    s.id = trim(rec->fields[static_cast<size_t>(id_col)]);
    s.name = trim(rec->fields[static_cast<size_t>(name_col)]);
    s.intersection = trim(rec->fields[static_cast<size_t>(int_col)]);
    if (s.id.empty()) throw std::runtime_error(where + ", column area_id: empty");
    if (s.intersection.empty()) throw std::runtime_error(where + ", column intersection: empty");
    if (!ids.insert(s.id).second) throw std::runtime_error(where + ", column area_id: duplicate id '" + s.id + "'");
    if (s.name.empty()) s.name = s.id;
    if (rad_col >= 0) {
      const std::string r = trim(rec->fields[static_cast<size_t>(rad_col)]);
      if (!r.empty()) {
        try {
          s.radius = Length::parse(r);
        } catch (const std::invalid_argument& e) {
          throw std::runtime_error(where + ", column radius: " + e.what());
        }
        if (!(s.radius->value > 0)) throw std::runtime_error(where + ", column radius: must be greater than zero");
      }
    }
    out.push_back(std::move(s));
  }
  if (out.empty()) throw std::runtime_error(path + ": no priority areas in the file");
  return out;
}

std::vector<PriorityArea> place_priority_areas(const std::vector<PriorityAreaSpec>& specs, const Geocoder& geocoder,
                                               const Length& default_radius, const std::string& areas_path) {
  std::vector<PriorityArea> out;
  const double unit_m = geocoder.crs_unit_m();
  for (const PriorityAreaSpec& s : specs) {
    IntersectionPlacement p = geocode_intersection(geocoder, s.intersection);
    if (!p.ok)
      throw std::runtime_error(areas_path + ": row " + std::to_string(s.row) + ": priority area '" + s.name +
                               "': intersection '" + s.intersection + "' does not geocode: " + p.reason);
    PriorityArea a;
    a.id = s.id;
    a.name = s.name;
    a.intersection = s.intersection;
    a.placed_by = "matched '" + p.matched + "', score " + std::to_string(p.score);
    a.cx = p.point.x;
    a.cy = p.point.y;
    geocoder.to_lonlat(a.cx, a.cy, a.lon, a.lat);
    a.radius_crs = (s.radius ? *s.radius : default_radius).in_crs_units(unit_m);
    a.area_sq_crs = M_PI * a.radius_crs * a.radius_crs;
    a.wkt = circle_wkt(a.cx, a.cy, a.radius_crs);
    const double cx = a.cx, cy = a.cy, r = a.radius_crs;
    a.contains = [cx, cy, r](double x, double y) { return std::hypot(x - cx, y - cy) <= r; };
    out.push_back(std::move(a));
  }
  mark_overlaps(out);
  return out;
}

std::vector<PriorityArea> load_priority_polygons(const std::string& path, const std::string& id_field,
                                                 const std::string& name_field, const Crs& analysis_crs,
                                                 std::vector<std::string>* warnings) {
  ZoneLayerOptions zo;
  zo.path = path;
  zo.id_field = id_field;
  zo.name_field = name_field;
  auto layer = std::make_shared<ZoneLayer>(ZoneLayer::load(zo, analysis_crs, warnings));
  CrsTransform to_ll(analysis_crs, Crs::from_user_input("EPSG:4326"));
  std::vector<PriorityArea> out;
  for (size_t i = 0; i < layer->size(); ++i) {
    const Zone& z = layer->zone(i);
    PriorityArea a;
    a.id = z.id;
    a.name = z.name;
    a.placed_by = "polygon from " + path;
    a.area_sq_crs = z.area;
    a.wkt = layer->wkt(i);
    GEOSContextHandle_t h = layer->context();
    GEOSGeometry* c = GEOSGetCentroid_r(h, layer->geometry(i));
    if (c) {
      GEOSGeomGetX_r(h, c, &a.cx);
      GEOSGeomGetY_r(h, c, &a.cy);
      GEOSGeom_destroy_r(h, c);
    }
    a.lon = a.cx;
    a.lat = a.cy;
    to_ll.transform(a.lon, a.lat);
    a.contains = [layer, i](double x, double y) {
      for (int k : layer->locate_all(x, y))
        if (static_cast<size_t>(k) == i) return true;
      return false;
    };
    out.push_back(std::move(a));
  }
  mark_overlaps(out);
  return out;
}

void mark_overlaps(std::vector<PriorityArea>& areas) {
  std::vector<std::pair<std::string, std::string>> wkts;
  for (const PriorityArea& a : areas) wkts.emplace_back(a.id, a.wkt);
  std::vector<std::string> w;
  ZoneLayer layer = ZoneLayer::from_wkt(wkts, &w);
  if (layer.size() != areas.size()) return;  // a degenerate polygon was skipped; no overlap information
  GEOSContextHandle_t h = layer.context();
  for (size_t i = 0; i < areas.size(); ++i)
    for (size_t j = i + 1; j < areas.size(); ++j) {
      bool overlap;
      if (areas[i].radius_crs > 0 && areas[j].radius_crs > 0)
        overlap = std::hypot(areas[i].cx - areas[j].cx, areas[i].cy - areas[j].cy) < areas[i].radius_crs + areas[j].radius_crs;
      else
        overlap = GEOSIntersects_r(h, layer.geometry(i), layer.geometry(j)) == 1 &&
                  GEOSTouches_r(h, layer.geometry(i), layer.geometry(j)) != 1;
      if (overlap) {
        areas[i].overlaps.push_back(areas[j].id);
        areas[j].overlaps.push_back(areas[i].id);
      }
    }
}

}  // namespace hotspot
