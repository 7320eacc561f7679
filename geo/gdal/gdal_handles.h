// RAII owners for GDAL/OGR handles. Every GDAL object the project creates is held by one of these.
#pragma once

#include <memory>
#include <string>

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace hotspot {

// Registers GDAL drivers once (thread-safe) and routes GDAL's own error printing to a quiet handler;
// the project reports errors itself with CPLGetLastErrorMsg().
void ensure_gdal();

struct GdalDatasetCloser {
  void operator()(GDALDataset* ds) const {
    if (ds) GDALClose(GDALDataset::ToHandle(ds));
  }
};
using GdalDatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

struct OgrFeatureDeleter {
  void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using OgrFeaturePtr = std::unique_ptr<OGRFeature, OgrFeatureDeleter>;

struct OgrGeometryDeleter {
  void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
using OgrGeometryPtr = std::unique_ptr<OGRGeometry, OgrGeometryDeleter>;

struct OgrTransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
using OgrTransformPtr = std::unique_ptr<OGRCoordinateTransformation, OgrTransformDeleter>;

// Opens a vector dataset read-only; throws std::runtime_error naming the path and GDAL's message.
GdalDatasetPtr open_vector(const std::string& path);
// The same for a path GDAL opens (a /vsizip/ or /vsigzip/ path, say) that the user gave as `name`.
GdalDatasetPtr open_vector(const std::string& path, const std::string& name);

// Opens a raster dataset read-only; throws std::runtime_error naming the path and GDAL's message.
GdalDatasetPtr open_raster(const std::string& path);

// The text of the last GDAL error, or "unknown GDAL error".
std::string last_gdal_error();

}  // namespace hotspot
