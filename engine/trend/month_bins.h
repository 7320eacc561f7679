// Calendar months over the days a data set covers, for monthly counts. The first and the last month are usually
// cut by the data (the bundled incidents end on 7 November 2025): each month carries the days it covers, and one
// that covers fewer days than the calendar month is partial, so that it is annualised or left out, never counted
// as a whole month. Days are UTC days since 1970-01-01.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct MonthBin {
  int year = 1970;
  int month = 1;                // 1..12
  int64_t first_day = 0;        // first day covered
  int64_t end_day = 0;          // one past the last day covered
  int64_t calendar_days = 0;    // days in the calendar month
  int64_t days() const { return end_day - first_day; }
  bool partial() const { return days() < calendar_days; }
  std::string label() const;    // "2025-11"
};

// The months from the one holding `first_day` to the one holding `last_day` (both included), each cut to
// [first_day, last_day + 1). Empty when last_day < first_day.
std::vector<MonthBin> month_bins(int64_t first_day, int64_t last_day);

// Incidents per month: days outside every month are not counted.
std::vector<int64_t> monthly_counts(const std::vector<MonthBin>& months, std::span<const int64_t> days);

}  // namespace hotspot
