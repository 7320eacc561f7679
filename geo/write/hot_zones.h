// Hot zones: polygons around the cells of a density surface at or above chosen levels, for dashboards.
//
// A level is an absolute density (in the surface's unit) or a "top p %" share: the threshold is then the density
// of the ceil(p/100 * n)-th highest of the n cells with a positive density (nodata and empty cells do not count,
// so the level does not depend on how much empty margin the grid has). Levels nest: the top-5 % zones contain the
// top-1 % zones. Cells are joined 4-connected (edge neighbours) into one polygon per connected area, traced along
// cell edges by GDALPolygonize; each polygon carries its level, threshold, cell count, area, peak and mean density.
#pragma once

#include <string>
#include <vector>

#include "engine/core/grid.h"
#include "geo/gdal/crs.h"

namespace hotspot {

struct HotZoneLevel {
  std::string label;           // "top 1%" or ">= 120"
  double threshold = 0.0;      // density, in the surface's unit
  double top_percent = 0.0;    // > 0 for a percentile level
};

// Percentile levels first (in the order given), then absolute thresholds. Throws std::invalid_argument for a
// percent outside (0, 100] or a non-finite threshold.
std::vector<HotZoneLevel> hot_zone_levels(const Raster& density, const std::vector<double>& top_percents,
                                          const std::vector<double>& thresholds);

struct HotZone {
  int level_index = 0;
  int zone_id = 0;             // 1.. within its level, by decreasing peak density
  std::string wkt;             // polygon in the surface's CRS
  int64_t cells = 0;
  double area_crs2 = 0.0;      // square CRS units
  double peak = 0.0;
  double mean = 0.0;
};

// Polygons of every level (GDAL's polygonizer over 4-connected components).
std::vector<HotZone> hot_zones(const Raster& density, const std::vector<HotZoneLevel>& levels);

// Writes the zones with vector_writer (GeoJSON in WGS 84, shapefile or GeoPackage by extension): fields
// zone_id, level, threshold, unit, cells, area_km2, area_sqmi, peak, mean.
void write_hot_zones(const std::vector<HotZone>& zones, const std::vector<HotZoneLevel>& levels, const Crs& crs,
                     const std::string& unit_label, const std::string& path, bool overwrite);

}  // namespace hotspot
