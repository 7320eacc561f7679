// What the public profile did, recorded with every layer it writes so that a file passed on alone still says how it
// was made safe: the profile, k, the suppression, the generalisation distance, the point generalisation and the
// masking. GeoJSON: a top-level member "hotspot_privacy" (an object). GeoPackage: GDAL metadata items HOTSPOT_PRIVACY_*
// on every layer. Shapefile: a sidecar <stem>.privacy.json with the same object. GeoTIFF: the same items in the
// dataset metadata (kde_stage.cc passes them to the writer). The manifest's "privacy" is the same object.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/pipeline/context.h"
#include "cli/pipeline/outputs.h"
#include "cli/pipeline/privacy_options.h"
#include "geo/audit/layer_metadata.h"

namespace hotspot::cli {

// {"profile": "public", "min_count": 3, "suppression": ..., "generalisation": "300m", "points": ..., "masking": ...}
nlohmann::ordered_json privacy_json(const PrivacyOptions& privacy);
// The same as GDAL metadata items: HOTSPOT_PRIVACY_PROFILE, HOTSPOT_PRIVACY_MIN_COUNT, ...
MetadataItems privacy_metadata_items(const PrivacyOptions& privacy);

// Records the profile with the layer just written at `path` (.geojson, .json, .gpkg, .shp; other files: nothing).
// Nothing for the internal profile. A sidecar is recorded in `outputs`.
void record_layer_privacy(const std::string& path, const Context& ctx, Outputs& outputs);

}  // namespace hotspot::cli
