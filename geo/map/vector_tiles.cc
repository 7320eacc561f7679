#include "geo/map/vector_tiles.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>

#include <cpl_vsi.h>

#include "geo/write/atomic_output.h"
#include "geo/gdal/gdal_handles.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

bool is_mbtiles(const std::string& path) {
  std::string e = fs::path(path).extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e == ".mbtiles";
}

}  // namespace

VectorTileResult write_vector_tiles(const std::vector<TileLayer>& layers, const VectorTileOptions& o) {
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
  ensure_gdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("MVT");
  if (!drv) throw std::runtime_error("GDAL's MVT driver is not available");
  const bool mbtiles = is_mbtiles(o.path);
  AtomicOutput out(o.path, o.overwrite);
  VectorTileResult res;
  {
    CPLStringList dsco;
    dsco.SetNameValue("FORMAT", mbtiles ? "MBTILES" : "DIRECTORY");
    dsco.SetNameValue("MINZOOM", std::to_string(o.min_zoom).c_str());
    dsco.SetNameValue("MAXZOOM", std::to_string(o.max_zoom).c_str());
    dsco.SetNameValue("NAME", o.name.c_str());
    if (!o.description.empty()) dsco.SetNameValue("DESCRIPTION", o.description.c_str());
    dsco.SetNameValue("TYPE", "overlay");
    if (!mbtiles) dsco.SetNameValue("COMPRESS", o.compress ? "YES" : "NO");
    CPLErrorReset();
    GdalDatasetPtr ds(drv->Create(out.temp_path().c_str(), 0, 0, 0, GDT_Unknown, dsco.List()));
    if (!ds) throw std::runtime_error(o.path + ": cannot create vector tiles: " + last_gdal_error());
    int counter = 0;
    for (const TileLayer& l : layers) {
      GdalDatasetPtr src;
      std::string vsi;
      if (!l.path.empty()) {
        src = open_vector(l.path);
      } else {
        vsi = "/vsimem/hotspot_tiles_" + std::to_string(reinterpret_cast<uintptr_t>(&o)) + "_" + std::to_string(counter++) + ".geojson";
        VSILFILE* fp = VSIFileFromMemBuffer(vsi.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(l.geojson.data())),
                                            static_cast<vsi_l_offset>(l.geojson.size()), FALSE);
        if (!fp) throw std::runtime_error("tile layer '" + l.name + "': cannot stage GeoJSON");
        VSIFCloseL(fp);
        src = open_vector(vsi);
      }
      OGRLayer* in = l.source_layer.empty() ? src->GetLayer(0) : src->GetLayerByName(l.source_layer.c_str());
      if (!in) throw std::runtime_error("tile layer '" + l.name + "': " + (l.path.empty() ? "GeoJSON" : l.path) + " has no such layer");
      if (!in->GetSpatialRef())
        throw std::runtime_error("tile layer '" + l.name + "': " + (l.path.empty() ? "GeoJSON" : l.path) + " has no CRS");
      if (in->GetFeatureCount() == 0) res.empty_layers.push_back(l.name);
      CPLStringList lco;
      if (l.min_zoom >= 0) lco.SetNameValue("MINZOOM", std::to_string(l.min_zoom).c_str());
      if (l.max_zoom >= 0) lco.SetNameValue("MAXZOOM", std::to_string(l.max_zoom).c_str());
      OGRLayer* copied = ds->CopyLayer(in, l.name.c_str(), lco.List());
      if (!copied) throw std::runtime_error("tile layer '" + l.name + "': cannot write: " + last_gdal_error());
      src.reset();
      if (!vsi.empty()) VSIUnlink(vsi.c_str());
    }
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
