// What an output folder publishes that could point at a victim: positions and counts, read from every file the way
// a dashboard builder's tools would read them. Layers (GeoJSON, shapefile, GeoPackage, MBTiles) through OGR, raster
// metadata (GeoTIFF) through GDAL, tables (CSV, Markdown) and JSON (the map page's embedded data included) as text.
//
// Positions: point geometries, and any pair of numbers in one record or JSON object (either order) that reads as
// lon/lat or as analysis-CRS x/y; kept in the analysis CRS when inside `window`. Vertices of lines and polygons are
// not positions here (grid cells and boundaries share vertices with streets by design). Counts: values of fields
// whose name is a count's (engine/privacy/count_fields.h).
#pragma once

#include <string>
#include <vector>

#include "engine/core/extent.h"
#include "geo/gdal/crs.h"

namespace hotspot {

struct PublishedPosition {
  std::string file;   // relative to the folder
  std::string where;  // "layer gistar_cells feature 12", "row 3", "/layers/2/data/features/0"
  std::string value;  // as published: "-80.84121,35.22110"
  double x = 0.0, y = 0.0;  // analysis CRS
};

struct PublishedCount {
  std::string file;
  std::string where;
  std::string field;
  double value = 0.0;
};

struct PublishedValues {
  std::vector<PublishedPosition> positions;
  std::vector<PublishedCount> counts;
  std::vector<std::string> files_scanned;   // relative paths
  std::vector<std::string> files_skipped;   // "map_preview.png: image pixels carry no coordinates"
};

// Scans every file under `folder` (recursively). Throws std::runtime_error when the folder cannot be read.
PublishedValues scan_published_folder(const std::string& folder, const Crs& analysis_crs, const Extent& window);
// Scans the files given (a command's outputs), each named as given. Throws std::runtime_error for a missing file.
PublishedValues scan_published_files(std::vector<std::string> files, const Crs& analysis_crs, const Extent& window);

}  // namespace hotspot
