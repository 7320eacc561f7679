#include "cli/pipeline/trends_stage.h"

#include <algorithm>
#include <fstream>

#include "cli/pipeline/errors.h"
#include "engine/core/text.h"
#include "engine/core/timestamp.h"
#include "engine/spacetime/time_steps.h"

namespace hotspot::cli {

namespace {

int64_t start_day_of(const std::string& date) {
  const auto ms = parse_timestamp_ms(date);
  if (!ms || date.size() != 10) throw UsageError("trends.start_date: '" + date + "' is not a date (YYYY-MM-DD)");
  return day_of_ms(*ms);
}

struct DatedPoint {
  double x, y;
  int64_t day;
};

std::vector<DatedPoint> dated_points(const IngestResult& in, int64_t& undated) {
  std::vector<DatedPoint> out;
  out.reserve(in.records.size());
  for (const IngestedRecord& r : in.records) {
    if (r.time_ms) out.push_back({r.point.x, r.point.y, day_of_ms(*r.time_ms)});
    else ++undated;
  }
  return out;
}

SeriesTrendFigures area_series(const PriorityArea& a, const std::vector<DatedPoint>& points,
                               const std::vector<MonthBin>& months, const BeforeAfterOptions& bo) {
  std::vector<int64_t> inside, rest;
  for (const DatedPoint& p : points) (a.contains(p.x, p.y) ? inside : rest).push_back(p.day);
  SeriesTrendFigures s;
  s.id = a.id;
  s.name = a.name;
  s.trend = count_trend(months, monthly_counts(months, inside));
  s.before_after = before_after(months, inside, rest, Comparison::kRestOfCity, bo);
  return s;
}

void write_monthly_csv(const std::string& path, const TrendsOutcome& t) {
  std::ofstream f(path, std::ios::binary);
  f << "area_id,name,month,first_date,days,calendar_days,partial,incidents\n";
  auto rows = [&](const SeriesTrendFigures& s) {
    for (size_t m = 0; m < t.months.size(); ++m) {
      const MonthBin& b = t.months[m];
      f << csv_field(s.id) << "," << csv_field(s.name) << "," << b.label() << "," << format_date(b.first_day * 86400000LL)
        << "," << b.days() << "," << b.calendar_days << "," << (b.partial() ? "true" : "false") << ","
        << s.trend.monthly[m] << "\n";
    }
  };
  for (const SeriesTrendFigures& s : t.areas) rows(s);
  rows(t.city);
  if (!f) throw std::runtime_error(path + ": write failed");
}

}  // namespace

void TrendsStage::Options::declare(OptionTable& t) {
  t.text("start_date", "First day 'after' in the before/after comparison, YYYY-MM-DD (default: the Violence "
         "Reduction Framework's, 2020-09-08)", start_date, "DATE");
  t.number("alpha", "Significance level of the trend test and of the dispersion test", alpha, 0.001, 0.2);
}

void TrendsStage::validate(const Outputs& outputs) {
  start_day_of(o_.start_date);
  if (!o_.monthly_csv.empty()) outputs.check_free(o_.monthly_csv);
}

void TrendsStage::run(Context& ctx, Outputs& outputs) {
  TrendsOutcome& t = ctx.trends.emplace();
  t.start_date = o_.start_date;
  t.alpha = o_.alpha;
  const std::vector<DatedPoint> points = dated_points(ctx.records(), t.undated);
  if (points.empty()) {
    ctx.note("trends: no record has a date; no trend or before/after comparison");
    ctx.trends.reset();
    return;
  }
  const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                            [](const DatedPoint& a, const DatedPoint& b) { return a.day < b.day; });
  t.months = month_bins(lo->day, hi->day);
  BeforeAfterOptions bo;
  bo.start_day = start_day_of(o_.start_date);
  bo.dispersion_level = o_.alpha;
  std::vector<int64_t> all;
  for (const DatedPoint& p : points) all.push_back(p.day);
  t.city.id = "city";
  t.city.name = "Citywide";
  t.city.trend = count_trend(t.months, monthly_counts(t.months, all));
  t.city.before_after = before_after(t.months, all, {}, Comparison::kNone, bo);
  if (ctx.areas)
    for (const PriorityArea& a : ctx.areas->areas) t.areas.push_back(area_series(a, points, t.months, bo));
  if (!t.city.before_after.unavailable.empty())
    ctx.note("trends: no before/after comparison around " + o_.start_date + ": " + t.city.before_after.unavailable);
  const bool is_public = ctx.privacy && ctx.privacy->is_public();
  if (!o_.monthly_csv.empty() && !is_public) {
    write_monthly_csv(outputs.path(o_.monthly_csv, o_.monthly_csv), t);
    t.monthly_csv = o_.monthly_csv;
  }
  ctx.stage_line = std::to_string(t.months.size()) + " months, " + std::to_string(t.areas.size()) + " areas";
}

}  // namespace hotspot::cli
