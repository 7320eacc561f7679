// What makes a map picture readable on its own: a title with its notes, a legend, a scale bar and a north arrow,
// drawn over the map with Cairo (shapes) and Pango (text). The title sits at the top left, the north arrow at the
// top right, the scale bar at the bottom left and the legend at the bottom right, each on a light box.
#pragma once

#include <string>
#include <vector>

#include "geo/map/frame_geometry.h"
#include "geo/map/map_spec.h"
#include "geo/map/rgba_image.h"

namespace hotspot {

class Crs;

// One layer's part of the legend: swatches, or a colour ramp with its two ends, or a message.
struct FurnitureLegendBlock {
  std::string heading;
  std::vector<LegendEntry> entries;  // a swatch each
  std::vector<Rgba> ramp;            // non-empty: a colour ramp, low to high, instead of swatches
  std::string ramp_low, ramp_high;   // labels under the ramp's ends, e.g. "> 0", "≥ 412"
  std::string unit;                  // under the ramp, e.g. "incidents per square mile"
  std::string message;               // e.g. "no significant hotspots"; drawn in italics
};

// The units the scale bar is labelled in.
enum class ScaleUnits { miles_feet, kilometres_metres };

struct MapFurniture {
  std::string title;
  std::vector<std::string> notes;  // lines under the title
  std::vector<FurnitureLegendBlock> legend;
  ScaleUnits units = ScaleUnits::miles_feet;
};

// A box in pixels (x, y of the top-left corner).
struct PixelBox {
  double x = 0, y = 0, w = 0, h = 0;
};

// Where everything went, for tests and checks.
struct FurnitureLayout {
  PixelBox title, legend, scale, north;
  double scale_bar_px = 0;      // the bar's full length
  double scale_bar_m = 0;       // the ground distance it stands for
  std::string scale_label;      // e.g. "2 mi"
  double north_bearing_deg = 0; // the arrow's direction, clockwise from up
  int legend_blocks_drawn = 0;  // blocks that did not fit are left out and said so
};

// The map's furniture drawn over `picture` (a rendering of `frame` in `drawing_crs`). Throws std::runtime_error
// when the frame cannot be placed on the ground or Cairo fails.
RgbaImage draw_map_furniture(const RgbaImage& picture, const PictureFrame& frame, const Crs& drawing_crs,
                             const MapFurniture& furniture, FurnitureLayout* layout = nullptr);

// The scale bar's length for a ground resolution: the largest 1, 2 or 5 times a power of ten (miles, or feet below
// a tenth of a mile; kilometres, or metres below one) whose bar is at most max_px long.
struct ScaleBarChoice {
  double length_px = 0;
  double distance_m = 0;
  double value = 0;   // in `unit`
  std::string unit;   // "mi", "ft", "km", "m"
};
ScaleBarChoice choose_scale_bar(double metres_per_px, double max_px, ScaleUnits units);

}  // namespace hotspot
