// The space-time cube as netCDF through GDAL's multidimensional API (ArcGIS's cube is netCDF too): dimensions
// time x y x x over the whole fishnet, variables COUNT (float, NaN outside the cube's locations), GI_ZSCORE and
// GI_BIN per bin, coordinate variables x and y (cell centres, analysis CRS units) and time (the first day of each
// step, days since 1970-01-01), and the grid CRS on each data variable. Square fishnets only.
#pragma once

#include <string>

#include "engine/hotspot/analysis_units.h"
#include "engine/spacetime/emerging.h"
#include "geo/gdal/crs.h"

namespace hotspot {

// Written through AtomicOutput; throws std::runtime_error naming the path (also for a hexagon grid).
void write_cube_netcdf(const std::string& path, bool overwrite, const AnalysisGrid& grid, const Crs& crs,
                       const SpaceTimeCube& cube, const EmergingResult& result);

}  // namespace hotspot
