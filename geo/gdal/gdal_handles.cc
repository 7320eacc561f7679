#include "geo/gdal/gdal_handles.h"

#include <filesystem>

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

GdalDatasetPtr open_vector(const std::string& path) { return open_vector(path, path); }

GdalDatasetPtr open_vector(const std::string& path, const std::string& name) {
  ensure_gdal();
  CPLErrorReset();
  GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (ds) return GdalDatasetPtr(ds);
  const std::string why = CPLGetLastErrorMsg();
  std::error_code ec;
  if (path == name && !std::filesystem::exists(path, ec)) throw std::runtime_error(name + ": no such file");
  // A folder GDAL reads (a File Geodatabase, a folder of shapefiles) has opened above.
  if (path == name && std::filesystem::is_directory(path, ec))
    throw std::runtime_error(name + ": is a directory (give the file itself, e.g. the .shp of a shapefile)");
  // A driver recognised the file but could not read it (a truncated GeoJSON, say): GDAL's words name the fault.
  if (!why.empty()) throw std::runtime_error(name + ": cannot open as a vector dataset: " + why);
  throw std::runtime_error(name + ": not a format hotspot can read (tried CSV and GDAL's vector drivers)");
}

GdalDatasetPtr open_raster(const std::string& path) {
  ensure_gdal();
  CPLErrorReset();
  GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds) throw std::runtime_error(path + ": cannot open as a raster dataset: " + last_gdal_error());
  return GdalDatasetPtr(ds);
}

}  // namespace hotspot
