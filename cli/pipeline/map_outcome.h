// What the maps stage wrote (cli/pipeline/map_stage.h), for the command's summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot::cli {

struct MapOutcome {
  std::string html_path;
  int64_t features = 0, html_bytes = 0;
  std::vector<std::string> messages;  // what the page says about layers left out or simplified
  std::string png_path;               // empty: not written
  int png_width_px = 0, png_height_px = 0;
  std::string qgis_path;              // empty: not written
  size_t qgis_layers = 0;
  std::string tiles_path;             // empty: not written
  size_t tile_layers = 0;
  int64_t tile_count = 0;             // tiles written to a folder (0 for .mbtiles)
};

}  // namespace hotspot::cli
