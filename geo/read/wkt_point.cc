#include "geo/read/wkt_point.h"

#include <cmath>

#include "engine/core/text.h"
#include "geo/gdal/gdal_handles.h"

namespace hotspot {

WktPointRead read_wkt_point(const std::string& text, double& x, double& y) {
  std::string t = trim(text);
  if (lower(t.substr(0, 5)) == "srid=") {
    const size_t semi = t.find(';');
    t = semi == std::string::npos ? std::string() : trim(t.substr(semi + 1));
  }
  if (t.empty()) return WktPointRead::empty;
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkt(t.c_str(), nullptr, &raw) != OGRERR_NONE || !raw) return WktPointRead::unreadable;
  OgrGeometryPtr g(raw);
  if (wkbFlatten(g->getGeometryType()) != wkbPoint) return WktPointRead::not_a_point;
  if (g->IsEmpty()) return WktPointRead::empty;
  x = g->toPoint()->getX();
  y = g->toPoint()->getY();
  return std::isfinite(x) && std::isfinite(y) ? WktPointRead::point : WktPointRead::unreadable;
}

}  // namespace hotspot
