#include "engine/spacetime/time_steps.h"

#include <algorithm>
#include <stdexcept>

#include "engine/core/text.h"
#include "engine/core/timestamp.h"

namespace hotspot {

namespace {

constexpr int64_t kMsPerDay = 86400000LL;

struct YearMonthDay {
  int64_t year = 1970;
  int64_t month = 1;  // 1..12
  int64_t day = 1;    // 1..31
};

YearMonthDay civil_of_day(int64_t day) {
  YearMonthDay c;
  c.year = year_of_ms(day * kMsPerDay);
  c.month = 1;
  for (unsigned m = 2; m <= 12; ++m)
    if (days_from_civil(c.year, m, 1) <= day) c.month = m;
  c.day = day - days_from_civil(c.year, static_cast<unsigned>(c.month), 1) + 1;
  return c;
}

int64_t month_length(int64_t year, int64_t month) {
  const int64_t next_year = month == 12 ? year + 1 : year;
  const unsigned next_month = month == 12 ? 1u : static_cast<unsigned>(month + 1);
  return days_from_civil(next_year, next_month, 1) - days_from_civil(year, static_cast<unsigned>(month), 1);
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Boundaries anchor + k * step, from the first at or after first_day to the last at or before end_day: the steps
// [edge_k, edge_k+1) lying wholly inside the data. Empty when not even one step fits.
std::vector<int64_t> complete_edges(int64_t anchor, int64_t months, int64_t first_day, int64_t end_day) {
  auto edge = [&](int64_t k) { return add_months(anchor, k * months); };
  int64_t k = floor_div(first_day - anchor, 30 * months);  // an estimate; corrected below
  while (edge(k) > first_day) --k;
  while (edge(k + 1) <= first_day) ++k;
  if (edge(k) < first_day) ++k;  // edge k is now the first at or after first_day
  std::vector<int64_t> edges;
  for (int64_t e = edge(k); e <= end_day; e = edge(++k)) edges.push_back(e);
  if (edges.size() < 2) edges.clear();
  return edges;
}

}  // namespace

int64_t day_of_ms(int64_t ms) { return floor_div(ms, kMsPerDay); }

int64_t add_months(int64_t day, int64_t months) {
  const YearMonthDay c = civil_of_day(day);
  const int64_t total = c.year * 12 + (c.month - 1) + months;
  const int64_t year = floor_div(total, 12), month = total - year * 12 + 1;
  const int64_t d = std::min(c.day, month_length(year, month));
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(d));
}

int64_t TimeStepPlan::step_of_day(int64_t day) const {
  if (edges_day.size() < 2 || day < edges_day.front() || day >= edges_day.back()) return -1;
  const auto it = std::upper_bound(edges_day.begin(), edges_day.end(), day);
  return static_cast<int64_t>(it - edges_day.begin()) - 1;
}

TimeStepLength parse_time_step(const std::string& text) {
  std::string t;
  for (char ch : lower(text))
    if (ch != ' ' && ch != '_' && ch != '-') t.push_back(ch);
  if (t == "1month" || t == "month" || t == "1months") return TimeStepLength::kOneMonth;
  if (t == "3months" || t == "quarter" || t == "3month") return TimeStepLength::kThreeMonths;
  if (t == "1year" || t == "year" || t == "12months" || t == "1years") return TimeStepLength::kOneYear;
  throw std::invalid_argument("--time-step: '" + text + "' is not a time step; use 1month, 3months or 1year");
}

std::string to_string(TimeStepLength length) {
  switch (length) {
    case TimeStepLength::kOneMonth: return "1month";
    case TimeStepLength::kThreeMonths: return "3months";
    case TimeStepLength::kOneYear: return "1year";
  }
  return "3months";
}

TimeStepPlan plan_time_steps(int64_t first_day, int64_t last_day, const TimeStepOptions& o) {
  if (last_day < first_day) throw std::invalid_argument("time steps: the last incident is before the first");
  TimeStepPlan plan;
  plan.first_data_day = first_day;
  plan.last_data_day = last_day;
  const int64_t months = static_cast<int64_t>(o.length), end_day = last_day + 1;
  const int64_t anchor = o.alignment == TimeAlignment::kEnd     ? end_day
                         : o.alignment == TimeAlignment::kStart ? first_day
                                                                : o.reference_day;
  plan.edges_day = complete_edges(anchor, months, first_day, end_day);
  return plan;
}

}  // namespace hotspot
