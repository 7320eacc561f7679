// Dashboard tiles: polygon (or any) layers as Mapbox Vector Tiles through GDAL's MVT driver, either an
// uncompressed z/x/y.pbf folder with metadata.json (serve it as static files) or one .mbtiles file. Tiles are in
// Web Mercator (EPSG:3857); each source layer is reprojected from its own CRS and keeps its attributes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

struct TileLayer {
  std::string name;          // the vector layer's name inside the tiles (e.g. "gi_cells", "priority_areas")
  std::string path;          // any OGR vector source, or
  std::string geojson;       // GeoJSON text in WGS 84 (used when path is empty)
  std::string source_layer;  // layer within `path`; empty = the first
  int min_zoom = -1;         // < 0 = the tile set's
  int max_zoom = -1;
};

struct VectorTileOptions {
  std::string path;        // a folder (written as z/x/y.pbf) or a file ending in .mbtiles
  int min_zoom = 8;        // 0..22
  int max_zoom = 14;       // min_zoom..22
  bool compress = false;   // gzip the .pbf files of a folder (MBTiles are always compressed)
  std::string name = "hotspot";
  std::string description;
  bool overwrite = false;
};

struct VectorTileResult {
  int64_t tile_count = 0;             // tiles written (folder only; 0 for .mbtiles)
  std::vector<std::string> empty_layers;  // layers that had no feature
};

// Throws std::invalid_argument for a bad zoom range or layer name, std::runtime_error naming the file otherwise.
// Nothing is left behind on failure.
VectorTileResult write_vector_tiles(const std::vector<TileLayer>& layers, const VectorTileOptions& options);

}  // namespace hotspot
