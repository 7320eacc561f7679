#include "geo/audit/layer_metadata.h"

#include <stdexcept>

#include "engine/core/text.h"
#include "geo/gdal/gdal_handles.h"

namespace hotspot {

namespace {

std::map<std::string, std::string> items_of(GDALMajorObject& obj) {
  std::map<std::string, std::string> out;
  for (char** item = obj.GetMetadata(""); item && *item; ++item) {
    const std::string kv = *item;
    const size_t eq = kv.find('=');
    if (eq != std::string::npos) out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

}  // namespace

void write_geopackage_metadata(const std::string& path, const MetadataItems& items) {
  ensure_gdal();
  const char* drivers[] = {"GPKG", nullptr};
  GdalDatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
  if (!ds) throw std::runtime_error(path + ": cannot open for update: " + last_gdal_error());
  for (int i = 0; i < ds->GetLayerCount(); ++i)
    for (const auto& [k, v] : items)
      if (ds->GetLayer(i)->SetMetadataItem(k.c_str(), v.c_str()) != CE_None)
        throw std::runtime_error(path + ": cannot write metadata: " + last_gdal_error());
}

std::map<std::string, std::string> read_file_metadata(const std::string& path) {
  const std::string ext = lower(path.substr(path.find_last_of('.') == std::string::npos ? path.size()
                                                                                         : path.find_last_of('.')));
  if (ext == ".tif" || ext == ".tiff") {
    GdalDatasetPtr ds = open_raster(path);
    return items_of(*ds);
  }
  GdalDatasetPtr ds = open_vector(path);
  if (ds->GetLayerCount() == 0) throw std::runtime_error(path + ": no layer");
  return items_of(*ds->GetLayer(0));
}

}  // namespace hotspot
