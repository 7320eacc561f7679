// A density surface (band 1 of any GDAL raster, e.g. the kernel density GeoTIFF) drawn with the sequential density
// ramp: reprojected with GDAL's warper into the frame of a map, values at or below the range's minimum and nodata
// left transparent, values at or above its maximum in the top colour.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "engine/core/extent.h"
#include "geo/gdal/crs.h"
#include "geo/map/map_palette.h"
#include "geo/map/rgba_image.h"

namespace hotspot {

struct DensityScale {
  // Values <= min_value are transparent. NaN = 0.
  double min_value = std::numeric_limits<double>::quiet_NaN();
  // Values >= max_value take the top colour. NaN = the max_quantile quantile of the values above min_value, so that
  // one extreme cell does not wash out the rest of the surface.
  double max_value = std::numeric_limits<double>::quiet_NaN();
  double max_quantile = 0.995;
};

struct DensityRange {
  double min_value = 0.0;
  double max_value = 0.0;
  double data_max = 0.0;   // the largest finite value in the raster
  int64_t cells_above_min = 0;
  bool empty() const { return cells_above_min == 0 || !(max_value > min_value); }
};

// Reads band 1 and resolves the scale. Throws std::runtime_error naming the path.
DensityRange resolve_density_range(const std::string& raster_path, const DensityScale& scale = {});

// The legend's labels of a range's two ends ("> 0", "≥ 412"; three significant digits) and the number format.
struct DensityRangeLabels {
  std::string low, high;
};
DensityRangeLabels density_range_labels(const DensityRange& range);
std::string density_number_text(double v);

// The colour of one value (transparent at or below min, nodata/NaN transparent).
Rgba density_color(double value, const DensityRange& range, const std::vector<RampStop>& ramp = density_ramp());

struct GeoImage {
  RgbaImage image;
  Extent extent;  // in the target CRS, outer edges of the image
};

// Warps band 1 of the raster into `target` at about its own resolution (GDAL's suggested output), the longer side
// capped at max_side_px, and colours it. Throws std::runtime_error naming the path (no CRS, unreadable).
GeoImage render_density(const std::string& raster_path, const Crs& target, const DensityRange& range,
                        int max_side_px = 2048, const std::vector<RampStop>& ramp = density_ramp());

// Warps and colours the raster into a fixed frame (extent in `target`, width x height pixels).
RgbaImage render_density_into(const std::string& raster_path, const Crs& target, const Extent& frame, int width_px,
                              int height_px, const DensityRange& range,
                              const std::vector<RampStop>& ramp = density_ramp());

}  // namespace hotspot
