#include "geo/gdal/box_union.h"

#include <stdexcept>

#include "geo/gdal/geos_handles.h"

namespace hotspot {

std::string union_of_boxes_wkt(const std::vector<Extent>& boxes) {
  if (boxes.empty()) return "POLYGON EMPTY";
  GeosContext ctx;
  GEOSContextHandle_t h = ctx.get();
  std::vector<GEOSGeometry*> parts;
  parts.reserve(boxes.size());
  for (const Extent& b : boxes) parts.push_back(GEOSGeom_createRectangle_r(h, b.min_x, b.min_y, b.max_x, b.max_y));
  GeosGeomPtr coll(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size())),
                   GeosGeomDeleter{h});
  if (!coll) throw std::runtime_error("GEOS could not collect the cells: " + ctx.last_error());
  GeosGeomPtr u(GEOSUnaryUnion_r(h, coll.get()), GeosGeomDeleter{h});
  if (!u) throw std::runtime_error("GEOS could not union the cells: " + ctx.last_error());
  GEOSWKTWriter* w = GEOSWKTWriter_create_r(h);
  GEOSWKTWriter_setRoundingPrecision_r(h, w, 3);
  char* s = GEOSWKTWriter_write_r(h, w, u.get());
  std::string out = s ? s : "";
  GEOSFree_r(h, s);
  GEOSWKTWriter_destroy_r(h, w);
  return out;
}

}  // namespace hotspot
