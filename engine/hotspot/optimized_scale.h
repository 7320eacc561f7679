// The choices of ArcGIS Pro's Optimized Hot Spot Analysis for incident points: the cell size of the fishnet or
// hexagons the incidents are counted in, and the distance band of the Gi* that follows (README, "Optimized hot
// spots", says where this follows ArcGIS and where it differs).
//
// Cell size: twice the larger of the mean and the median nearest-neighbour distance of the incidents' distinct
// locations, locational outliers set aside (engine/hotspot/locational_outliers.h), kept between the shorter side of
// the extent / 250 (ArcGIS's default raster cell size) and a tenth of the longer side (ArcGIS's upper bound).
//
// Distance band: Incremental Spatial Autocorrelation (engine/hotspot/incremental_moran.h) over the analysis units'
// counts, `bands` distances from the largest nearest-neighbour distance of the units that are not locational
// outliers, stepping by their mean nearest-neighbour distance; when a band would exceed the standard distance of
// the units, the bands are spread evenly from the start to the standard distance instead (and a start beyond the
// standard distance becomes a fifth of it), as ArcGIS caps them. The band is the first peak of z with z > 1.65;
// with none, the band of the largest z when that z > 1.65; otherwise the mean distance from each unit to its k-th
// nearest neighbour, k = 5 % of the units clamped to [3, 30], but at most the standard distance.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "engine/core/extent.h"
#include "engine/core/point.h"
#include "engine/core/progress.h"
#include "engine/hotspot/incremental_moran.h"
#include "engine/hotspot/locational_outliers.h"

namespace hotspot {

enum class CellSizeRule { kNearestNeighbour, kRaisedToMinimum, kLoweredToMaximum };

struct CellSizeChoice {
  double cell_size_crs = 0.0;
  double nearest_neighbour_crs = 0.0;  // 2 * max(mean, median) of the non-outlier distances
  double minimum_crs = 0.0, maximum_crs = 0.0;
  CellSizeRule rule = CellSizeRule::kNearestNeighbour;
};

// Throws std::invalid_argument for an empty or zero-size extent.
CellSizeChoice optimized_cell_size(const NearestNeighbourSummary& incidents, const Extent& extent);

// The standard distance of the points: sqrt(mean squared deviation in x + in y), unweighted.
double standard_distance(PointSpan points);

// The k of the nearest-neighbour fallback: 5 % of `units` (rounded down), clamped to [3, 30].
size_t fallback_neighbour_count(size_t units);

// The mean over the points of the distance to their k-th nearest other point. REQUIRES: k < points.size().
double mean_kth_neighbour_distance(PointSpan points, size_t k, int threads = 0);

enum class BandRule { kFirstPeak, kMaximumZ, kNearestNeighbours };

// Which band of a z-score curve is chosen: the first peak (engine/hotspot/incremental_moran.h's z_peaks) with
// z > critical_z, else the band with the largest z (the first of equal ones) when it is > critical_z, else none
// (rule kNearestNeighbours, index empty).
struct CurvePick {
  BandRule rule = BandRule::kNearestNeighbours;
  std::optional<size_t> index;
};
CurvePick pick_band(std::span<const double> z, double critical_z = 1.65);

// The bands Incremental Spatial Autocorrelation measures, before any Moran's I.
struct BandSeries {
  double start_crs = 0.0, increment_crs = 0.0;
  double standard_distance_crs = 0.0;
  bool capped = false;          // spread to the standard distance
  size_t unit_outliers = 0;     // units set aside for the start and the increment
};
// Throws std::invalid_argument for bands < 2 and for units all at one place.
BandSeries optimized_band_series(PointSpan unit_centroids, int bands, int threads = 0);

struct BandChoice {
  double band_crs = 0.0;
  BandRule rule = BandRule::kNearestNeighbours;
  std::optional<size_t> band_index;  // the chosen band of the curve (first peak, largest z)
  size_t k = 0;                      // nearest-neighbour fallback: k and the mean k-th distance
  double mean_kth_crs = 0.0;
  bool limited_to_standard_distance = false;  // fallback larger than the standard distance
  BandSeries series;
  IncrementalMoranResult curve;
};

struct OptimizedBandOptions {
  int bands = 10;            // REQUIRES: 2..100
  double critical_z = 1.65;  // 90 % one-sided, as ArcGIS
  int threads = 0;
};

// Throws std::invalid_argument for sizes that differ and whatever incremental_moran throws (zero variance, ...).
// `weights` builds each band's weights (engine/hotspot/incremental_moran.h); empty: the KD-tree over the centroids.
BandChoice optimized_band(PointSpan unit_centroids, std::span<const double> values, const OptimizedBandOptions& options = {},
                          const BandWeights& weights = {}, Progress* progress = nullptr);

const char* to_string(CellSizeRule rule);
const char* to_string(BandRule rule);

}  // namespace hotspot
