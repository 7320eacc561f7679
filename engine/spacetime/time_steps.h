// Time steps of a space-time cube: calendar intervals of 1, 3 or 12 months laid over the incidents' dates.
//
// Steps are half-open day ranges [start, end) in UTC days (the time of day is not used). Alignment, as ArcGIS's
// Create Space Time Cube names it:
//   - end (the default): the last step ends at the end of the last incident's day, and steps are counted back from
//     there, so the final step, the one every emerging pattern rule turns on, is complete;
//   - start: the first step starts at the first incident's day and steps are counted forward;
//   - reference: step boundaries fall on a given date and every whole multiple of the step from it.
// A step that reaches beyond the data (its start before the first incident's day, or its end after the last
// incident's day) is partial: it is dropped, and the incidents in it are counted in `dropped_incidents`, never
// silently. Month steps keep the day of the month of the anchor, clamped to the month's length (31 January minus one
// month is 31 December; 31 March minus one month is 28 or 29 February).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

// The length of one time step, in calendar months.
enum class TimeStepLength { kOneMonth = 1, kThreeMonths = 3, kOneYear = 12 };

enum class TimeAlignment { kEnd, kStart, kReference };

struct TimeStepOptions {
  TimeStepLength length = TimeStepLength::kThreeMonths;
  TimeAlignment alignment = TimeAlignment::kEnd;
  int64_t reference_day = 0;  // days since 1970-01-01; used only with kReference
};

struct TimeStepPlan {
  std::vector<int64_t> edges_day;  // steps + 1 increasing day numbers; step t is [edges_day[t], edges_day[t+1])
  int64_t first_data_day = 0;      // day of the earliest incident
  int64_t last_data_day = 0;       // day of the latest incident
  size_t steps() const { return edges_day.empty() ? 0 : edges_day.size() - 1; }
  // Step holding `day`, or -1 outside every kept step.
  int64_t step_of_day(int64_t day) const;
};

// Parses "1month", "3months", "1year" (also "month", "quarter", "year", "12months"); throws std::invalid_argument
// naming the text for anything else.
TimeStepLength parse_time_step(const std::string& text);
std::string to_string(TimeStepLength length);

// The complete steps covering [first_day, last_day]. Zero steps when the data span is shorter than one step.
TimeStepPlan plan_time_steps(int64_t first_day, int64_t last_day, const TimeStepOptions& options);

// The UTC day (days since 1970-01-01) of an epoch-millisecond time.
int64_t day_of_ms(int64_t ms);

// `day` moved by `months` calendar months, the day of the month clamped to the target month's length.
int64_t add_months(int64_t day, int64_t months);

}  // namespace hotspot
