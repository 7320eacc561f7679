// Global Moran's I (Moran 1950; Cliff & Ord 1981) with the moments under randomisation, as spdep::moran.test
// (randomisation = TRUE, adjust.n = TRUE) and ArcGIS's Spatial Autocorrelation (Global Moran's I):
//
//   I = (n / S0) sum_ij w_ij z_i z_j / sum_i z_i^2,   z_i = x_i - xbar,   E[I] = -1 / (n - 1),
//   Var[I] = [n ((n^2 - 3n + 3) S1 - n S2 + 3 S0^2) - K ((n^2 - n) S1 - 2n S2 + 6 S0^2)]
//            / ((n - 1)(n - 2)(n - 3) S0^2) - E[I]^2,
//
// with S0 = sum_ij w_ij, S1 = 1/2 sum_ij (w_ij + w_ji)^2, S2 = sum_i (w_i. + w_.i)^2 and the kurtosis
// K = N sum z^4 / (sum z^2)^2 over all N units. As spdep's adjust.n, n counts only the units with at least one
// neighbour (a unit without neighbour contributes no pair); the mean and K are over all units.
// z = (I - E[I]) / sqrt(Var[I]); p is two-sided (ArcGIS; spdep's moran.test defaults to "greater").
// Self weights are never part of Moran's I: weights built with the unit itself are rejected.
// Row standardisation (spdep style "W", ArcGIS's default for Moran's I): w_ij / sum_j w_ij per row.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/hotspot/spatial_weights.h"

namespace hotspot {

enum class WeightsStandardisation {
  kNone,  // the weights as built (spdep style "B" for binary weights)
  kRow,   // each row divided by its sum (spdep style "W"; ArcGIS's Moran's I and Local Moran's I)
};

// The weights with each row divided by its sum (rows without neighbour stay empty). Always non-binary.
// Throws std::invalid_argument when the weights include the units themselves.
SpatialWeights row_standardised(const SpatialWeights& w);

// The weights Moran's I uses: `w` itself or its row-standardised copy. Throws std::invalid_argument when the
// weights include the units themselves (Moran's I has no self term).
SpatialWeights moran_weights(const SpatialWeights& w, WeightsStandardisation standardisation);

// The checks Moran's I and Local Moran's I share: equal sizes, finite values, no self weights, not all values
// equal. Throws std::invalid_argument naming `statistic` ("Moran's I", "Local Moran's I") and the unit at fault.
void check_moran_inputs(std::span<const double> x, const SpatialWeights& w, const std::string& statistic);

struct MoranOptions {
  // Row standardisation. DEFAULT: kRow, as ArcGIS.
  WeightsStandardisation standardisation = WeightsStandardisation::kRow;
};

struct MoranResult {
  double i = 0.0;
  double expected = 0.0;  // E[I] = -1 / (n - 1)
  double variance = 0.0;  // under randomisation
  double z = 0.0;
  double p = 0.0;         // two-sided normal p
  size_t n = 0;           // units with at least one neighbour (spdep's adjusted n)
  size_t without_neighbors = 0;
  double s0 = 0.0, s1 = 0.0, s2 = 0.0;
  double kurtosis = 0.0;  // K
  std::vector<std::string> warnings;
};

// Throws std::invalid_argument when the sizes differ, a value is not finite, the weights include self, all values
// are equal (zero variance), fewer than 4 units have a neighbour (the variance is undefined) or the variance under
// randomisation is not positive. Fewer than 30 units is a warning, as in ArcGIS.
MoranResult global_moran(std::span<const double> x, const SpatialWeights& w, const MoranOptions& options = {});

std::string to_string(WeightsStandardisation standardisation);

}  // namespace hotspot
