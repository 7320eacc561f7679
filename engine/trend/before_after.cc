#include "engine/trend/before_after.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDaysPerYear = 365.25;

struct Piece {
  int64_t first_day, end_day;
  bool after;
};

// The months cut at the start day.
std::vector<Piece> pieces(const std::vector<MonthBin>& months, int64_t start_day) {
  std::vector<Piece> out;
  for (const MonthBin& m : months) {
    if (m.first_day < start_day) out.push_back({m.first_day, std::min(m.end_day, start_day), false});
    if (m.end_day > start_day) out.push_back({std::max(m.first_day, start_day), m.end_day, true});
  }
  return out;
}

int64_t count_in(const std::vector<int64_t>& sorted, int64_t first, int64_t end) {
  return std::lower_bound(sorted.begin(), sorted.end(), end) - std::lower_bound(sorted.begin(), sorted.end(), first);
}

std::vector<int64_t> sorted_days(std::span<const int64_t> days) {
  std::vector<int64_t> s(days.begin(), days.end());
  std::sort(s.begin(), s.end());
  return s;
}

RatioInterval ratio_of(double log_ratio, double variance, double z) {
  const double se = std::sqrt(variance);
  return {std::exp(log_ratio), std::exp(log_ratio - z * se), std::exp(log_ratio + z * se)};
}

// Poisson, or negative binomial when the Poisson counts are overdispersed.
CountFit fit_counts(const CountDesign& d, const BeforeAfterOptions& o, BeforeAfter& r) {
  CountFit f = fit_poisson(d);
  r.dispersion = cameron_trivedi_test(d, f);
  if (r.dispersion.p < o.dispersion_level) {
    try {
      f = fit_negative_binomial(d);
    } catch (const std::domain_error&) {  // no interior maximum: Poisson stays
    }
  }
  r.family = f.family;
  r.nb_alpha = f.alpha;
  return f;
}

}  // namespace

CountDesign before_after_design(const std::vector<MonthBin>& months, std::span<const int64_t> area_days,
                                std::span<const int64_t> comparison_days, Comparison comparison, int64_t start_day) {
  const std::vector<int64_t> area = sorted_days(area_days), rest = sorted_days(comparison_days);
  CountDesign d;
  for (const Piece& p : pieces(months, start_day)) {
    const double years = static_cast<double>(p.end_day - p.first_day) / kDaysPerYear, after = p.after ? 1.0 : 0.0;
    if (comparison == Comparison::kNone) {
      d.add(std::vector<double>{1.0, after}, static_cast<double>(count_in(area, p.first_day, p.end_day)), years);
      continue;
    }
    d.add(std::vector<double>{1.0, 1.0, after, after}, static_cast<double>(count_in(area, p.first_day, p.end_day)), years);
    d.add(std::vector<double>{1.0, 0.0, after, 0.0}, static_cast<double>(count_in(rest, p.first_day, p.end_day)), years);
  }
  return d;
}

BeforeAfter before_after(const std::vector<MonthBin>& months, std::span<const int64_t> area_days,
                         std::span<const int64_t> comparison_days, Comparison comparison,
                         const BeforeAfterOptions& o) {
  BeforeAfter r;
  r.area = r.rest = r.relative = {kNaN, kNaN, kNaN};
  r.rate_before = r.rate_after = kNaN;
  r.dispersion = {kNaN, kNaN, kNaN};
  const std::vector<int64_t> area = sorted_days(area_days), rest = sorted_days(comparison_days);
  int64_t rest_before = 0, rest_after = 0;
  for (const Piece& p : pieces(months, o.start_day)) {
    const double years = static_cast<double>(p.end_day - p.first_day) / kDaysPerYear;
    (p.after ? r.years_after : r.years_before) += years;
    (p.after ? r.after : r.before) += count_in(area, p.first_day, p.end_day);
    (p.after ? rest_after : rest_before) += count_in(rest, p.first_day, p.end_day);
  }
  if (r.years_before > 0) r.rate_before = static_cast<double>(r.before) / r.years_before;
  if (r.years_after > 0) r.rate_after = static_cast<double>(r.after) / r.years_after;
  if (r.years_before <= 0 || r.years_after <= 0) {
    r.unavailable = "the start date is not inside the data's dates";
    return r;
  }
  if (r.before == 0 || r.after == 0) {
    r.unavailable = r.before == 0 ? "no incident before the start date" : "no incident from the start date on";
    return r;
  }
  if (comparison == Comparison::kRestOfCity && (rest_before == 0 || rest_after == 0)) {
    r.unavailable = "no incident in the rest of the city before or after the start date";
    return r;
  }
  const CountDesign d = before_after_design(months, area_days, comparison_days, comparison, o.start_day);
  const CountFit f = fit_counts(d, o, r);
  if (comparison == Comparison::kNone) {
    r.area = ratio_of(f.beta[1], f.covariance[1 * 2 + 1], o.z);
    return r;
  }
  r.rest = ratio_of(f.beta[2], f.covariance[2 * 4 + 2], o.z);
  r.relative = ratio_of(f.beta[3], f.covariance[3 * 4 + 3], o.z);
  r.area = ratio_of(f.beta[2] + f.beta[3], f.var_sum(2, 3), o.z);
  return r;
}

}  // namespace hotspot
