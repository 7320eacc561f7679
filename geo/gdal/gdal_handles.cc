#include "geo/gdal/gdal_handles.h"

#include <cpl_error.h>
#include <mutex>
#include <stdexcept>

namespace hotspot {

namespace {
void CPL_STDCALL quiet_handler(CPLErr, CPLErrorNum, const char*) {}
}  // namespace

void ensure_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(quiet_handler);
    // Shapefiles: honour .cpg and write UTF-8 by default.
    CPLSetConfigOption("SHAPE_ENCODING", nullptr);
  });
}

std::string last_gdal_error() {
  const char* msg = CPLGetLastErrorMsg();
  return (msg && *msg) ? std::string(msg) : std::string("unknown GDAL error");
}

GdalDatasetPtr open_vector(const std::string& path) {
  ensure_gdal();
  CPLErrorReset();
  GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds) throw std::runtime_error(path + ": cannot open as a vector dataset: " + last_gdal_error());
  return GdalDatasetPtr(ds);
}

GdalDatasetPtr open_raster(const std::string& path) {
  ensure_gdal();
  CPLErrorReset();
  GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds) throw std::runtime_error(path + ": cannot open as a raster dataset: " + last_gdal_error());
  return GdalDatasetPtr(ds);
}

}  // namespace hotspot
