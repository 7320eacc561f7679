// The space-time cube: incident counts per analysis unit (the fishnet or hexagon cells of the Gi* stage,
// engine/hotspot/analysis_units.h) and per time step (engine/spacetime/time_steps.h).
//
// As in ArcGIS's Create Space Time Cube By Aggregating Points, the cube's locations are the units with at least one
// incident in at least one kept step, and each keeps a bin for every step, zero when nothing happened there then.
// Incidents in a dropped partial step or outside every unit are counted, never silently lost.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/spacetime/time_steps.h"

namespace hotspot {

struct SpaceTimeCube {
  TimeStepPlan plan;
  std::vector<int64_t> location_unit;  // the analysis unit (grid cell id) of each location, increasing
  std::vector<double> counts;          // location-major: counts[location * steps + step]
  int64_t incidents_in = 0;            // incidents counted in a bin
  int64_t incidents_partial_step = 0;  // in a dropped partial step (or outside every step)
  int64_t incidents_outside = 0;       // in no analysis unit
  int64_t incidents_undated = 0;       // without a date (a caller's sentinel: INT64_MIN)

  size_t locations() const { return location_unit.size(); }
  size_t steps() const { return plan.steps(); }
  double count(size_t location, size_t step) const { return counts[location * steps() + step]; }
  // The counts of one location over time.
  std::span<const double> series(size_t location) const { return {counts.data() + location * steps(), steps()}; }
};

// Marks an incident without a date in `time_ms`.
inline constexpr int64_t kNoTime = INT64_MIN;

// Bins incidents into the cube. `unit_of_point` (from assign_to_grid; -1 outside) and `time_ms` (epoch ms, kNoTime
// when unknown) are per incident. Throws std::invalid_argument when the spans differ in length, no incident has a
// date, or the dates span less than one whole step.
SpaceTimeCube build_space_time_cube(std::span<const int64_t> unit_of_point, std::span<const int64_t> time_ms,
                                    const TimeStepOptions& options);

}  // namespace hotspot
