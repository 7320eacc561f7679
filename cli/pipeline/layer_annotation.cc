#include "cli/pipeline/layer_annotation.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/core/text.h"
#include "geo/audit/layer_metadata.h"
#include "geo/write/atomic_output.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

// A top-level member first in the FeatureCollection, the rest of the file as GDAL wrote it.
void add_geojson_member(const std::string& path, const std::string& name, const nlohmann::ordered_json& value) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const size_t brace = text.find('{');
  if (brace == std::string::npos) throw std::runtime_error(path + ": not a GeoJSON object");
  text.insert(brace + 1, "\n\"" + name + "\": " + value.dump() + ",");
  write_text_atomically(path, text);
}

}  // namespace

MetadataItems layer_metadata_items(const LayerAnnotation& a) {
  MetadataItems items;
  for (auto it = a.value.begin(); it != a.value.end(); ++it) {
    std::string name = a.metadata_prefix + it.key();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
    items.emplace_back(name, it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
  }
  return items;
}

void write_text_atomically(const std::string& path, const std::string& text) {
  AtomicOutput file(path, true);
  std::ofstream(file.temp_path(), std::ios::binary) << text;
  file.commit();
}

void annotate_layer(const std::string& path, const LayerAnnotation& a, Outputs& outputs) {
  const std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".geojson" || ext == ".json") return add_geojson_member(path, a.geojson_member, a.value);
  if (ext == ".gpkg") return write_geopackage_metadata(path, layer_metadata_items(a));
  if (ext != ".shp") return;
  const std::string sidecar = fs::path(path).replace_extension(a.sidecar_suffix).string();
  write_text_atomically(sidecar, a.value.dump(2) + "\n");
  outputs.record(sidecar);
}

}  // namespace hotspot::cli
