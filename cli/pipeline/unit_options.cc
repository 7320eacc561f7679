#include "cli/pipeline/unit_options.h"

namespace hotspot::cli {

void declare_unit_options(OptionTable& t, std::optional<Length>& cell_size, bool& hex, std::optional<Extent>& extent,
                          std::string& zones, std::string& zones_layer, std::string& zone_id) {
  t.length("cell_size", "Fishnet cell side or hexagon spacing with units, e.g. 1000ft, 300m", cell_size);
  t.flag("hex", "Hexagons instead of square cells (spacing = distance between neighbouring centres)", hex);
  t.extent("extent", "Grid extent xmin,ymin,xmax,ymax in analysis CRS units (default: study area or data)", extent);
  t.path("zones", "Polygon layer whose zones are the analysis units", zones);
  t.text("zones_layer", "Layer of the zones source (default: the first)", zones_layer, "NAME");
  t.text("zone_id", "Zone id field (default: feature id)", zone_id, "FIELD");
}

void declare_weights_options(OptionTable& t, std::string& weights, std::optional<Length>& band) {
  t.text("weights", "band, idw1, idw2, knn:K, indifference, contiguity-edges or contiguity-corners", weights, "SCHEME");
  t.length("band",
           "Distance band (band, indifference) or cutoff (idw) with units (default: the cell size for a whole fishnet, "
           "else the smallest giving every unit a neighbour)",
           band);
}

}  // namespace hotspot::cli
