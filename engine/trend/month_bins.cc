#include "engine/trend/month_bins.h"

#include <algorithm>
#include <cstdio>

#include "engine/core/timestamp.h"

namespace hotspot {

namespace {

constexpr int64_t kMsPerDay = 86400000LL;

int64_t first_of_month(int year, int month) { return days_from_civil(year, static_cast<unsigned>(month), 1); }

}  // namespace

std::string MonthBin::label() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::vector<MonthBin> month_bins(int64_t first_day, int64_t last_day) {
  std::vector<MonthBin> out;
  if (last_day < first_day) return out;
  int year = year_of_ms(first_day * kMsPerDay), month = 1;
  for (int m = 2; m <= 12; ++m)
    if (first_of_month(year, m) <= first_day) month = m;
  while (first_of_month(year, month) <= last_day) {
    const int next_year = month == 12 ? year + 1 : year, next_month = month == 12 ? 1 : month + 1;
    MonthBin b;
    b.year = year;
    b.month = month;
    const int64_t start = first_of_month(year, month), end = first_of_month(next_year, next_month);
    b.calendar_days = end - start;
    b.first_day = std::max(start, first_day);
    b.end_day = std::min(end, last_day + 1);
    out.push_back(b);
    year = next_year;
    month = next_month;
  }
  return out;
}

std::vector<int64_t> monthly_counts(const std::vector<MonthBin>& months, std::span<const int64_t> days) {
  std::vector<int64_t> counts(months.size(), 0);
  for (int64_t d : days) {
    auto it = std::upper_bound(months.begin(), months.end(), d,
                               [](int64_t day, const MonthBin& b) { return day < b.end_day; });
    if (it != months.end() && d >= it->first_day) ++counts[static_cast<size_t>(it - months.begin())];
  }
  return counts;
}

}  // namespace hotspot
