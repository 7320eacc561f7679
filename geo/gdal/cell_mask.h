// Which cells of a grid lie in a polygon layer: a cell is in when its centre is inside (or on the edge of) any
// polygon, GDAL's default rasterization rule. Used to set cells outside a study area to nodata.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/grid.h"
#include "geo/read/zones.h"

namespace hotspot {

// One byte per cell, row-major (row 0 north): 1 inside, 0 outside. Throws std::runtime_error on GDAL failure.
std::vector<uint8_t> polygon_cell_mask(const ZoneLayer& polygons, const GridSpec& grid);

}  // namespace hotspot
