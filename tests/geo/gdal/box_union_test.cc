// union_of_boxes_wkt against what a union of fishnet cells must be: its area is the number of distinct cells times
// the cell area, a cell centre is inside exactly when its cell was given, holes stay holes, and disjoint groups stay
// separate parts. The WKT is read back with OGR.
#include "geo/gdal/box_union.h"

#include <gtest/gtest.h>

#include <memory>
#include <ogr_geometry.h>
#include <random>
#include <set>

namespace hotspot {
namespace {

constexpr double kCell = 1000.0;
constexpr double kX0 = 1445000.0, kY0 = 525000.0;  // EPSG:2264-sized coordinates, as the clusters have

Extent cell_box(int col, int row) {
  return {kX0 + col * kCell, kY0 + row * kCell, kX0 + (col + 1) * kCell, kY0 + (row + 1) * kCell};
}

std::unique_ptr<OGRGeometry> read_wkt(const std::string& wkt) {
  OGRGeometry* g = nullptr;
  EXPECT_EQ(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g), OGRERR_NONE) << wkt;
  return std::unique_ptr<OGRGeometry>(g);
}

double area_of(const OGRGeometry& g) {
  if (const auto t = wkbFlatten(g.getGeometryType()); t == wkbPolygon) return g.toPolygon()->get_Area();
  return g.toMultiPolygon()->get_Area();
}

int parts_of(const OGRGeometry& g) {
  return wkbFlatten(g.getGeometryType()) == wkbPolygon ? 1 : g.toMultiPolygon()->getNumGeometries();
}

TEST(BoxUnionTest, NoBoxesIsEmpty) { EXPECT_EQ(union_of_boxes_wkt({}), "POLYGON EMPTY"); }

TEST(BoxUnionTest, ARingOfCellsKeepsItsHole) {
  std::vector<Extent> boxes;
  for (int col = 0; col < 3; ++col)
    for (int row = 0; row < 3; ++row)
      if (col != 1 || row != 1) boxes.push_back(cell_box(col, row));
  const auto g = read_wkt(union_of_boxes_wkt(boxes));
  ASSERT_EQ(wkbFlatten(g->getGeometryType()), wkbPolygon);
  const OGRPolygon* p = g->toPolygon();
  EXPECT_EQ(p->getNumInteriorRings(), 1);
  EXPECT_DOUBLE_EQ(p->get_Area(), 8 * kCell * kCell);
  EXPECT_DOUBLE_EQ(p->getInteriorRing(0)->get_Area(), kCell * kCell);
  const OGRPoint hole_centre(kX0 + 1.5 * kCell, kY0 + 1.5 * kCell);
  EXPECT_FALSE(g->Intersects(&hole_centre));
}

TEST(BoxUnionTest, DisjointGroupsStaySeparate) {
  // Two groups far apart, and a third touching the second only at a corner.
  const std::vector<Extent> boxes = {cell_box(0, 0), cell_box(1, 0), cell_box(10, 10), cell_box(11, 11)};
  const auto g = read_wkt(union_of_boxes_wkt(boxes));
  EXPECT_DOUBLE_EQ(area_of(*g), 4 * kCell * kCell);
  EXPECT_GE(parts_of(*g), 2);  // corner-touching cells may be one part (a bow tie) or two; never merged with the far group
  EXPECT_LE(parts_of(*g), 3);
  const OGRPoint between(kX0 + 5.5 * kCell, kY0 + 5.5 * kCell);
  EXPECT_FALSE(g->Intersects(&between));
}

TEST(BoxUnionTest, RandomCellSetsAreTheirDistinctCells) {
  std::mt19937 rng(20261202);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<Extent> boxes;
    std::set<std::pair<int, int>> distinct;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) {
      const int col = static_cast<int>(rng() % 12), row = static_cast<int>(rng() % 12);
      boxes.push_back(cell_box(col, row));  // duplicates on purpose: a cell listed twice counts once
      distinct.insert({col, row});
    }
    const auto g = read_wkt(union_of_boxes_wkt(boxes));
    EXPECT_NEAR(area_of(*g), static_cast<double>(distinct.size()) * kCell * kCell, 1e-6) << "trial " << trial;
    for (int col = -1; col <= 12; ++col) {
      for (int row = -1; row <= 12; ++row) {
        const OGRPoint centre(kX0 + (col + 0.5) * kCell, kY0 + (row + 0.5) * kCell);
        EXPECT_EQ(g->Intersects(&centre), distinct.count({col, row}) == 1) << "trial " << trial << " cell " << col << "," << row;
      }
    }
  }
}

TEST(BoxUnionTest, OverlappingBoxesAreCountedOnce) {
  // Boxes that are not cells: [0,2]x[0,1] and [1,3]x[0,1] overlap on [1,2]x[0,1]; the union is 3 x 1.
  const std::vector<Extent> boxes = {{kX0, kY0, kX0 + 2 * kCell, kY0 + kCell}, {kX0 + kCell, kY0, kX0 + 3 * kCell, kY0 + kCell}};
  const auto g = read_wkt(union_of_boxes_wkt(boxes));
  EXPECT_DOUBLE_EQ(area_of(*g), 3 * kCell * kCell);
  EXPECT_EQ(parts_of(*g), 1);
}

}  // namespace
}  // namespace hotspot
