#include "cli/pipeline/trends_report.h"

#include <cmath>

#include "engine/core/text.h"
#include "engine/core/timestamp.h"

namespace hotspot::cli {

namespace {

using nlohmann::ordered_json;

std::string fixed_or_na(double v, int decimals) { return std::isfinite(v) ? format_fixed(v, decimals) : "n/a"; }

std::string p_value(double p) {
  if (!std::isfinite(p)) return "n/a";
  return p < 0.001 ? "< 0.001" : format_fixed(p, 3);
}

std::string direction(const MannKendall& mk, double alpha) {
  if (!std::isfinite(mk.p)) return "n/a";
  if (mk.p > alpha) return "no significant trend";
  return mk.s > 0 ? "rising" : "falling";
}

std::string interval(const RatioInterval& r) {
  if (!std::isfinite(r.ratio)) return "n/a";
  return format_fixed(r.ratio, 2) + " (" + format_fixed(r.low, 2) + " .. " + format_fixed(r.high, 2) + ")";
}

std::string model_text(const BeforeAfter& b) {
  if (!b.unavailable.empty()) return b.unavailable;
  const std::string test = "dispersion test p " + p_value(b.dispersion.p);
  if (b.family == CountFamily::kNegativeBinomial)
    return "negative binomial, alpha " + format_fixed(b.nb_alpha, 3) + " (" + test + ")";
  return "Poisson (" + test + ")";
}

std::string months_line(const TrendsOutcome& t) {
  std::string partial;
  for (const MonthBin& m : t.months)
    if (m.partial())
      partial += (partial.empty() ? "" : ", ") + m.label() + " (" + std::to_string(m.days()) + " of " +
                 std::to_string(m.calendar_days) + " days)";
  std::string s = "Calendar months " + t.months.front().label() + " .. " + t.months.back().label() + " (" +
                  std::to_string(t.months.size()) + " months)";
  if (!partial.empty()) s += "; partial, so left out of the trend tests: " + partial;
  return s + ".";
}

void trend_row(std::ostream& md, const SeriesTrendFigures& s, double alpha) {
  const CountTrend& t = s.trend;
  md << "| " << s.name << " | " << t.whole_months << " | " << fixed_or_na(t.mann_kendall.s, 0) << " | "
     << fixed_or_na(t.mann_kendall.z, 2) << " | " << p_value(t.mann_kendall.p) << " | " << direction(t.mann_kendall, alpha)
     << " | " << fixed_or_na(t.sen_per_year.slope, 2) << " | " << fixed_or_na(t.sen_per_year.low, 2) << " .. "
     << fixed_or_na(t.sen_per_year.high, 2) << " |\n";
}

void before_after_row(std::ostream& md, const SeriesTrendFigures& s) {
  const BeforeAfter& b = s.before_after;
  md << "| " << s.name << " | " << b.before << " | " << fixed_or_na(b.rate_before, 1) << " | " << b.after << " | "
     << fixed_or_na(b.rate_after, 1) << " | " << interval(b.area) << " | " << interval(b.rest) << " | "
     << interval(b.relative) << " | " << model_text(b) << " |\n";
}

}  // namespace

void trends_markdown(std::ostream& md, const TrendsOutcome& t) {
  md << "\n## Trends and the before/after comparison\n\n";
  md << months_line(t);
  if (!t.monthly_csv.empty()) md << " The monthly counts per area and citywide are in `" << t.monthly_csv << "`.";
  md << "\n\nTrend of the whole months' counts: Mann-Kendall test (ties corrected, continuity-corrected Z, two-sided p; "
        "significant at p <= " << format_fixed(t.alpha, 2) << ") and Sen's slope with its rank-based 95% interval "
        "(Sen 1968; Gilbert 1987), as the change of the yearly rate each year.\n\n";
  md << "| area | months tested | Mann-Kendall S | Z | p | trend | Sen's slope (incidents per year, per year) | 95% interval |\n";
  md << "|---|---:|---:|---:|---:|---|---:|---:|\n";
  for (const SeriesTrendFigures& s : t.areas) trend_row(md, s, t.alpha);
  trend_row(md, t.city, t.alpha);
  md << "\nBefore and after " << t.start_date << ": incidents per year of the days the data covers on each side (a "
        "partial month counts for its days), the rate ratio after / before with its 95% interval, the same ratio for "
        "the rest of the city, and the area's ratio relative to it (a difference-in-differences ratio: below 1, the "
        "area fell more or rose less than the rest of the city), from one log-linear model of the monthly counts "
        "of the area and the rest of the city: Poisson, or negative binomial when Cameron and Trivedi's test finds "
        "the counts overdispersed (p < " << format_fixed(t.alpha, 2) << "). These are associations in time, not "
        "measured effects of any programme.\n\n";
  md << "| area | incidents before | incidents before per year | incidents after | incidents after per year | "
        "rate ratio after / before | rest of the city | relative to the rest of the city | model |\n";
  md << "|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const SeriesTrendFigures& s : t.areas) before_after_row(md, s);
  before_after_row(md, t.city);
}

std::string trends_csv_header() {
  return ",trend_months,mk_s,mk_z,mk_p,sen_slope_per_year,sen_slope_low,sen_slope_high,incidents_before_start,"
         "incidents_before_start_per_year,incidents_after_start,incidents_after_start_per_year,rate_ratio,"
         "rate_ratio_low,rate_ratio_high,rest_rate_ratio,rest_rate_ratio_low,rest_rate_ratio_high,did_ratio,"
         "did_ratio_low,did_ratio_high,model,dispersion_p";
}

std::string trends_csv_cells(const SeriesTrendFigures* s) {
  if (!s) return std::string(22, ',');
  auto num = [](double v) { return "," + (std::isfinite(v) ? format_fixed(v, 6) : std::string()); };
  const CountTrend& t = s->trend;
  const BeforeAfter& b = s->before_after;
  std::string out = "," + std::to_string(t.whole_months) + num(t.mann_kendall.s) + num(t.mann_kendall.z) +
                    num(t.mann_kendall.p) + num(t.sen_per_year.slope) + num(t.sen_per_year.low) + num(t.sen_per_year.high);
  out += "," + std::to_string(b.before) + num(b.rate_before) + "," + std::to_string(b.after) + num(b.rate_after);
  for (const RatioInterval& r : {b.area, b.rest, b.relative}) out += num(r.ratio) + num(r.low) + num(r.high);
  const std::string model = !b.unavailable.empty() ? "" : b.family == CountFamily::kPoisson ? "poisson" : "negative_binomial";
  return out + "," + model + num(b.dispersion.p);
}

namespace {

ordered_json number(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }

ordered_json ratio_json(const RatioInterval& r) {
  return {{"ratio", number(r.ratio)}, {"low", number(r.low)}, {"high", number(r.high)}};
}

ordered_json series_json(const SeriesTrendFigures& s, bool monthly) {
  const CountTrend& t = s.trend;
  const BeforeAfter& b = s.before_after;
  ordered_json j;
  j["id"] = s.id;
  j["name"] = s.name;
  if (monthly) j["monthly_incidents"] = t.monthly;
  j["months_tested"] = t.whole_months;
  j["mann_kendall"] = {{"s", t.mann_kendall.s}, {"var_s", t.mann_kendall.var_s}, {"z", number(t.mann_kendall.z)},
                       {"p", number(t.mann_kendall.p)}};
  j["sen_slope_per_year"] = {{"slope", number(t.sen_per_year.slope)}, {"low", number(t.sen_per_year.low)},
                             {"high", number(t.sen_per_year.high)}};
  ordered_json ba;
  ba["incidents_before_start"] = b.before;
  ba["incidents_after_start"] = b.after;
  ba["years_before"] = b.years_before;
  ba["years_after"] = b.years_after;
  ba["incidents_before_start_per_year"] = number(b.rate_before);
  ba["incidents_after_start_per_year"] = number(b.rate_after);
  ba["rate_ratio"] = ratio_json(b.area);
  if (s.id != "city") {
    ba["rest_of_city_rate_ratio"] = ratio_json(b.rest);
    ba["relative_to_rest_of_city"] = ratio_json(b.relative);
  }
  ba["model"] = !b.unavailable.empty() ? ordered_json(nullptr)
                : ordered_json(b.family == CountFamily::kPoisson ? "poisson" : "negative_binomial");
  ba["nb_alpha"] = b.family == CountFamily::kNegativeBinomial ? number(b.nb_alpha) : ordered_json(nullptr);
  ba["dispersion_test"] = {{"alpha_hat", number(b.dispersion.alpha_hat)}, {"t", number(b.dispersion.t)},
                           {"p", number(b.dispersion.p)}};
  if (!b.unavailable.empty()) ba["unavailable"] = b.unavailable;
  j["before_after"] = ba;
  return j;
}

}  // namespace

ordered_json trends_json(const TrendsOutcome& t, bool monthly) {
  ordered_json j;
  j["start_date"] = t.start_date;
  j["alpha"] = t.alpha;
  ordered_json months = ordered_json::array();
  for (const MonthBin& m : t.months)
    months.push_back({{"month", m.label()}, {"days", m.days()}, {"calendar_days", m.calendar_days}, {"partial", m.partial()}});
  j["months"] = months;
  j["citywide"] = series_json(t.city, monthly);
  ordered_json areas = ordered_json::array();
  for (const SeriesTrendFigures& s : t.areas) areas.push_back(series_json(s, monthly));
  j["priority_areas"] = areas;
  return j;
}

}  // namespace hotspot::cli
