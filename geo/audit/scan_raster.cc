// A raster's metadata (dataset and bands, every domain): count items and numbers that read as positions. The
// pixel values are densities, not counts, and are not scanned.
#include <string>

#include "geo/audit/scan_sink.h"
#include "geo/gdal/gdal_handles.h"

namespace hotspot {

namespace {

void scan_metadata(GDALMajorObject& obj, const std::string& file, const std::string& where, ScanSink& sink) {
  char** domains = obj.GetMetadataDomainList();
  std::vector<std::string> names = {""};
  for (char** d = domains; d && *d; ++d)
    if (**d) names.push_back(*d);
  CSLDestroy(domains);
  for (const std::string& domain : names) {
    for (char** item = obj.GetMetadata(domain.c_str()); item && *item; ++item) {
      const std::string kv = *item;
      const size_t eq = kv.find('=');
      const std::string key = eq == std::string::npos ? "" : kv.substr(0, eq);
      const std::string value = eq == std::string::npos ? kv : kv.substr(eq + 1);
      const std::string at = where + " metadata " + (domain.empty() ? "" : domain + ":") + key;
      sink.field(file, at, key, number_or_nan(value));
      offer_neighbours(file, at, numbers_in(value), sink);
    }
  }
}

}  // namespace

void scan_raster_metadata(const std::string& path, const std::string& name, ScanSink& sink) {
  GdalDatasetPtr ds = open_raster(path);
  scan_metadata(*ds, name, "dataset", sink);
  for (int b = 1; b <= ds->GetRasterCount(); ++b)
    scan_metadata(*ds->GetRasterBand(b), name, "band " + std::to_string(b), sink);
}

}  // namespace hotspot
