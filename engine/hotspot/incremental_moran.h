// Incremental Spatial Autocorrelation (ArcGIS's tool of that name): Global Moran's I (engine/hotspot/moran.h) over
// a series of increasing fixed distance bands, to find the distance at which spatial clustering is most pronounced.
//
// Bands: start, start + increment, ..., start + (bands - 1) increment. Defaults as ArcGIS's: the start is the
// distance that gives every unit at least one neighbour (the largest nearest-neighbour distance), the increment the
// mean nearest-neighbour distance, 10 bands, row-standardised weights. Each band's weights are a fixed band without
// self (w = 1 for d <= band, the same relative tolerance as every other band in engine/hotspot/spatial_weights.h),
// so each band's Moran's I equals spdep's moran.test(randomisation = TRUE) on dnearneigh(0, band).
// A peak is a band whose z is larger than the z of the bands on both sides (the first and last band cannot be one);
// the first peak and the peak with the largest z are reported. Which peak a method uses (and whether it must be
// significant) is the caller's choice.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "engine/core/point.h"
#include "engine/core/progress.h"
#include "engine/hotspot/moran.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot {

struct IncrementalMoranOptions {
  int bands = 10;                  // number of distances. REQUIRES: 2..100.
  double start_crs = 0.0;          // first distance; <= 0: the largest nearest-neighbour distance
  double increment_crs = 0.0;      // step; <= 0: the mean nearest-neighbour distance
  WeightsStandardisation standardisation = WeightsStandardisation::kRow;  // DEFAULT: row, as ArcGIS
  int threads = 0;                 // 0: all hardware threads (the weights)
};

struct IncrementalMoranBand {
  double distance_crs = 0.0;
  MoranResult moran;
};

struct IncrementalMoranResult {
  double start_crs = 0.0, increment_crs = 0.0;  // as used (after defaulting)
  std::vector<IncrementalMoranBand> bands;
  std::vector<size_t> peaks;          // indices into bands, increasing
  std::optional<size_t> first_peak;   // peaks.front()
  std::optional<size_t> max_peak;     // the peak with the largest z (the first of equal ones)
};

// The peaks of a z series: indices k (0 < k < size - 1) with z[k] > z[k - 1] and z[k] > z[k + 1].
std::vector<size_t> z_peaks(std::span<const double> z);

// Throws std::invalid_argument for bands outside 2..100, sizes that differ, fewer than 2 units, a start or increment
// that is not finite or is zero after defaulting (all centroids in one place), and whatever global_moran throws for
// a band (zero variance, fewer than 4 units with a neighbour), naming the band.
IncrementalMoranResult incremental_moran(PointSpan centroids, std::span<const double> x,
                                         const IncrementalMoranOptions& options = {}, Progress* progress = nullptr);

// Builds one band's weights (a fixed band without self, `band.band_crs`) over the units: the same lists, in the same
// unit order, as distance_weights(centroids, band) gives. fishnet_weights does this for grid cells without any tree
// query, much faster for many units and wide bands.
using BandWeights = std::function<SpatialWeights(const WeightsOptions& band)>;

// The same, each band's weights from `weights` (empty: distance_weights over the centroids).
IncrementalMoranResult incremental_moran(PointSpan centroids, std::span<const double> x, const IncrementalMoranOptions& options,
                                         const BandWeights& weights, Progress* progress = nullptr);

}  // namespace hotspot
