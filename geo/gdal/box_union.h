// The union of axis-aligned boxes (e.g. the fishnet cells of a hot-spot cluster) as one polygon, with GEOS.
#pragma once

#include <string>
#include <vector>

#include "engine/core/extent.h"

namespace hotspot {

// WKT (Polygon or MultiPolygon) of the union; "POLYGON EMPTY" for no boxes.
std::string union_of_boxes_wkt(const std::vector<Extent>& boxes);

}  // namespace hotspot
