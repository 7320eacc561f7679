#include "geo/map/vector_tiles.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "geo/write/atomic_output.h"
#include "geo/gdal/gdal_handles.h"
#include "geo/map/staged_geojson.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

bool is_mbtiles(const std::string& path) {
  std::string e = fs::path(path).extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e == ".mbtiles";
}


// Zooms within 0..22 with min <= max; layer names that tile readers take; layer zooms within the set's.
void check_tile_options(const std::vector<TileLayer>& layers, const VectorTileOptions& o) {
  if (o.path.empty()) throw std::invalid_argument("write_vector_tiles: no output path");
  if (o.min_zoom < 0 || o.max_zoom > 22 || o.min_zoom > o.max_zoom)
    throw std::invalid_argument("tile zoom range " + std::to_string(o.min_zoom) + ".." + std::to_string(o.max_zoom) +
                                " is not within 0..22 with min <= max");
  for (const TileLayer& l : layers) {
    if (l.name.empty() || !std::all_of(l.name.begin(), l.name.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        }))
      throw std::invalid_argument("tile layer name '" + l.name + "': use letters, digits, '_' or '-'");
    if ((l.min_zoom >= 0 && (l.min_zoom < o.min_zoom || l.min_zoom > o.max_zoom)) ||
        (l.max_zoom >= 0 && (l.max_zoom > o.max_zoom || l.max_zoom < o.min_zoom)))
      throw std::invalid_argument("tile layer '" + l.name + "': its zoom range is outside the tile set's");
  }
}

// The MVT driver's dataset creation options.
CPLStringList tile_set_options(const VectorTileOptions& o, bool mbtiles) {
  CPLStringList dsco;
  dsco.SetNameValue("FORMAT", mbtiles ? "MBTILES" : "DIRECTORY");
  dsco.SetNameValue("MINZOOM", std::to_string(o.min_zoom).c_str());
  dsco.SetNameValue("MAXZOOM", std::to_string(o.max_zoom).c_str());
  dsco.SetNameValue("NAME", o.name.c_str());
  if (!o.description.empty()) dsco.SetNameValue("DESCRIPTION", o.description.c_str());
  dsco.SetNameValue("TYPE", "overlay");
  if (!mbtiles) dsco.SetNameValue("COMPRESS", o.compress ? "YES" : "NO");
  return dsco;
}

// Copies the layer of `src` into the tile set under the tile layer's name, with its zooms; notes an empty one.
void copy_layer(GDALDataset& tiles, const TileLayer& l, GDALDataset& src, VectorTileResult& res) {
  OGRLayer* in = l.source_layer.empty() ? src.GetLayer(0) : src.GetLayerByName(l.source_layer.c_str());
  if (!in) throw std::runtime_error("tile layer '" + l.name + "': " + (l.path.empty() ? "GeoJSON" : l.path) + " has no such layer");
  if (!in->GetSpatialRef())
    throw std::runtime_error("tile layer '" + l.name + "': " + (l.path.empty() ? "GeoJSON" : l.path) + " has no CRS");
  if (in->GetFeatureCount() == 0) res.empty_layers.push_back(l.name);
  CPLStringList lco;
  if (l.min_zoom >= 0) lco.SetNameValue("MINZOOM", std::to_string(l.min_zoom).c_str());
  if (l.max_zoom >= 0) lco.SetNameValue("MAXZOOM", std::to_string(l.max_zoom).c_str());
  OGRLayer* copied = tiles.CopyLayer(in, l.name.c_str(), lco.List());
  if (!copied) throw std::runtime_error("tile layer '" + l.name + "': cannot write: " + last_gdal_error());
}

// A tile layer from its OGR source, or from its GeoJSON text.
void add_tile_layer(GDALDataset& tiles, const TileLayer& l, VectorTileResult& res) {
  if (!l.path.empty()) {
    GdalDatasetPtr src = open_vector(l.path);
    copy_layer(tiles, l, *src, res);
  } else {
    const StagedGeoJson staged(l.geojson, "tile layer '" + l.name + "'");
    copy_layer(tiles, l, staged.dataset(), res);
  }
}

}  // namespace

VectorTileResult write_vector_tiles(const std::vector<TileLayer>& layers, const VectorTileOptions& o) {
  check_tile_options(layers, o);
  ensure_gdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("MVT");
  if (!drv) throw std::runtime_error("GDAL's MVT driver is not available");
  const bool mbtiles = is_mbtiles(o.path);
  AtomicOutput out(o.path, o.overwrite);
  VectorTileResult res;
  {
    const CPLStringList dsco = tile_set_options(o, mbtiles);
    CPLErrorReset();
    GdalDatasetPtr ds(drv->Create(out.temp_path().c_str(), 0, 0, 0, GDT_Unknown, dsco.List()));
    if (!ds) throw std::runtime_error(o.path + ": cannot create vector tiles: " + last_gdal_error());
    for (const TileLayer& l : layers) add_tile_layer(*ds, l, res);
    ds.reset();  // closing builds the tiles
    if (CPLGetLastErrorType() == CE_Failure) throw std::runtime_error(o.path + ": writing tiles failed: " + last_gdal_error());
  }
  if (!mbtiles && fs::is_directory(out.temp_path())) {
    for (const auto& e : fs::recursive_directory_iterator(out.temp_path()))
      if (e.is_regular_file() && e.path().extension() == ".pbf") ++res.tile_count;
  } else if (!mbtiles) {
    fs::create_directories(out.temp_path());  // every layer empty: an empty tile set still has its folder
  }
  out.commit();
  return res;
}

}  // namespace hotspot
