#include "geo/map/density_image.h"

#include <cstdio>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <gdal_utils.h>

#include "geo/gdal/gdal_handles.h"

namespace hotspot {

namespace {

std::vector<double> read_band(GDALDataset& ds, const std::string& path) {
  GDALRasterBand* band = ds.GetRasterBand(1);
  if (!band) throw std::runtime_error(path + ": has no raster band");
  const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
  std::vector<double> v(static_cast<size_t>(w) * static_cast<size_t>(h));
  if (band->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Float64, 0, 0, nullptr) != CE_None)
    throw std::runtime_error(path + ": cannot read band 1: " + last_gdal_error());
  int has_nodata = 0;
  const double nodata = band->GetNoDataValue(&has_nodata);
  if (has_nodata)
    for (double& x : v)
      if (x == nodata || (std::isnan(nodata) && std::isnan(x))) x = std::numeric_limits<double>::quiet_NaN();
  return v;
}

// Runs GDALWarp on the raster into a one-band Float64 MEM dataset with NaN as nodata.
GdalDatasetPtr warp(const std::string& path, const Crs& target, const std::vector<std::string>& extra) {
  GdalDatasetPtr src = open_raster(path);
  const char* wkt = src->GetProjectionRef();
  if (!wkt || !*wkt) throw std::runtime_error(path + ": the raster has no CRS; cannot place it on a map");
  std::vector<std::string> args = {"-of", "MEM", "-ot", "Float64", "-t_srs", target.wkt(), "-r", "bilinear",
                                   "-dstnodata", "nan", "-wo", "INIT_DEST=NO_DATA"};
  int has_nodata = 0;
  src->GetRasterBand(1)->GetNoDataValue(&has_nodata);
  if (!has_nodata) args.insert(args.end(), {"-srcnodata", "nan"});
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(argv.data(), nullptr);
  if (!opts) throw std::runtime_error(path + ": bad warp options: " + last_gdal_error());
  GDALDatasetH in = GDALDataset::ToHandle(src.get());
  int usage_error = 0;
  CPLErrorReset();
  GDALDatasetH out = GDALWarp("", nullptr, 1, &in, opts, &usage_error);
  GDALWarpAppOptionsFree(opts);
  if (!out) throw std::runtime_error(path + ": cannot reproject the raster: " + last_gdal_error());
  return GdalDatasetPtr(GDALDataset::FromHandle(out));
}

RgbaImage colour(GDALDataset& ds, const std::string& path, const DensityRange& range, const std::vector<RampStop>& ramp) {
  const std::vector<double> v = read_band(ds, path);
  RgbaImage img(ds.GetRasterXSize(), ds.GetRasterYSize());
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      img.set(x, y, density_color(v[static_cast<size_t>(y) * static_cast<size_t>(img.width) + static_cast<size_t>(x)], range, ramp));
  return img;
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

std::string density_number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

DensityRangeLabels density_range_labels(const DensityRange& range) {
  return {"> " + density_number_text(range.min_value), "\u2265 " + density_number_text(range.max_value)};
}

DensityRange resolve_density_range(const std::string& raster_path, const DensityScale& scale) {
  GdalDatasetPtr ds = open_raster(raster_path);
  const std::vector<double> v = read_band(*ds, raster_path);
  DensityRange r;
  r.min_value = std::isnan(scale.min_value) ? 0.0 : scale.min_value;
  std::vector<double> above;
  bool any = false;
  for (double x : v) {
    if (!std::isfinite(x)) continue;
    r.data_max = any ? std::max(r.data_max, x) : x;
    any = true;
    if (x > r.min_value) above.push_back(x);
  }
  r.cells_above_min = static_cast<int64_t>(above.size());
  if (!std::isnan(scale.max_value)) {
    r.max_value = scale.max_value;
  } else if (!above.empty()) {
    const double q = std::clamp(scale.max_quantile, 0.0, 1.0);
    const size_t k = std::min(above.size() - 1, static_cast<size_t>(std::floor(q * static_cast<double>(above.size() - 1))));
    std::nth_element(above.begin(), above.begin() + static_cast<std::ptrdiff_t>(k), above.end());
    r.max_value = above[k];
    if (!(r.max_value > r.min_value)) r.max_value = r.data_max;
  } else {
    r.max_value = r.min_value;
  }
  return r;
}

Rgba density_color(double value, const DensityRange& range, const std::vector<RampStop>& ramp) {
  if (!std::isfinite(value) || !(value > range.min_value)) return {0, 0, 0, 0};
  const double span = range.max_value - range.min_value;
  const double t = span > 0 ? (value - range.min_value) / span : 1.0;
  return sample_ramp(ramp, t);
}

GeoImage render_density(const std::string& raster_path, const Crs& target, const DensityRange& range, int max_side_px,
                        const std::vector<RampStop>& ramp) {
  GdalDatasetPtr probe = warp(raster_path, target, {});
  int w = probe->GetRasterXSize(), h = probe->GetRasterYSize();
  GdalDatasetPtr ds;
  if (std::max(w, h) > max_side_px) {
    const double f = static_cast<double>(max_side_px) / std::max(w, h);
    w = std::max(1, static_cast<int>(std::lround(w * f)));
    h = std::max(1, static_cast<int>(std::lround(h * f)));
    double gt[6];
    probe->GetGeoTransform(gt);
    const double x0 = gt[0], y1 = gt[3], x1 = gt[0] + gt[1] * probe->GetRasterXSize(), y0 = gt[3] + gt[5] * probe->GetRasterYSize();
    probe.reset();
    ds = warp(raster_path, target, {"-te", num(x0), num(y0), num(x1), num(y1), "-ts", std::to_string(w), std::to_string(h)});
  } else {
    ds = std::move(probe);
  }
  double gt[6];
  ds->GetGeoTransform(gt);
  GeoImage out{colour(*ds, raster_path, range, ramp), {}};
  out.extent = {gt[0], gt[3] + gt[5] * ds->GetRasterYSize(), gt[0] + gt[1] * ds->GetRasterXSize(), gt[3]};
  return out;
}

RgbaImage render_density_into(const std::string& raster_path, const Crs& target, const Extent& frame, int width_px,
                              int height_px, const DensityRange& range, const std::vector<RampStop>& ramp) {
  GdalDatasetPtr ds = warp(raster_path, target,
                           {"-te", num(frame.min_x), num(frame.min_y), num(frame.max_x), num(frame.max_y), "-ts",
                            std::to_string(width_px), std::to_string(height_px)});
  return colour(*ds, raster_path, range, ramp);
}

}  // namespace hotspot
