// A PNG preview of a MapSpec for reports: the density overlays and the vector layers (fills, outlines, points in the
// layer's style, Gi* cells in ArcGIS's Gi_Bin palette) drawn by GDAL into an RGBA picture over a plain background.
// The drawing CRS is Web Mercator by default so the preview matches the HTML map. Over the map go the title and
// notes, the legend (with the empty-layer messages), a scale bar and a north arrow (map_furniture.h); the messages
// are also returned for the report to print. Dashes are drawn solid on the map (the legend's swatches keep them).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/core/extent.h"
#include "geo/map/map_furniture.h"
#include "geo/map/map_spec.h"
#include "geo/map/rgba_image.h"

namespace hotspot {

// Whether the title, legend, scale bar and north arrow are drawn over the map.
enum class Furniture { draw, none };

struct PngPreviewOptions {
  std::string path;              // e.g. "out/map_preview.png"; its folder must exist
  bool overwrite = false;
  int width_px = 1600;
  int height_px = 0;             // 0 = from the frame's aspect ratio; else the frame is widened to fit
  std::string crs = "EPSG:3857"; // the drawing CRS, anything Crs::from_user_input takes
  Extent frame;                  // in `crs`; empty = every layer and overlay plus margin_fraction on each side
  double margin_fraction = 0.03;
  std::string background = "#F4F2EE";
  Furniture furniture = Furniture::draw;
  ScaleUnits scale_units = ScaleUnits::miles_feet;
};

struct PngPreviewResult {
  int width_px = 0;
  int height_px = 0;
  Extent frame;                       // drawn extent in the drawing CRS (outer pixel edges)
  std::vector<std::string> messages;  // empty-layer messages, as on the HTML map
  FurnitureLayout furniture;          // where the title, legend, scale bar and north arrow went (when drawn)
  // Pixel (column, row; fractional, 0 at the top-left corner) of a point in the drawing CRS.
  std::pair<double, double> to_pixel(double x, double y) const;
};

// Draws the picture. Throws std::runtime_error naming the layer or raster that cannot be read.
RgbaImage render_png_preview(const MapSpec& spec, const PngPreviewOptions& options, PngPreviewResult* result = nullptr);
// Draws and writes it through AtomicOutput.
PngPreviewResult write_png_preview(const MapSpec& spec, const PngPreviewOptions& options);

}  // namespace hotspot
