#include "engine/spacetime/space_time_cube.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "engine/core/timestamp.h"

namespace hotspot {

namespace {

// The first and last dated day; throws when no incident has a date.
std::pair<int64_t, int64_t> date_range(std::span<const int64_t> time_ms) {
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (int64_t t : time_ms) {
    if (t == kNoTime) continue;
    lo = std::min(lo, day_of_ms(t));
    hi = std::max(hi, day_of_ms(t));
  }
  if (lo > hi) throw std::invalid_argument("space-time cube: no incident has a date; give --date-column");
  return {lo, hi};
}

// Each incident's (unit, step), or unit -1 when it is not binned, with the accounting into `cube`.
std::vector<std::pair<int64_t, int64_t>> bin_incidents(std::span<const int64_t> unit_of_point,
                                                       std::span<const int64_t> time_ms, SpaceTimeCube& cube) {
  std::vector<std::pair<int64_t, int64_t>> bins(unit_of_point.size(), {-1, -1});
  for (size_t i = 0; i < unit_of_point.size(); ++i) {
    if (time_ms[i] == kNoTime) {
      ++cube.incidents_undated;
      continue;
    }
    if (unit_of_point[i] < 0) {
      ++cube.incidents_outside;
      continue;
    }
    const int64_t step = cube.plan.step_of_day(day_of_ms(time_ms[i]));
    if (step < 0) {
      ++cube.incidents_partial_step;
      continue;
    }
    bins[i] = {unit_of_point[i], step};
    ++cube.incidents_in;
  }
  return bins;
}

}  // namespace

SpaceTimeCube build_space_time_cube(std::span<const int64_t> unit_of_point, std::span<const int64_t> time_ms,
                                    const TimeStepOptions& options) {
  if (unit_of_point.size() != time_ms.size())
    throw std::invalid_argument("space-time cube: " + std::to_string(unit_of_point.size()) + " units for " +
                                std::to_string(time_ms.size()) + " dates");
  const auto [first_day, last_day] = date_range(time_ms);
  SpaceTimeCube cube;
  cube.plan = plan_time_steps(first_day, last_day, options);
  if (cube.plan.steps() == 0)
    throw std::invalid_argument("space-time cube: the dates (" + format_date(first_day * 86400000LL) + " to " +
                                format_date(last_day * 86400000LL) + ") span less than one " +
                                to_string(options.length) + " time step");
  const auto bins = bin_incidents(unit_of_point, time_ms, cube);
  for (const auto& b : bins)
    if (b.first >= 0) cube.location_unit.push_back(b.first);
  std::sort(cube.location_unit.begin(), cube.location_unit.end());
  cube.location_unit.erase(std::unique(cube.location_unit.begin(), cube.location_unit.end()), cube.location_unit.end());
  const size_t steps = cube.steps();
  cube.counts.assign(cube.location_unit.size() * steps, 0.0);
  for (const auto& b : bins) {
    if (b.first < 0) continue;
    const auto it = std::lower_bound(cube.location_unit.begin(), cube.location_unit.end(), b.first);
    const size_t location = static_cast<size_t>(it - cube.location_unit.begin());
    cube.counts[location * steps + static_cast<size_t>(b.second)] += 1.0;
  }
  return cube;
}

}  // namespace hotspot
