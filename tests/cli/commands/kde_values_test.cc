// `hotspot kde` through the binary, checked by value: the mask against this test's own point-in-polygon test of
// every cell centre, and ArcGIS's default search radius and cell size computed here from the input points with
// the formulas of ArcGIS's documentation, unweighted and with a weight (population) field.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

TEST(KdeValuesTest, MaskedCellsAreExactlyThoseWhoseCentreIsOutsideThePolygon) {
  TempDir d;
  const std::string tif = d.file("masked.tif");
  const auto r = run_hotspot("kde " + charlotte("cmpd_incidents_sample.csv") + " --crs EPSG:2264 -r 2000ft --cell-size 500ft -q --mask " +
                                 charlotte("charlotte_city_limits.geojson") + " -o " + tif,
                             d);
  ASSERT_EQ(r.code, 0) << r.err;
  const RasterCells cells = read_raster(tif);
  ASSERT_FALSE(cells.values.empty());
  const std::unique_ptr<OGRGeometry> city = city_limits_ft();
  OGRPreparedGeometryUniquePtr prepared(OGRCreatePreparedGeometry(OGRGeometry::ToHandle(city.get())));
  // The grid covers the polygon's bounding box (kde.extent's default when a mask is given).
  OGREnvelope e;
  city->getEnvelope(&e);
  EXPECT_NEAR(cells.gt[0], e.MinX, 1e-6);
  EXPECT_GE(cells.gt[0] + cells.ncols * cells.gt[1], e.MaxX);
  EXPECT_GE(cells.gt[3], e.MaxY);
  EXPECT_LE(cells.gt[3] + cells.nrows * cells.gt[5], e.MinY);
  int64_t wrong = 0, inside = 0;
  std::ostringstream first_wrong;
  for (int row = 0; row < cells.nrows; ++row)
    for (int col = 0; col < cells.ncols; ++col) {
      OGRPoint p(cells.centre_x(col), cells.centre_y(row));
      const bool in = OGRPreparedGeometryIntersects(prepared.get(), OGRGeometry::ToHandle(&p));
      const double v = cells.values[static_cast<size_t>(row) * cells.ncols + col];
      inside += in;
      if (in == std::isnan(v) && wrong++ == 0) first_wrong << "row " << row << " col " << col << " value " << v;
    }
  EXPECT_EQ(wrong, 0) << "first: " << first_wrong.str();
  EXPECT_GT(inside, 0);
  EXPECT_LT(inside, static_cast<int64_t>(cells.values.size()));
}

struct WeightedPoint {
  double x, y, w;
};

// ArcGIS's default search radius, from its documentation: 0.9 * min(SD, sqrt(1/ln 2) * Dm) * n^-0.2, SD the
// (weighted) standard distance about the (weighted) mean centre, Dm the (weighted) median distance to it, n the
// count or the weight sum. The weighted median: the first distance whose cumulative weight reaches half the total,
// the mean of it and the next when it reaches exactly half (the ordinary median for equal weights).
double arcgis_radius(const std::vector<WeightedPoint>& pts) {
  double n = 0, mx = 0, my = 0;
  for (const auto& p : pts) n += p.w, mx += p.w * p.x, my += p.w * p.y;
  mx /= n, my /= n;
  double ss = 0;
  std::vector<std::pair<double, double>> dist;
  for (const auto& p : pts) {
    ss += p.w * ((p.x - mx) * (p.x - mx) + (p.y - my) * (p.y - my));
    dist.push_back({std::sqrt((p.x - mx) * (p.x - mx) + (p.y - my) * (p.y - my)), p.w});
  }
  std::sort(dist.begin(), dist.end());
  double cum = 0, dm = 0;
  for (size_t i = 0; i < dist.size(); ++i) {
    cum += dist[i].second;
    if (cum * 2 >= n) {
      dm = (cum * 2 == n && i + 1 < dist.size()) ? (dist[i].first + dist[i + 1].first) / 2 : dist[i].first;
      break;
    }
  }
  const double sd = std::sqrt(ss / n);
  return 0.9 * std::min(sd, std::sqrt(1 / std::log(2.0)) * dm) * std::pow(n, -0.2);
}

// The density grid's default cell: the shorter side of the output extent / 250; the extent is the points' bounds
// grown by the search radius on every side.
double default_cell(const std::vector<WeightedPoint>& pts, double radius) {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const auto& p : pts) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  return std::min(x1 - x0 + 2 * radius, y1 - y0 + 2 * radius) / 250.0;
}

// Runs `hotspot kde` with no radius and no cell size; returns the radius (metadata) and the cell (geotransform).
std::pair<double, double> default_radius_and_cell(const std::string& args, const TempDir& d) {
  const std::string tif = d.file("default.tif");
  std::filesystem::remove(tif);
  const auto r = run_hotspot("kde " + args + " --crs EPSG:2264 -q -o " + tif, d);
  EXPECT_EQ(r.code, 0) << r.err;
  GdalDataset g(tif, GDAL_OF_RASTER);
  if (!g.ds) return {0, 0};
  EXPECT_STREQ(g.ds->GetMetadataItem("SEARCH_RADIUS_SOURCE"), "ArcGIS default");
  const char* radius = g.ds->GetMetadataItem("SEARCH_RADIUS");
  double gt[6];
  g.ds->GetGeoTransform(gt);
  EXPECT_DOUBLE_EQ(gt[1], -gt[5]);
  return {radius ? std::stod(radius) : 0.0, gt[1]};
}

TEST(KdeValuesTest, DefaultRadiusAndCellSizeAreArcGisFormulasOfTheInputPoints) {
  TempDir d;
  std::vector<WeightedPoint> pts;
  for (const Incident& i : charlotte_incidents()) pts.push_back({i.x, i.y, 1.0});
  ASSERT_EQ(pts.size(), 5000u);
  const double radius = arcgis_radius(pts);
  const auto [got_radius, got_cell] = default_radius_and_cell(charlotte("cmpd_incidents_sample.csv"), d);
  EXPECT_NEAR(got_radius, radius, 1e-9 * radius);
  EXPECT_NEAR(got_cell, default_cell(pts, radius), 1e-9 * got_cell);
}

TEST(KdeValuesTest, DefaultRadiusWithAWeightFieldUsesTheWeightedFormulas) {
  TempDir d;
  // The sample's State Plane coordinates with integer weights 1..4 that vary with the row.
  std::vector<WeightedPoint> pts;
  std::string csv = "x,y,w\n";
  CsvReader in(charlotte("cmpd_incidents_sample.csv"));
  const int xc = in.column("X_COORD_PUBLIC"), yc = in.column("Y_COORD_PUBLIC");
  for (int row = 0; auto r = in.next(); ++row) {
    const double w = 1 + (row * 7) % 4;
    pts.push_back({std::stod(r->fields[xc]), std::stod(r->fields[yc]), w});
    csv += r->fields[xc] + "," + r->fields[yc] + "," + std::to_string(static_cast<int>(w)) + "\n";
  }
  const std::string path = d.write("weighted.csv", csv);
  const double radius = arcgis_radius(pts);
  std::vector<WeightedPoint> unweighted = pts;
  for (auto& p : unweighted) p.w = 1;
  ASSERT_GT(std::fabs(radius - arcgis_radius(unweighted)), 1.0);  // the weights change the answer
  const auto [got_radius, got_cell] =
      default_radius_and_cell(path + " --x-col x --y-col y --source-crs EPSG:2264 --weight-col w", d);
  EXPECT_NEAR(got_radius, radius, 1e-9 * radius);
  EXPECT_NEAR(got_cell, default_cell(pts, radius), 1e-9 * got_cell);
}

}  // namespace
}  // namespace hotspot::testing
