// A description of how a layer was made, carried by the file itself so that a layer passed on alone still says it:
// GeoJSON, a top-level member of the FeatureCollection; GeoPackage, GDAL metadata items on every layer (kept in its
// gpkg_metadata tables); Shapefile, a sidecar JSON file beside it. The public profile's record (privacy_metadata.h)
// and Optimized Hot Spot Analysis's choices (ohsa_stage.h) are written this way.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/pipeline/outputs.h"
#include "geo/audit/layer_metadata.h"

namespace hotspot::cli {

struct LayerAnnotation {
  std::string geojson_member;   // "hotspot_privacy": the member's name
  std::string metadata_prefix;  // "HOTSPOT_PRIVACY_": each key, upper-cased, after it
  std::string sidecar_suffix;   // ".privacy.json": replaces the layer's extension
  nlohmann::ordered_json value; // an object; string members are written as they are, others as JSON text
};

// Adds the annotation to the layer just written at `path` (.geojson, .json, .gpkg, .shp; other files: nothing).
// A sidecar is recorded in `outputs`. Throws std::runtime_error naming the file.
void annotate_layer(const std::string& path, const LayerAnnotation& annotation, Outputs& outputs);

// The annotation as GDAL metadata items: metadata_prefix + KEY, strings as they are, other values as JSON text.
MetadataItems layer_metadata_items(const LayerAnnotation& annotation);

// Writes `text` to `path` through a temporary file renamed into place (overwriting).
void write_text_atomically(const std::string& path, const std::string& text);

}  // namespace hotspot::cli
