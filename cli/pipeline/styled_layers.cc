#include "cli/pipeline/styled_layers.h"

#include "cli/pipeline/privacy_layers.h"
#include "cli/pipeline/privacy_metadata.h"
#include "geo/map/qgis_styles.h"

namespace hotspot::cli {

void write_styled_layers(const VectorLayer& given_layer, const std::vector<std::string>& paths, MapLayerKind style,
                         const std::string& style_title, const Context& ctx, Outputs& outputs) {
  VectorLayer layer = given_layer;
  if (ctx.privacy && apply_privacy(*ctx.privacy, layer) == LayerVerdict::leave_out) return;
  for (const std::string& given : paths) {
    VectorWriteOptions vo;
    vo.path = outputs.path(given, given);
    vo.overwrite = outputs.overwrite_allowed();
    if (given.ends_with(".shp"))  // one .qml beside the shapefile serves both files of a run
      vo.qml_style = vector_layer_qml(default_map_layer(style, style_title).style, GeometryKind::kPolygon);
    write_vector(layer, ctx.crs(), vo);
    record_layer_privacy(vo.path, ctx, outputs);
  }
}

}  // namespace hotspot::cli
