// Measures of a map frame on the ground, for its scale bar and north arrow: the geodesic length (WGS 84 ellipsoid,
// PROJ's geodesic routines) of a horizontal run of pixels, and the direction of true north at a point, both in any
// drawing CRS (Web Mercator, State Plane, ...).
#pragma once

#include <string>

#include "engine/core/extent.h"

namespace hotspot {

class Crs;

// A frame of a picture: its extent in the drawing CRS (outer pixel edges) and its size in pixels.
struct PictureFrame {
  Extent extent;
  int width_px = 0;
  int height_px = 0;
};

// Metres on the ground per pixel along the horizontal line at pixel row `row_px` (fractional, 0 at the top),
// measured as the geodesic between the line's two ends over its length in pixels. Throws std::runtime_error when
// the line cannot be placed in longitude/latitude.
double ground_metres_per_px(const PictureFrame& frame, const Crs& drawing_crs, double row_px);

// The direction of true north at pixel (column, row), in degrees clockwise from straight up (0 in Web Mercator;
// about +1.1 at Charlotte in NC State Plane, whose central meridian is to the east). Throws like the above.
double north_bearing_deg(const PictureFrame& frame, const Crs& drawing_crs, double column_px, double row_px);

}  // namespace hotspot
