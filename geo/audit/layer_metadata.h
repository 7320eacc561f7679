// The metadata a published file carries about how it was made safe to publish (the public profile's profile, k,
// generalisation and masking), as GDAL metadata items: written on every layer of a GeoPackage (kept in its
// gpkg_metadata tables), read back from a GeoPackage's first layer or a GeoTIFF's dataset.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

using MetadataItems = std::vector<std::pair<std::string, std::string>>;

// Sets `items` on every layer of the GeoPackage at `path` (opened for update). Throws std::runtime_error naming it.
void write_geopackage_metadata(const std::string& path, const MetadataItems& items);

// The default-domain metadata of a GeoPackage's first layer or a raster's dataset. Throws std::runtime_error.
std::map<std::string, std::string> read_file_metadata(const std::string& path);

}  // namespace hotspot
