// The analysis units and spatial weights options the Gi* and Moran's I stages share, declared once so both
// commands (and their run config sections) spell, explain and parse them the same way.
#pragma once

#include <optional>
#include <string>

#include "cli/pipeline/option_table.h"
#include "engine/core/extent.h"
#include "engine/core/length.h"

namespace hotspot::cli {

// cell_size, hex, extent, zones, zones_layer, zone_id: a fishnet, hexagons or polygon zones.
void declare_unit_options(OptionTable& table, std::optional<Length>& cell_size, bool& hex, std::optional<Extent>& extent,
                          std::string& zones, std::string& zones_layer, std::string& zone_id);

// weights and band: the weights scheme and its distance band or cutoff.
void declare_weights_options(OptionTable& table, std::string& weights, std::optional<Length>& band);

}  // namespace hotspot::cli
