// Spatial weights between the locations of a space-time cube: the same schemes as the Gi* stage
// (engine/hotspot/spatial_weights.h), restricted to the cube's locations (cells with at least one incident), as
// ArcGIS's cube holds only those. A fishnet uses the cell stencil; hexagons go through the KD-tree.
#pragma once

#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/spatial_weights.h"
#include "engine/spacetime/space_time_cube.h"

namespace hotspot {

// Self included (Gi*). Throws what fishnet_weights / distance_weights throw.
SpatialWeights location_weights(const AnalysisGrid& grid, const SpaceTimeCube& cube, WeightsOptions options);

}  // namespace hotspot
