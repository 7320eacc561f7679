// polygon_cell_mask (GDAL rasterization) against point-in-polygon tests of every cell centre done here: the test's
// own even-odd ray casting on synthetic shapes, and OGR's Contains (GEOS) on the bundled neighbourhood areas.
#include "geo/gdal/cell_mask.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <ogr_geometry.h>
#include <sstream>

#include "geo/gdal/crs.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using Ring = std::vector<std::pair<double, double>>;
using Shape = std::vector<Ring>;  // outer ring, then holes

std::string shape_wkt(const Shape& shape) {
  std::ostringstream w;
  w.precision(17);
  w << "POLYGON(";
  for (size_t r = 0; r < shape.size(); ++r) {
    w << (r ? ",(" : "(");
    for (size_t k = 0; k <= shape[r].size(); ++k) {
      const auto& [x, y] = shape[r][k % shape[r].size()];
      w << (k ? "," : "") << x << ' ' << y;
    }
    w << ')';
  }
  w << ')';
  return w.str();
}

// Even-odd rule over every ring: a crossing of a ray to +x toggles inside/outside, so holes come out right.
bool ray_cast_inside(const Shape& shape, double px, double py) {
  bool inside = false;
  for (const Ring& ring : shape) {
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const auto [xi, yi] = ring[i];
      const auto [xj, yj] = ring[j];
      if ((yi > py) != (yj > py) && px < xj + (py - yj) * (xi - xj) / (yi - yj)) inside = !inside;
    }
  }
  return inside;
}

// Distance from a point to the nearest edge of a shape (to keep the synthetic cases off the boundary).
double distance_to_edges(const Shape& shape, double px, double py) {
  double best = INFINITY;
  for (const Ring& ring : shape) {
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const double ex = ring[i].first - ring[j].first, ey = ring[i].second - ring[j].second;
      double t = ((px - ring[j].first) * ex + (py - ring[j].second) * ey) / (ex * ex + ey * ey);
      t = std::clamp(t, 0.0, 1.0);
      best = std::min(best, std::hypot(px - ring[j].first - t * ex, py - ring[j].second - t * ey));
    }
  }
  return best;
}

TEST(CellMaskTest, SyntheticShapesEqualRayCastingOfEveryCellCentre) {
  const std::vector<Shape> shapes = {
      {{{13, 17}, {233, 17}, {233, 88}, {91, 88}, {91, 251}, {13, 251}}},           // concave L
      {{{261, 23}, {387, 31}, {379, 277}, {253, 269}},                             // quadrilateral ...
       {{297, 83}, {351, 79}, {343, 211}, {301, 203}}},                            // ... with a hole
      {{{111, 133}, {227, 287}, {241, 121}}},                                      // triangle, diagonal edges
  };
  std::vector<std::pair<std::string, std::string>> zones;
  for (size_t i = 0; i < shapes.size(); ++i) zones.push_back({std::to_string(i), shape_wkt(shapes[i])});
  const ZoneLayer layer = ZoneLayer::from_wkt(zones, nullptr);
  const GridSpec g{0.0, 0.0, 10.0, 40, 30};
  const std::vector<uint8_t> mask = polygon_cell_mask(layer, g);
  ASSERT_EQ(mask.size(), static_cast<size_t>(g.cell_count()));
  int64_t inside = 0;
  for (int64_t row = 0; row < g.nrows; ++row) {
    for (int64_t col = 0; col < g.ncols; ++col) {
      const double x = g.col_center_x(col), y = g.row_center_y(row);
      bool want = false;
      for (const Shape& s : shapes) {
        ASSERT_GT(distance_to_edges(s, x, y), 0.01) << "test shapes must keep cell centres off their edges";
        want = want || ray_cast_inside(s, x, y);
      }
      inside += want;
      EXPECT_EQ(mask[static_cast<size_t>(row * g.ncols + col)], want ? 1 : 0) << "row " << row << " col " << col;
    }
  }
  // The shapes cover a fair part of the grid, and the hole is not filled: the check is not trivially all-0 / all-1.
  EXPECT_GT(inside, 200);
  EXPECT_LT(inside, 900);
  EXPECT_EQ(mask[static_cast<size_t>(g.ncols * 15 + 32)], 0);  // centre (325, 145): in the hole
}

TEST(CellMaskTest, NeighbourhoodAreasEqualOgrContainsOfEveryCellCentre) {
  std::vector<std::string> warnings;
  ZoneLayerOptions o;
  o.path = testing::charlotte("neighborhood_profile_areas.geojson");
  const ZoneLayer layer = ZoneLayer::load(o, Crs::from_user_input("EPSG:2264"), &warnings);
  ASSERT_GT(layer.size(), 400u);
  const GridSpec g = GridSpec::covering(layer.extent(), 2500.0);
  const std::vector<uint8_t> mask = polygon_cell_mask(layer, g);
  std::vector<std::unique_ptr<OGRGeometry>> geoms;
  for (size_t i = 0; i < layer.size(); ++i) {
    OGRGeometry* geom = nullptr;
    ASSERT_EQ(OGRGeometryFactory::createFromWkt(layer.wkt(i).c_str(), nullptr, &geom), OGRERR_NONE);
    geoms.emplace_back(geom);
  }
  int64_t inside = 0, mismatches = 0;
  for (int64_t row = 0; row < g.nrows; ++row) {
    for (int64_t col = 0; col < g.ncols; ++col) {
      const OGRPoint centre(g.col_center_x(col), g.row_center_y(row));
      bool want = false;
      for (size_t i = 0; i < geoms.size() && !want; ++i)
        want = layer.zone(i).bbox.contains(centre.getX(), centre.getY()) && geoms[i]->Intersects(&centre);
      inside += want;
      mismatches += mask[static_cast<size_t>(row * g.ncols + col)] != (want ? 1 : 0);
    }
  }
  EXPECT_EQ(mismatches, 0) << "of " << g.cell_count() << " cells, " << inside << " inside";
  EXPECT_GT(inside, g.cell_count() / 3);  // the city fills much of its bounding box, but not all
  EXPECT_LT(inside, g.cell_count());
}

TEST(CellMaskTest, GridBeyondThePolygonsIsOutside) {
  const ZoneLayer layer = ZoneLayer::from_wkt({{"a", "POLYGON((1003 1003,1097 1003,1097 1097,1003 1097,1003 1003))"}}, nullptr);
  const GridSpec g{0.0, 0.0, 10.0, 20, 20};  // 0..200: the polygon lies wholly outside
  const std::vector<uint8_t> mask = polygon_cell_mask(layer, g);
  for (uint8_t v : mask) EXPECT_EQ(v, 0);
}

}  // namespace
}  // namespace hotspot
