// Incident points made publishable (the public profile's point layers):
//
// - hundred blocks: each incident is snapped to the nearest block reference point (snap_to_reference.h) within
//   `snap_distance`; one point per reference point is published with how many incidents it stands for, and only
//   when that is at least k; the incidents of smaller groups and those near no reference point are dropped, counted,
//   and so is a reference point within `avoid_distance` of from 1 to k - 1 incidents (a block point at a house that
//   had an incident: the audit's "shared by k" rule, check_public_stage.h, would flag it).
// - donut: each incident is displaced by donut geomasking (donut_mask.h). A displaced point that lands within
//   `avoid_distance` of any incident (its own or another's) is drawn again, with a seed derived from the seed and the
//   attempt, up to kDonutAttempts times, then dropped, counted; so the published displacement is the annulus's
//   distribution conditioned on landing clear of every incident.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/length.h"
#include "engine/core/point.h"
#include "engine/privacy/donut_mask.h"

namespace hotspot {

struct GeneralisedPoints {
  std::vector<Point> points;        // published positions, in a fixed order (by reference point / by incident)
  std::vector<int64_t> incidents;   // per published point, the incidents it stands for (1 for donut)
  size_t dropped_below_k = 0;       // hundred blocks: incidents of reference points with fewer than k, or near
                                    // from 1 to k - 1 incidents
  size_t dropped_unplaced = 0;      // hundred blocks: no reference point near; donut: no clear draw
};

// REQUIRES: min_count >= 1, snap_distance > 0. `crs_unit_m`: metres per analysis CRS unit.
GeneralisedPoints hundred_block_points(PointSpan incidents, PointSpan references, int min_count,
                                       const Length& snap_distance, const Length& avoid_distance, double crs_unit_m);

inline constexpr int kDonutAttempts = 20;

// REQUIRES: avoid_distance < options.min_displacement (else no draw can be clear of the incident itself).
GeneralisedPoints donut_points(PointSpan incidents, const DonutOptions& options, const Length& avoid_distance,
                               double crs_unit_m);

}  // namespace hotspot
