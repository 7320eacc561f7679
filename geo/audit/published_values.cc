#include "geo/audit/published_values.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "engine/core/text.h"
#include "geo/audit/scan_sink.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

// Files read together with their layer (.shp's attributes and index), so not scanned on their own.
bool shapefile_part(const std::string& ext) {
  return ext == ".shx" || ext == ".dbf" || ext == ".prj" || ext == ".cpg" || ext == ".qix" || ext == ".sbn" ||
         ext == ".sbx";
}

bool looks_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char buf[4096];
  in.read(buf, sizeof buf);
  return std::find(buf, buf + in.gcount(), '\0') != buf + in.gcount();
}

void scan_file(const fs::path& path, const std::string& name, ScanSink& sink) {
  const std::string ext = lower(path.extension().string());
  const std::string p = path.string();
  if (shapefile_part(ext)) return;
  if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") return sink.skipped(name, "image pixels carry no coordinates");
  const bool known = ext == ".geojson" || ext == ".shp" || ext == ".gpkg" || ext == ".mbtiles" || ext == ".fgb" ||
                     ext == ".tif" || ext == ".tiff" || ext == ".csv" || ext == ".md" || ext == ".json" ||
                     ext == ".html" || ext == ".htm";
  if (!known && looks_binary(p)) return sink.skipped(name, "binary file of no known format");
  sink.scanned(name);
  if (ext == ".geojson" || ext == ".shp" || ext == ".gpkg" || ext == ".mbtiles" || ext == ".fgb")
    return scan_layers(p, name, sink);
  if (ext == ".tif" || ext == ".tiff") return scan_raster_metadata(p, name, sink);
  if (ext == ".csv") return scan_csv(p, name, sink);
  if (ext == ".md") return scan_markdown(p, name, sink);
  if (ext == ".json") return scan_json_file(p, name, sink);
  if (ext == ".html" || ext == ".htm") return scan_html(p, name, sink);
  scan_text(p, name, sink);
}

}  // namespace

PublishedValues scan_published_folder(const std::string& folder, const Crs& analysis_crs, const Extent& window) {
  if (!fs::is_directory(folder)) throw std::runtime_error(folder + ": not a folder");
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  PublishedValues out;
  ScanSink sink(analysis_crs, window, out);
  for (const fs::path& f : files) scan_file(f, fs::relative(f, folder).generic_string(), sink);
  return out;
}

PublishedValues scan_published_files(std::vector<std::string> files, const Crs& analysis_crs, const Extent& window) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  PublishedValues out;
  ScanSink sink(analysis_crs, window, out);
  for (const std::string& f : files) {
    if (!fs::is_regular_file(f)) throw std::runtime_error(f + ": no such file");
    scan_file(f, f, sink);
  }
  return out;
}

}  // namespace hotspot
