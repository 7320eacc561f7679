// Polygon zones (patrol divisions, neighbourhood profile areas, a study area, priority areas) in the analysis CRS,
// with GEOS prepared geometries for fast point-in-polygon. Invalid polygons are repaired (GEOSMakeValid) and each
// repair is reported; empty polygons are skipped and reported. Boundaries count as inside.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/extent.h"
#include "geo/gdal/crs.h"
#include "geo/gdal/geos_handles.h"

namespace hotspot {

struct ZoneLayerOptions {
  std::string path;         // any OGR vector source
  std::string layer;        // layer name; empty = first layer
  std::string id_field;     // empty = feature id (FID)
  std::string name_field;   // empty = same as id
  std::string source_crs;   // overrides the layer's CRS (needed when the layer has none)
};

struct Zone {
  std::string id;
  std::string name;
  double area = 0.0;  // square CRS units
  Extent bbox;
};

class ZoneLayer {
 public:
  // Loads and transforms polygons into `target`. Throws std::runtime_error naming the file for an unreadable
  // source, a layer with no CRS (and no source_crs), a missing id/name field, or no usable polygon at all.
  // Per-zone problems (repaired, empty, not a polygon) are appended to `warnings`.
  static ZoneLayer load(const ZoneLayerOptions& options, const Crs& target, std::vector<std::string>* warnings);

  // Builds a layer from WKT polygons already in the analysis CRS (used for generated areas and tests).
  static ZoneLayer from_wkt(const std::vector<std::pair<std::string, std::string>>& id_and_wkt,
                            std::vector<std::string>* warnings);

  ZoneLayer(ZoneLayer&&) noexcept;
  ZoneLayer& operator=(ZoneLayer&&) noexcept;
  ~ZoneLayer();

  size_t size() const { return zones_.size(); }
  const Zone& zone(size_t i) const { return zones_[i]; }
  const std::vector<Zone>& zones() const { return zones_; }
  Extent extent() const;

  // First zone (in layer order) containing the point, or -1.
  int locate(double x, double y) const;
  // Every zone containing the point (zones may overlap).
  std::vector<int> locate_all(double x, double y) const;
  bool contains_any(double x, double y) const { return locate(x, y) >= 0; }

  // Area of the intersection of zone i with an axis-aligned box (for coverage shares).
  double intersection_area_with_box(size_t i, const Extent& box) const;

  // The zone's geometry as WKT / GEOS handle (owned by the layer).
  std::string wkt(size_t i) const;
  const GEOSGeometry* geometry(size_t i) const { return geoms_[i].get(); }
  GEOSContextHandle_t context() const { return ctx_->get(); }

 private:
  ZoneLayer();
  void add(std::string id, std::string name, GeosGeomPtr geom, std::vector<std::string>* warnings);

  std::unique_ptr<GeosContext> ctx_;
  std::vector<Zone> zones_;
  std::vector<GeosGeomPtr> geoms_;
  std::vector<GeosPreparedPtr> prepared_;
};

}  // namespace hotspot
