// An 8-bit RGBA picture (row 0 at the top) and its PNG encoding through GDAL's PNG driver; the HTML map embeds
// such PNGs, the preview map is one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geo/map/map_palette.h"

namespace hotspot {

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // 4 bytes a pixel, row-major, row 0 at the top

  RgbaImage() = default;
  RgbaImage(int w, int h, Rgba fill = {0, 0, 0, 0});
  Rgba at(int x, int y) const;
  void set(int x, int y, Rgba c);
  // Source-over compositing of `c` (with its alpha scaled by `opacity` in [0, 1]) onto the pixel.
  void blend(int x, int y, Rgba c, double opacity = 1.0);
  bool inside(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < height; }
};

// The PNG file's bytes. Throws std::runtime_error on a GDAL failure.
std::string encode_png(const RgbaImage& image);
// Writes the PNG through AtomicOutput; throws std::runtime_error naming the path.
void write_png(const RgbaImage& image, const std::string& path, bool overwrite);
// Reads any 8-bit raster GDAL opens (1: grey, 3: RGB, 4: RGBA bands) into RGBA; for tests and checks.
RgbaImage read_png(const std::string& path);

// "data:image/png;base64,..." for embedding in HTML.
std::string png_data_uri(const std::string& png_bytes);

}  // namespace hotspot
