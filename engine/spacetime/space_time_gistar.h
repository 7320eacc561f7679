// Space-time Getis-Ord Gi* over a cube (engine/spacetime/space_time_cube.h), as ArcGIS's Emerging Hot Spot Analysis
// computes it: the neighbours of bin (i, t) are the bins (j, t') with j a spatial neighbour of i (the weights of
// engine/hotspot/spatial_weights.h, self included, weight w_ij) and t - N <= t' <= t, N the neighbourhood time steps;
// bin (j, t') weighs w_ij. Then, with n bins in the global window, xbar their mean and S their population standard
// deviation, W = sum of the weights and S1 = sum of their squares over the neighbourhood:
//
//   z = (sum w x - xbar W) / (S sqrt((n S1 - W^2) / (n - 1)))
//
// Global window: the entire cube (ArcGIS's default: n = locations x steps) or each time step (n = locations, the
// step's own bins; the neighbourhood is then the step's spatial neighbours only, N is not used, since bins of
// another step would be compared with this step's mean). The first N steps have fewer earlier steps: their
// neighbourhood holds the steps that exist (ArcGIS does not say; W and S1 count only those). A bin whose
// neighbourhood has zero variance gets NaN. Bins per step are ArcGIS's Gi_Bin with the Benjamini-Hochberg FDR
// correction over that step's locations (engine/hotspot/fdr.h).
#pragma once

#include <span>
#include <vector>

#include "engine/hotspot/fdr.h"
#include "engine/hotspot/spatial_weights.h"
#include "engine/spacetime/space_time_cube.h"

namespace hotspot {

enum class GlobalWindow { kEntireCube, kEachStep };

struct SpaceTimeGiOptions {
  int neighborhood_steps = 1;  // N >= 0: the step itself and the N before it (ArcGIS's default is 1)
  GlobalWindow window = GlobalWindow::kEntireCube;
  FdrCorrection fdr = FdrCorrection::kOn;  // ArcGIS applies it
};

struct SpaceTimeGi {
  size_t steps = 0;
  std::vector<double> z;  // location-major like the cube's counts; NaN where undefined
  std::vector<double> p;  // two-sided normal p
  std::vector<int> bin;   // -3..3
  double z_at(size_t location, size_t step) const { return z[location * steps + step]; }
  int bin_at(size_t location, size_t step) const { return bin[location * steps + step]; }
};

// `w` is over the cube's locations (row i = location i), self included. Throws std::invalid_argument when the
// sizes differ, N is negative, or the values of a window are all equal.
SpaceTimeGi space_time_gi_star(const SpaceTimeCube& cube, const SpatialWeights& w, const SpaceTimeGiOptions& options);

}  // namespace hotspot
