// Synthetic layers for the map tests: Gi* cells with every Gi_Bin class in known places, priority areas, and a
// density GeoTIFF with one Gaussian bump, all around uptown Charlotte.
#pragma once

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "geo/gdal/gdal_handles.h"

namespace hotspot::testing {

// Cells of 0.01 degrees, 10 columns x 8 rows, lower-left corner at (-80.90, 35.18). Gi_Bin is 3 in column 7,
// row 5 (counted from the south-west), -3 in column 1, row 1, and follows the column elsewhere (bins -2..2), so
// every class appears. `all_zero` gives a layer where every cell is "Not Significant".
inline constexpr double kCellDeg = 0.01, kLon0 = -80.90, kLat0 = 35.18;
inline std::string gi_cells_geojson(bool all_zero = false) {
  nlohmann::json fc{{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
  int id = 0;
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 10; ++c) {
      const double x0 = kLon0 + c * kCellDeg, y0 = kLat0 + r * kCellDeg;
      int bin = (c / 2) - 2;  // -2 .. 2
      if (c == 7 && r == 5) bin = 3;
      if (c == 1 && r == 1) bin = -3;
      if (all_zero) bin = 0;
      nlohmann::json ring = {{x0, y0}, {x0 + kCellDeg, y0}, {x0 + kCellDeg, y0 + kCellDeg}, {x0, y0 + kCellDeg}, {x0, y0}};
      fc["features"].push_back({{"type", "Feature"},
                                {"properties",
                                 {{"SOURCE_ID", id++}, {"n_incidents", 3 * (bin + 3)}, {"GiZScore", bin * 1.1},
                                  {"GiPValue", 0.5 / (1 + std::abs(bin))}, {"Gi_Bin", bin}}},
                                {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}});
    }
  return fc.dump();
}

// One priority area (a square of 3 x 2 cells over columns 6..8, rows 4..5) or none.
inline std::string priority_geojson(bool empty = false) {
  nlohmann::json fc{{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
  if (!empty) {
    const double x0 = kLon0 + 6 * kCellDeg, y0 = kLat0 + 4 * kCellDeg, x1 = kLon0 + 9 * kCellDeg, y1 = kLat0 + 6 * kCellDeg;
    fc["features"].push_back({{"type", "Feature"},
                              {"properties", {{"name", "Area <A> & \"B\""}, {"share_pct", 12.5}, {"area_km2", 1.7}}},
                              {"geometry", {{"type", "Polygon"}, {"coordinates", {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}}}});
  }
  return fc.dump();
}

// A Float32 GeoTIFF in EPSG:4326 over the cells' box, 200 x 160 pixels, with a Gaussian bump (peak 10) centred at
// the middle of cell (7, 5), zero elsewhere (below 1e-3), and -9999 as nodata in the first row.
inline void write_density_tif(const std::string& path, double peak = 10.0) {
  ensure_gdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  const int w = 200, h = 160;
  GDALDataset* ds = drv->Create(path.c_str(), w, h, 1, GDT_Float32, nullptr);
  const double px = 10 * kCellDeg / w;
  double gt[6] = {kLon0, px, 0, kLat0 + 8 * kCellDeg, 0, -px};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  ds->SetSpatialRef(&srs);
  const double cx = kLon0 + 7.5 * kCellDeg, cy = kLat0 + 5.5 * kCellDeg, sigma = 0.006;
  std::vector<float> v(static_cast<size_t>(w * h));
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const double x = gt[0] + (c + 0.5) * px, y = gt[3] - (r + 0.5) * px;
      double d = peak * std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
      if (d < 1e-3) d = 0;
      v[static_cast<size_t>(r * w + c)] = r == 0 ? -9999.0f : static_cast<float>(d);
    }
  ds->GetRasterBand(1)->SetNoDataValue(-9999);
  (void)ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, v.data(), w, h, GDT_Float32, 0, 0, nullptr);
  GDALClose(ds);
}

}  // namespace hotspot::testing
