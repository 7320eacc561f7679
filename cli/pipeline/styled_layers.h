// Writing one vector layer of a stage to each path asked (a run's .geojson and .shp), with the map's style as a
// .qml beside the shapefile. Shared by the stages that write polygons with figures (areas, clusters).
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/context.h"
#include "cli/pipeline/outputs.h"
#include "geo/map/map_spec.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

void write_styled_layers(const VectorLayer& layer, const std::vector<std::string>& paths, MapLayerKind style,
                         const std::string& style_title, const Context& ctx, Outputs& outputs);

}  // namespace hotspot::cli
