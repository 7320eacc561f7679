// Nearest-neighbour distances of incidents and their locational outliers, as ArcGIS's Optimized Hot Spot Analysis
// and Incremental Spatial Autocorrelation read them: coincident incidents are one location, each distinct location's
// distance to its nearest other location is taken, and a location whose distance lies more than `sd_multiple`
// (population) standard deviations above the mean of those distances is a locational outlier. The outliers are
// set aside for the choices made from the distances (cell size, first distance band); their incidents still count.
// When every distance is the same (a regular grid) there is no outlier.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/point.h"

namespace hotspot {

struct NearestNeighbourSummary {
  std::vector<Point> locations;     // distinct locations, sorted by (x, y); weight = incidents there
  std::vector<double> distance_crs; // per location: distance to the nearest other location
  std::vector<bool> outlier;        // per location
  double mean_all_crs = 0.0;        // mean and population s.d. over every location
  double sd_all_crs = 0.0;
  double outlier_above_crs = 0.0;   // mean + sd_multiple * sd: a distance above it is an outlier
  size_t outliers = 0;              // locations set aside
  int64_t outlier_incidents = 0;    // incidents at them
  double mean_crs = 0.0;            // over the locations that are not outliers
  double median_crs = 0.0;
  double max_crs = 0.0;             // the distance that gives every non-outlier a neighbour
};

// The distinct locations of `points` (exact coordinates), each weighted by the number of points there.
std::vector<Point> distinct_locations(PointSpan points);

// Throws std::invalid_argument when there are fewer than 2 distinct locations (all incidents at one place) or
// sd_multiple is not positive.
NearestNeighbourSummary nearest_neighbour_summary(PointSpan points, double sd_multiple = 3.0, int threads = 0);

}  // namespace hotspot
