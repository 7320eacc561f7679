// Writes a Raster as a Cloud-Optimized GeoTIFF (GDAL's COG driver): Float64, tiled 512 x 512, DEFLATE with the
// floating-point predictor, internal overviews (average) down to one tile, the CRS, nodata = NaN, the band's unit
// and any metadata items. Written through AtomicOutput: a failure leaves nothing behind.
#pragma once

#include <map>
#include <string>

#include "engine/core/grid.h"
#include "geo/gdal/crs.h"

namespace hotspot {

struct GeoTiffOptions {
  std::string path;
  bool overwrite = false;
  std::string band_unit;                          // e.g. "incidents per square mile" (GDAL unit type)
  std::string band_description;                   // e.g. "kernel density (quartic, r = 2000 ft)"
  std::map<std::string, std::string> metadata;    // dataset metadata items (e.g. UNITS, KERNEL, RADIUS)
  int block_size = 512;
  bool overviews = true;
  int threads = 0;                                // compression threads; 0 = all cores
};

// Throws std::runtime_error naming the path (existing output without overwrite, unwritable folder, GDAL failure).
void write_geotiff(const Raster& raster, const Crs& crs, const GeoTiffOptions& options);

// A single-band north-up GeoTIFF read back (for checks and tests): values as doubles with nodata as NaN.
struct GeoTiffContents {
  Raster raster;
  std::string crs_authority;                   // e.g. "EPSG:2264", or ""
  std::string band_unit;
  std::map<std::string, std::string> metadata; // dataset metadata items
  std::string layout;                          // IMAGE_STRUCTURE LAYOUT ("COG" for a valid COG)
  std::string compression;
  int overviews = 0;
};
GeoTiffContents read_geotiff(const std::string& path);

}  // namespace hotspot
