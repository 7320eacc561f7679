// Areal weights for interpolating counts from one set of polygons to another (e.g. 2010 census population of the
// neighbourhood profile areas into the police divisions): the share of each source polygon's area that lies inside
// each target polygon, from GEOS intersections. A count spread evenly over its source polygon then falls into the
// targets in these shares (area-weighted interpolation; Goodchild and Lam 1980). A source's shares sum to 1 when the
// targets cover it without overlapping, to less where it lies outside them.
#pragma once

#include <cstddef>
#include <vector>

#include "geo/read/zones.h"

namespace hotspot {

struct ArealWeights {
  size_t sources = 0, targets = 0;
  std::vector<double> share;  // sources x targets, row-major: area(source s and target t) / area(source s)
  double at(size_t s, size_t t) const { return share[s * targets + t]; }
};

// Both layers in one CRS. A source of zero area gets no share. Throws std::runtime_error when GEOS fails on a pair.
ArealWeights areal_weights(const ZoneLayer& sources, const ZoneLayer& targets);

}  // namespace hotspot
