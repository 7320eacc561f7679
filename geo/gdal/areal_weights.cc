#include "geo/gdal/areal_weights.h"

#include <stdexcept>

namespace hotspot {

namespace {

bool boxes_meet(const Extent& a, const Extent& b) {
  return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

double intersection_area(const ZoneLayer& a, size_t i, const ZoneLayer& b, size_t j) {
  GEOSContextHandle_t ctx = a.context();
  GEOSGeometry* both = GEOSIntersection_r(ctx, a.geometry(i), b.geometry(j));
  if (!both)
    throw std::runtime_error("GEOS could not intersect zone '" + a.zone(i).id + "' with zone '" + b.zone(j).id + "'");
  const GeosGeomPtr owned(both, GeosGeomDeleter{ctx});
  double area = 0.0;
  if (!GEOSArea_r(ctx, owned.get(), &area)) throw std::runtime_error("GEOS could not measure an intersection's area");
  return area;
}

}  // namespace

ArealWeights areal_weights(const ZoneLayer& sources, const ZoneLayer& targets) {
  ArealWeights w;
  w.sources = sources.size();
  w.targets = targets.size();
  w.share.assign(w.sources * w.targets, 0.0);
  for (size_t s = 0; s < w.sources; ++s) {
    const Zone& src = sources.zone(s);
    if (!(src.area > 0.0)) continue;
    for (size_t t = 0; t < w.targets; ++t)
      if (boxes_meet(src.bbox, targets.zone(t).bbox))
        w.share[s * w.targets + t] = intersection_area(sources, s, targets, t) / src.area;
  }
  return w;
}

}  // namespace hotspot
