// A copy of a vector layer as GeoJSON (in the layer's own CRS), for outputs that must travel with a folder: the
// context layers a run's QGIS project draws (city limits, divisions) are copied into the run folder so the folder
// opens anywhere. Written with GDAL's own vector translation (GDALVectorTranslate).
#pragma once

#include <string>

namespace hotspot {

// Copies the first layer of `source` (any OGR vector dataset) to `geojson_path`, which must not exist. Throws
// std::runtime_error naming the source or the destination and GDAL's message.
void copy_layer_as_geojson(const std::string& source, const std::string& geojson_path);

}  // namespace hotspot
