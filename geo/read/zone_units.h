// Polygon zones (neighbourhood profile areas, patrol divisions, any OGR polygon layer via geo/read/zones.h) as analysis
// units for hot spot statistics: point-in-polygon assignment with prepared geometries, zone centroids for distance
// weights, and contiguity neighbours with GEOS. Also the study-area mask for fishnet and hexagon cells.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/hotspot/analysis_units.h"
#include "engine/core/point.h"
#include "geo/read/zones.h"

namespace hotspot {

// Each point's zone: the first zone in layer order containing it (boundaries count as inside), or -1. Points in
// no zone are counted by aggregate_units as points_outside; the caller reports them.
std::vector<int64_t> assign_to_zones(const ZoneLayer& zones, PointSpan points);

// The centroid of each zone (GEOS centroid of the polygon), for distance-based weights, as ArcGIS uses.
std::vector<Point> zone_centroids(const ZoneLayer& zones);

enum class Contiguity {
  kEdges,           // share a boundary segment (or overlap): ArcGIS CONTIGUITY_EDGES_ONLY, spdep poly2nb(queen=FALSE)
  kEdgesAndCorners  // share any boundary point (or overlap): CONTIGUITY_EDGES_CORNERS, poly2nb(queen=TRUE)
};

// Neighbour lists (without self) of each zone. Exact topology: zones must share vertices along common edges, as
// polygons cut from one coverage do.
std::vector<std::vector<uint32_t>> zone_contiguity(const ZoneLayer& zones, Contiguity rule);

// The cells of a grid kept as analysis units inside a study area: cells whose centre lies in the area, plus any
// cell holding at least one point (`counts` > 0). Returns unit_of_cell (-1 = dropped), numbered in cell order.
std::vector<int64_t> grid_cells_in_area(const AnalysisGrid& grid, const ZoneLayer& area, std::span<const double> counts);

}  // namespace hotspot
