#include "geo/write/layer_copy.h"

#include <gdal_utils.h>

#include <filesystem>
#include <stdexcept>

#include "geo/gdal/gdal_handles.h"

namespace hotspot {

void copy_layer_as_geojson(const std::string& source, const std::string& geojson_path) {
  if (std::filesystem::exists(geojson_path)) throw std::runtime_error(geojson_path + ": already exists");
  GdalDatasetPtr src = open_vector(source);
  // RFC7946=NO keeps the source CRS (written as the legacy "crs" member QGIS and ArcGIS read); the layer keeps its
  // name and fields.
  const char* args[] = {"-f", "GeoJSON", "-lco", "RFC7946=NO", "-lco", "WRITE_BBOX=NO", nullptr};
  GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
  if (!opts) throw std::runtime_error(geojson_path + ": cannot set up the copy: " + last_gdal_error());
  GDALDatasetH in = GDALDataset::ToHandle(src.get());
  int usage_error = 0;
  CPLErrorReset();
  GDALDatasetH out = GDALVectorTranslate(geojson_path.c_str(), nullptr, 1, &in, opts, &usage_error);
  GDALVectorTranslateOptionsFree(opts);
  if (!out) throw std::runtime_error(geojson_path + ": cannot copy " + source + ": " + last_gdal_error());
  GDALClose(out);
}

}  // namespace hotspot
