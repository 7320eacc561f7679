#include "engine/core/extent.h"

namespace hotspot {

Extent extent_of(PointSpan points) {
  Extent e;
  for (const Point& p : points) e.include(p.x, p.y);
  return e;
}

}  // namespace hotspot
