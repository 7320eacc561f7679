// A PNG preview of a MapSpec for reports: the density overlays and the vector layers (fills, outlines, points in the
// layer's style, Gi* cells in ArcGIS's Gi_Bin palette) drawn by GDAL into an RGBA picture over a plain background.
// The drawing CRS is Web Mercator by default so the preview matches the HTML map. It carries no text: the legend
// and the empty-layer messages are returned for the report to print beside it. Dashes are drawn solid.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/core/extent.h"
#include "geo/map/map_spec.h"
#include "geo/map/rgba_image.h"

namespace hotspot {

struct PngPreviewOptions {
  std::string path;              // e.g. "out/map_preview.png"; its folder must exist
  bool overwrite = false;
  int width_px = 1600;
  int height_px = 0;             // 0 = from the frame's aspect ratio; else the frame is widened to fit
  std::string crs = "EPSG:3857"; // the drawing CRS, anything Crs::from_user_input takes
  Extent frame;                  // in `crs`; empty = every layer and overlay plus margin_fraction on each side
  double margin_fraction = 0.03;
  std::string background = "#F4F2EE";
};

struct PngPreviewResult {
  int width_px = 0;
  int height_px = 0;
  Extent frame;                       // drawn extent in the drawing CRS (outer pixel edges)
  std::vector<std::string> messages;  // empty-layer messages, as on the HTML map
  // Pixel (column, row; fractional, 0 at the top-left corner) of a point in the drawing CRS.
  std::pair<double, double> to_pixel(double x, double y) const;
};

// Draws the picture. Throws std::runtime_error naming the layer or raster that cannot be read.
RgbaImage render_png_preview(const MapSpec& spec, const PngPreviewOptions& options, PngPreviewResult* result = nullptr);
// Draws and writes it through AtomicOutput.
PngPreviewResult write_png_preview(const MapSpec& spec, const PngPreviewOptions& options);

}  // namespace hotspot
