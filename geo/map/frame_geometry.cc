#include "geo/map/frame_geometry.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include <geodesic.h>

#include "geo/gdal/crs.h"

namespace hotspot {

namespace {

struct Xy {
  double x, y;
};

// The drawing-CRS coordinates of a pixel position.
Xy to_crs(const PictureFrame& f, double column_px, double row_px) {
  return {f.extent.min_x + column_px / f.width_px * f.extent.width(), f.extent.max_y - row_px / f.height_px * f.extent.height()};
}

void check_frame(const PictureFrame& f) {
  if (f.width_px <= 0 || f.height_px <= 0 || !(f.extent.width() > 0) || !(f.extent.height() > 0))
    throw std::invalid_argument("a map frame needs a positive size and extent");
}

Xy lon_lat(Xy p, const CrsTransform& to_ll, const char* what) {
  if (!to_ll.transform(p.x, p.y)) throw std::runtime_error(std::string("cannot place the map's ") + what + " in longitude/latitude");
  return p;
}

}  // namespace

double ground_metres_per_px(const PictureFrame& frame, const Crs& drawing_crs, double row_px) {
  check_frame(frame);
  const CrsTransform to_ll(drawing_crs, Crs::from_user_input("EPSG:4326"));
  const Xy a = lon_lat(to_crs(frame, 0, row_px), to_ll, "scale bar");
  const Xy b = lon_lat(to_crs(frame, frame.width_px, row_px), to_ll, "scale bar");
  geod_geodesic g;
  geod_init(&g, 6378137.0, 1 / 298.257223563);
  double s12 = 0, azi1 = 0, azi2 = 0;
  geod_inverse(&g, a.y, a.x, b.y, b.x, &s12, &azi1, &azi2);
  return s12 / frame.width_px;
}

double north_bearing_deg(const PictureFrame& frame, const Crs& drawing_crs, double column_px, double row_px) {
  check_frame(frame);
  const Crs wgs84 = Crs::from_user_input("EPSG:4326");
  const CrsTransform to_ll(drawing_crs, wgs84), from_ll(wgs84, drawing_crs);
  const Xy here = to_crs(frame, column_px, row_px);
  const Xy ll = lon_lat(here, to_ll, "north arrow");
  double x = ll.x, y = ll.y + 1e-4;  // about 11 m to the north
  if (!from_ll.transform(x, y)) throw std::runtime_error("cannot place the map's north arrow in its CRS");
  return std::atan2(x - here.x, y - here.y) * 180 / std::numbers::pi;
}

}  // namespace hotspot
