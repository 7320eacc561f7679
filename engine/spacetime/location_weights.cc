#include "engine/spacetime/location_weights.h"

#include <vector>

namespace hotspot {

SpatialWeights location_weights(const AnalysisGrid& grid, const SpaceTimeCube& cube, WeightsOptions options) {
  options.include_self = true;
  if (grid.shape() == UnitShape::kSquare && options.scheme != WeightScheme::kKNearest) {
    std::vector<int64_t> unit_of_cell(grid.size(), -1);
    for (size_t i = 0; i < cube.locations(); ++i) unit_of_cell[static_cast<size_t>(cube.location_unit[i])] = static_cast<int64_t>(i);
    return fishnet_weights(grid.ncols(), grid.nrows(), grid.cell_size(), unit_of_cell, options);
  }
  std::vector<Point> centres;
  centres.reserve(cube.locations());
  for (int64_t unit : cube.location_unit) centres.push_back(grid.centroid(unit));
  return distance_weights(centres, options);
}

}  // namespace hotspot
