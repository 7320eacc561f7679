#include "geo/map/png_preview.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "geo/gdal/crs.h"
#include "geo/gdal/gdal_handles.h"
#include "tests/geo/map/map_test_layers.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

const Rgba kBackground = parse_hex_color("#F4F2EE");

// The colour a fill of `c` at `opacity` gives over the background (computed independently of RgbaImage::blend).
Rgba over_background(const std::string& hex, double opacity) {
  const Rgba c = parse_hex_color(hex);
  auto ch = [&](uint8_t s, uint8_t d) { return static_cast<uint8_t>(std::lround(s * opacity + d * (1 - opacity))); };
  return {ch(c.r, kBackground.r), ch(c.g, kBackground.g), ch(c.b, kBackground.b), 255};
}

void expect_near(const Rgba& got, const Rgba& want, int tol, const std::string& where) {
  EXPECT_NEAR(got.r, want.r, tol) << where;
  EXPECT_NEAR(got.g, want.g, tol) << where;
  EXPECT_NEAR(got.b, want.b, tol) << where;
  EXPECT_EQ(got.a, 255) << where;
}

// Pixel of a lon/lat point on a Web Mercator preview.
std::pair<int, int> pixel_of(const PngPreviewResult& r, double lon, double lat) {
  CrsTransform t(Crs::from_user_input("EPSG:4326"), Crs::from_user_input("EPSG:3857"));
  t.transform(lon, lat);
  const auto [px, py] = r.to_pixel(lon, lat);
  return {static_cast<int>(std::floor(px)), static_cast<int>(std::floor(py))};
}

std::pair<int, int> cell_centre(const PngPreviewResult& r, int col, int row) {
  return pixel_of(r, testing::kLon0 + (col + 0.5) * testing::kCellDeg, testing::kLat0 + (row + 0.5) * testing::kCellDeg);
}

TEST(PngPreviewTest, GiCellsInArcGisColoursWhereTheyAre) {
  TempDir d;
  MapSpec spec;
  MapLayer gi = default_map_layer(MapLayerKind::kGiCells, "Gi");
  gi.geojson = testing::gi_cells_geojson();
  spec.layers.push_back(gi);
  PngPreviewOptions o;
  o.furniture = Furniture::none;  // the map alone; the furniture is tested below
  o.path = d.file("preview.png");
  o.width_px = 600;
  const PngPreviewResult r = write_png_preview(spec, o);
  const RgbaImage img = read_png(o.path);
  ASSERT_EQ(img.width, 600);
  ASSERT_EQ(img.height, r.height_px);
  // 10 x 8 cells of 0.01 degrees at 35.2 N: height / width = 0.8 / cos(35.2) = 0.98 (plus equal margins).
  EXPECT_NEAR(static_cast<double>(img.height) / img.width, 0.8 / std::cos(35.22 * M_PI / 180), 0.02);
  const auto [hx, hy] = cell_centre(r, 7, 5);
  expect_near(img.at(hx, hy), over_background("#D62F27", 0.75), 2, "hot spot 99%");
  const auto [cx, cy] = cell_centre(r, 1, 1);
  expect_near(img.at(cx, cy), over_background("#4575B5", 0.75), 2, "cold spot 99%");
  const auto [nx, ny] = cell_centre(r, 4, 3);
  expect_near(img.at(nx, ny), over_background("#9C9C9C", 0.3), 2, "not significant");
  const auto [ex, ey] = cell_centre(r, 9, 0);
  expect_near(img.at(ex, ey), over_background("#ED7551", 0.75), 2, "hot spot 95%");
  // The margin outside the cells is plain background.
  EXPECT_EQ(img.at(2, 2), (Rgba{kBackground.r, kBackground.g, kBackground.b, 255}));
  EXPECT_EQ(img.at(img.width - 3, img.height - 3), (Rgba{kBackground.r, kBackground.g, kBackground.b, 255}));
}

TEST(PngPreviewTest, DensityIsDarkRedAtItsPeakAndClearWhereZero) {
  TempDir d;
  const std::string tif = d.file("density.tif");
  testing::write_density_tif(tif);
  MapSpec spec;
  spec.overlays.push_back(default_density_overlay(tif, "per km2"));
  PngPreviewOptions o;
  o.furniture = Furniture::none;  // the map alone; the furniture is tested below
  o.width_px = 500;
  PngPreviewResult r;
  const RgbaImage img = render_png_preview(spec, o, &r);
  const auto [px, py] = cell_centre(r, 7, 5);  // the bump's centre
  const Rgba peak = img.at(px, py);
  EXPECT_GT(peak.r, 150);
  EXPECT_LT(peak.g, 60);
  EXPECT_LT(peak.b, 80);
  const auto [zx, zy] = cell_centre(r, 0, 0);  // far from the bump: density 0, transparent
  EXPECT_EQ(img.at(zx, zy), (Rgba{kBackground.r, kBackground.g, kBackground.b, 255}));
  // Halfway down the slope the colour is lighter (more green) than at the peak.
  const auto [sx, sy] = pixel_of(r, testing::kLon0 + 7.5 * testing::kCellDeg + 0.009, testing::kLat0 + 5.5 * testing::kCellDeg);
  EXPECT_GT(img.at(sx, sy).g, peak.g + 40);
}

TEST(PngPreviewTest, CharlotteOutlinesWithEmptyLayersStillDraw) {
  TempDir d;
  MapSpec spec;
  MapLayer div = default_map_layer(MapLayerKind::kContext, "Divisions");
  div.path = testing::charlotte("police_divisions/CMPD_Police_Divisions.shp");
  div.style.stroke_color = "#000000";
  div.style.stroke_width_px = 1;
  spec.layers.push_back(div);
  MapLayer pa = default_map_layer(MapLayerKind::kPriorityAreas, "Priority areas");
  pa.geojson = testing::priority_geojson(true);
  spec.layers.push_back(pa);
  MapLayer gi = default_map_layer(MapLayerKind::kGiCells, "Gi");
  gi.geojson = testing::gi_cells_geojson(true);
  spec.layers.push_back(gi);
  PngPreviewOptions o;
  o.furniture = Furniture::none;  // the map alone; the furniture is tested below
  o.path = d.file("preview.png");
  o.width_px = 800;
  o.height_px = 600;
  const PngPreviewResult r = write_png_preview(spec, o);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_NE(r.messages[0].find("no priority areas"), std::string::npos);
  EXPECT_NE(r.messages[1].find("no significant hotspots"), std::string::npos);
  const RgbaImage img = read_png(o.path);
  ASSERT_EQ(img.width, 800);
  ASSERT_EQ(img.height, 600);
  int64_t black = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) black += img.at(x, y) == Rgba{0, 0, 0, 255};
  EXPECT_GT(black, 2000);                           // the division outlines are drawn
  EXPECT_LT(black, img.width * img.height / 10);    // as outlines, not filled
  // A vertex of the first division (read from the shapefile, EPSG:2264) lies on a drawn outline.
  GdalDatasetPtr ds = open_vector(testing::charlotte("police_divisions/CMPD_Police_Divisions.shp"));
  OgrFeaturePtr f(ds->GetLayer(0)->GetNextFeature());
  OGREnvelope env;
  f->GetGeometryRef()->getEnvelope(&env);
  OGRPoint first;
  const OGRGeometry* g = f->GetGeometryRef();
  const OGRPolygon* poly = wkbFlatten(g->getGeometryType()) == wkbPolygon ? g->toPolygon() : g->toMultiPolygon()->getGeometryRef(0);
  poly->getExteriorRing()->getPoint(0, &first);
  double x = first.getX(), y = first.getY();
  CrsTransform(Crs::from_user_input("EPSG:2264"), Crs::from_user_input("EPSG:3857")).transform(x, y);
  const auto [px, py] = r.to_pixel(x, y);
  bool near_outline = false;
  for (int dy = -2; dy <= 2; ++dy)
    for (int dx = -2; dx <= 2; ++dx) {
      const int xx = static_cast<int>(px) + dx, yy = static_cast<int>(py) + dy;
      if (img.inside(xx, yy) && img.at(xx, yy) == Rgba{0, 0, 0, 255}) near_outline = true;
    }
  EXPECT_TRUE(near_outline) << px << "," << py;
  EXPECT_EQ(img.at(0, 0), (Rgba{kBackground.r, kBackground.g, kBackground.b, 255}));
}

TEST(PngPreviewTest, PointsAreDiscs) {
  MapSpec spec;
  MapLayer pts = default_map_layer(MapLayerKind::kPoints, "Incidents");
  pts.geojson = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-80.85,35.22]}},
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-80.80,35.25]}}]})";
  pts.style.fill_opacity = 1.0;
  pts.style.point_radius_px = 4;
  spec.layers.push_back(pts);
  PngPreviewOptions o;
  o.furniture = Furniture::none;  // the map alone; the furniture is tested below
  o.width_px = 300;
  PngPreviewResult r;
  const RgbaImage img = render_png_preview(spec, o, &r);
  const auto [px, py] = pixel_of(r, -80.85, 35.22);
  expect_near(img.at(px, py), parse_hex_color("#2171B5"), 1, "point centre");
  const auto [mx, my] = pixel_of(r, -80.825, 35.235);  // between the points
  EXPECT_EQ(img.at(mx, my), (Rgba{kBackground.r, kBackground.g, kBackground.b, 255}));
}

TEST(PngPreviewTest, BadSizeIsRefused) {
  MapSpec spec;
  PngPreviewOptions o;
  o.width_px = 0;
  EXPECT_THROW(render_png_preview(spec, o), std::invalid_argument);
}

bool inside_grown(const PixelBox& b, int x, int y, double grow) {
  return b.w > 0 && x >= b.x - grow && x < b.x + b.w + grow && y >= b.y - grow && y < b.y + b.h + grow;
}

// The title, legend, scale bar and north arrow change the picture only inside their boxes; the title box holds
// dark text and the legend the Gi* palette's swatches (each fill at 0.85 over the white box at 0.92 over the map).
TEST(PngPreviewTest, FurnitureIsDrawnOnlyInItsBoxes) {
  MapSpec spec;
  spec.title = "Charlotte test map";
  spec.notes = {"Incidents 2017 .. 2025"};
  MapLayer gi = default_map_layer(MapLayerKind::kGiCells, "Gi");
  gi.geojson = testing::gi_cells_geojson();
  spec.layers.push_back(gi);
  PngPreviewOptions bare;
  bare.width_px = 900;
  bare.height_px = 700;
  bare.furniture = Furniture::none;
  PngPreviewOptions dressed = bare;
  dressed.furniture = Furniture::draw;
  const RgbaImage plain = render_png_preview(spec, bare);
  PngPreviewResult r;
  const RgbaImage img = render_png_preview(spec, dressed, &r);
  const FurnitureLayout& f = r.furniture;
  ASSERT_GT(f.title.w, 0);
  ASSERT_GT(f.legend.w, 0);
  ASSERT_GT(f.scale.w, 0);
  ASSERT_GT(f.north.w, 0);
  int64_t changed = 0, dark_in_title = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const bool in_box = inside_grown(f.title, x, y, 2) || inside_grown(f.legend, x, y, 2) ||
                          inside_grown(f.scale, x, y, 2) || inside_grown(f.north, x, y, 2);
      if (!(img.at(x, y) == plain.at(x, y))) {
        ++changed;
        EXPECT_TRUE(in_box) << "pixel " << x << "," << y << " changed outside every furniture box";
        if (!in_box) return;
      }
      const Rgba c = img.at(x, y);
      if (inside_grown(f.title, x, y, 0) && c.r < 90 && c.g < 90 && c.b < 90) ++dark_in_title;
    }
  EXPECT_GT(changed, 1000);
  EXPECT_GT(dark_in_title, 200);  // the title's and note's glyphs
  const Rgba paper = over_background("#FFFFFF", 0.92);
  for (const char* hex : {"#D62F27", "#4575B5", "#9C9C9C"}) {
    const Rgba c = parse_hex_color(hex);
    auto ch = [](uint8_t s, uint8_t d) { return static_cast<int>(std::lround(s * 0.85 + d * 0.15)); };
    const int want[3] = {ch(c.r, paper.r), ch(c.g, paper.g), ch(c.b, paper.b)};
    bool found = false;
    for (int y = static_cast<int>(f.legend.y); y < f.legend.y + f.legend.h && !found; ++y)
      for (int x = static_cast<int>(f.legend.x); x < f.legend.x + f.legend.w && !found; ++x) {
        const Rgba p = img.at(x, y);
        found = std::abs(p.r - want[0]) <= 3 && std::abs(p.g - want[1]) <= 3 && std::abs(p.b - want[2]) <= 3;
      }
    EXPECT_TRUE(found) << "no " << hex << " swatch in the legend";
  }
  EXPECT_NEAR(f.north_bearing_deg, 0.0, 1e-6);  // Web Mercator: north is up
}

}  // namespace
}  // namespace hotspot
