// Priority areas as data, not code: a CSV naming each area by an intersection and a radius (placed with the
// engine's own geocoder against a named-intersection layer such as the CDOT signals), or polygons from any OGR
// layer. The same files work for any city.
//
// CSV columns: area_id, name, intersection, radius (a length with units; empty = the default radius).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/length.h"
#include "geo/gdal/crs.h"
#include "geo/geocode/geocoder.h"

namespace hotspot {

struct PriorityAreaSpec {
  int64_t row = 0;  // 1-based data row in the areas file
  std::string id;
  std::string name;
  std::string intersection;
  std::optional<Length> radius;
};

struct PriorityArea {
  std::string id;
  std::string name;
  std::string intersection;     // as written; empty for polygon areas
  std::string placed_by;        // how the centre was found, for the report
  double cx = 0.0, cy = 0.0;    // centre (circle) or centroid (polygon), analysis CRS
  double lon = 0.0, lat = 0.0;  // the same in WGS 84
  double radius_crs = 0.0;      // 0 for polygon areas
  double area_sq_crs = 0.0;     // exact for circles (pi r^2), GEOS area for polygons
  std::string wkt;              // polygon in the analysis CRS (circles as 256-gons, for outputs and maps)
  std::function<bool(double, double)> contains;  // exact: distance <= r for circles; GEOS for polygons
  std::vector<std::string> overlaps;             // ids of the other areas it overlaps
};

// Reads the areas CSV. Throws std::runtime_error naming the file, row and column for a missing column, an empty
// id or intersection, a duplicate id, or a radius without units.
std::vector<PriorityAreaSpec> read_priority_area_file(const std::string& path);

// Places each area's intersection with the geocoder. Throws std::runtime_error naming the area and the
// intersection that does not geocode (the run stops: an area in the wrong place would mislead).
std::vector<PriorityArea> place_priority_areas(const std::vector<PriorityAreaSpec>& specs, const Geocoder& geocoder,
                                               const Length& default_radius, const std::string& areas_path);

// Polygon areas from any OGR layer (id and name fields optional).
std::vector<PriorityArea> load_priority_polygons(const std::string& path, const std::string& id_field,
                                                 const std::string& name_field, const Crs& analysis_crs,
                                                 std::vector<std::string>* warnings);

// Fills PriorityArea::overlaps for every pair that overlaps (shares more than a boundary).
void mark_overlaps(std::vector<PriorityArea>& areas);

// A circle as a WKT polygon with `segments` vertices.
std::string circle_wkt(double cx, double cy, double r, int segments = 256);

}  // namespace hotspot
