#include "cli/pipeline/privacy_metadata.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/core/text.h"
#include "geo/write/atomic_output.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

std::string points_text(const PrivacyOptions& p) {
  switch (p.points) {
    case PrivacyOptions::Points::hundred_block:
      return "hundred_block: incidents snapped to the nearest block reference point within " +
             p.snap_distance.to_string() + ", one point per block with at least k incidents (INCIDENTS), the rest "
             "dropped";
    case PrivacyOptions::Points::donut:
      return "donut: one point per incident, displaced (see masking); no attribute";
    case PrivacyOptions::Points::omit: break;
  }
  return "omit: no incident point layer";
}

std::string masking_text(const PrivacyOptions& p) {
  if (p.points != PrivacyOptions::Points::donut)
    return "none: positions are aggregated (cells of at least the generalisation distance, block points), not displaced";
  return "donut: each point moved in a uniform random direction by a distance between " + p.donut_min.to_string() +
         " and " + p.donut_max.to_string() + ", uniform over the annulus's area, redrawn when within " +
         p.check_distance.to_string() + " of any incident; seed " + std::to_string(p.donut_seed);
}

void write_text_atomically(const std::string& path, const std::string& text) {
  AtomicOutput file(path, true);
  std::ofstream(file.temp_path(), std::ios::binary) << text;
  file.commit();
}

// A top-level member first in the FeatureCollection, the rest of the file as GDAL wrote it.
void add_geojson_member(const std::string& path, const nlohmann::ordered_json& privacy) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const size_t brace = text.find('{');
  if (brace == std::string::npos) throw std::runtime_error(path + ": not a GeoJSON object");
  text.insert(brace + 1, "\n\"hotspot_privacy\": " + privacy.dump() + ",");
  write_text_atomically(path, text);
}

}  // namespace

nlohmann::ordered_json privacy_json(const PrivacyOptions& p) {
  return {{"profile", "public"},
          {"min_count", p.min_count},
          {"suppression", "counts from 1 to k - 1 null (SUPPRESSED = 1 in layers, '< k' in report.md) with complementary "
                          "cells (SUPPRESSED = 2, 'suppressed') and the rates and shares of the same feature or row"},
          {"generalisation", p.generalisation.to_string()},
          {"points", points_text(p)},
          {"masking", masking_text(p)}};
}

MetadataItems privacy_metadata_items(const PrivacyOptions& p) {
  MetadataItems items;
  const nlohmann::ordered_json j = privacy_json(p);
  for (auto it = j.begin(); it != j.end(); ++it) {
    const nlohmann::ordered_json& value = it.value();
    std::string name = "HOTSPOT_PRIVACY_" + it.key();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
    items.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
  }
  return items;
}

void record_layer_privacy(const std::string& path, const Context& ctx, Outputs& outputs) {
  if (!ctx.privacy || !ctx.privacy->is_public()) return;
  const std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".geojson" || ext == ".json") return add_geojson_member(path, privacy_json(*ctx.privacy));
  if (ext == ".gpkg") return write_geopackage_metadata(path, privacy_metadata_items(*ctx.privacy));
  if (ext != ".shp") return;
  const std::string sidecar = fs::path(path).replace_extension(".privacy.json").string();
  write_text_atomically(sidecar, privacy_json(*ctx.privacy).dump(2) + "\n");
  outputs.record(sidecar);
}

}  // namespace hotspot::cli
