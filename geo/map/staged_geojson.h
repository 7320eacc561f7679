// GeoJSON text opened as an OGR dataset without a file on disk: staged in GDAL's /vsimem and removed again when the
// dataset is closed (the map preview draws a loaded layer, the tile writer copies one).
#pragma once

#include <string>

#include "geo/gdal/gdal_handles.h"

namespace hotspot {

class StagedGeoJson {
 public:
  // `what` names the layer in an error ("map layer 'Hotspots'"). The text is not copied: it must outlive this.
  // Throws std::runtime_error when it cannot be staged or opened.
  StagedGeoJson(const std::string& geojson, const std::string& what);

  GDALDataset& dataset() const { return *dataset_; }

 private:
  struct VsimemFile {  // removed when the dataset, declared after it, is closed
    std::string path;
    explicit VsimemFile(std::string p) : path(std::move(p)) {}
    VsimemFile(const VsimemFile&) = delete;
    VsimemFile& operator=(const VsimemFile&) = delete;
    ~VsimemFile();
  };
  VsimemFile file_;
  GdalDatasetPtr dataset_;
};

}  // namespace hotspot
