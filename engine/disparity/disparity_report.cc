#include "engine/disparity/disparity_report.h"

#include <cmath>
#include <sstream>

#include "engine/core/text.h"

namespace hotspot {

namespace {

constexpr const char* kHidden = "suppressed";

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string pct(double v) { return std::isfinite(v) ? format_fixed(100.0 * v, 2) + " %" : "-"; }

std::string rate_text(const RateCell& c) {
  if (c.outcomes_suppressed) return kHidden;
  return pct(c.rate.rate) + " (" + format_fixed(100.0 * c.rate.low, 2) + "-" + format_fixed(100.0 * c.rate.high, 2) + ")";
}

std::string ratio_text(const RateCell& c) {
  if (c.ratio_suppressed) return kHidden;
  if (!std::isfinite(c.ratio.ratio)) return "-";
  return format_fixed(c.ratio.ratio, 2) + " (" + format_fixed(c.ratio.low, 2) + "-" + format_fixed(c.ratio.high, 2) + ")";
}

std::string count_text(int64_t n, bool hidden) { return hidden ? kHidden : std::to_string(n); }

std::string row_label(const RateTable& t, size_t r) { return r == t.rows().size() ? "**all**" : t.rows()[r]; }
std::string group_label(const RateTable& t, size_t g) { return g == t.groups().size() ? "all groups" : t.groups()[g]; }

void rate_table_md(std::ostringstream& m, const std::string& title, const std::string& row_name, const RateTable& t,
                   const DisparityReportLabels& l, bool likelihood) {
  const std::string ref = t.groups()[t.reference()];
  m << "## " << title << "\n\n| " << row_name << " | group | stops | " << l.outcome << " | rate % (95 % CI) | ratio to "
    << ref << " (95 % CI) |" << (likelihood ? " likelihood vs " + ref + " |" : "") << "\n|---|---|---:|---:|---:|---:|"
    << (likelihood ? "---:|" : "") << "\n";
  for (size_t r = 0; r <= t.rows().size(); ++r)
    for (size_t g = 0; g <= t.groups().size(); ++g) {
      const RateCell& c = t.cell(r, g);
      m << "| " << row_label(t, r) << " | " << group_label(t, g) << " | " << count_text(c.records, c.records_suppressed)
        << " | " << count_text(c.outcomes, c.outcomes_suppressed) << " | " << rate_text(c) << " | " << ratio_text(c)
        << " |";
      if (likelihood)
        m << " " << (c.ratio_suppressed ? kHidden : std::isfinite(c.likelihood) ? pct(c.likelihood) : "-") << " |";
      m << "\n";
    }
  m << "\n";
}

void result_mix_md(std::ostringstream& m, const std::vector<ResultMix>& mixes, const DisparityReportLabels& l) {
  m << "## Result of the stop by group, within each " << l.reason << "\n\nEach cell: stops (share of the group's stops "
    << "with that " << l.reason << ").\n\n";
  for (const ResultMix& x : mixes) {
    const CountTable& t = x.table;
    const size_t w = t.cols().size() + 1;
    m << "### " << x.reason << "\n\n| group |";
    for (const std::string& c : t.cols()) m << " " << c << " |";
    m << " all |\n|---|";
    for (size_t c = 0; c < w; ++c) m << "---:|";
    m << "\n";
    for (size_t r = 0; r <= t.rows().size(); ++r) {
      m << "| " << (r == t.rows().size() ? "all groups" : t.rows()[r]) << " |";
      for (size_t c = 0; c < w; ++c) {
        if (x.suppressed[r * w + c]) m << " " << kHidden << " |";
        else m << " " << t.at(r, c) << " (" << pct(double(t.at(r, c)) / double(t.at(r, t.total_col()))) << ") |";
      }
      m << "\n";
    }
    m << "\n";
  }
}

void odds_ratio_md(std::ostringstream& m, const LogisticFit& f, const DisparityReportLabels& l) {
  m << "## Odds ratios (logistic regression)\n\n" << l.outcome << " on the driver group";
  if (!l.controls.empty()) m << " controlling for " << join(l.controls, ", ");
  m << "; treatment coding, reference levels: " << f.coefficients[0].level << ". " << f.records_used
    << " stops used, " << f.records_missing << " left out for a missing value; " << f.iterations
    << " IRLS steps, deviance " << format_fixed(f.deviance, 2) << ". Wald 95 % intervals.\n\n"
    << "| term | level | stops | " << l.outcome << " | odds ratio (95 % CI) | p |\n|---|---|---:|---:|---:|---:|\n";
  for (size_t j = 1; j < f.coefficients.size(); ++j) {
    const LogisticCoefficient& c = f.coefficients[j];
    m << "| " << c.term << " | " << c.level << " | ";
    if (odds_ratio_suppressed(c, l.min_count)) m << kHidden << " | " << kHidden << " | " << kHidden << " | |\n";
    else
      m << c.records << " | " << c.outcomes << " | " << format_fixed(c.odds_ratio, 3) << " (" << format_fixed(c.or_low, 3)
        << "-" << format_fixed(c.or_high, 3) << ") | " << format_significant(c.p, 3) << " |\n";
  }
  m << "\n";
}

void residents_md(std::ostringstream& m, const RateTable& stops, const ResidentTable& res, const DisparityReportLabels& l) {
  m << "## Stops per 1,000 residents (residential benchmark)\n\n" << l.benchmark
    << "\n\n| " << l.zone << " | group | stops | residents | stops per 1,000 residents |\n|---|---|---:|---:|---:|\n";
  for (size_t z = 0; z <= res.zones; ++z)
    for (size_t g = 0; g < res.groups.size(); ++g) {
      const std::string zone = z < res.zones ? res.zone_names[z] : "**all**";
      const int r = z < res.zones ? stops.records().row_index(zone) : static_cast<int>(stops.rows().size());
      const int c = stops.records().col_index(res.groups[g]);
      const double people = z < res.zones ? res.at(z, g) : res.totals[g];
      const bool hidden = r >= 0 && c >= 0 && stops.cell(r, c).records_suppressed;
      const int64_t n = r >= 0 && c >= 0 ? stops.cell(r, c).records : 0;
      const double rate = per_thousand_residents(static_cast<double>(n), people);
      m << "| " << zone << " | " << res.groups[g] << " | " << count_text(n, hidden) << " | "
        << format_fixed(people, 0) << " | " << (hidden ? kHidden : std::isfinite(rate) ? format_fixed(rate, 1) : "-")
        << " |\n";
    }
  m << "\n";
}

void limits_md(std::ostringstream& m, const DisparityReportLabels& l) {
  m << "## What this can and cannot show\n\n"
    << "- These are differences in how often stops of each group end in " << l.outcome
    << ". A difference is not by itself evidence of bias: groups may differ in where and why they are stopped, which "
       "the tables by division and stop purpose and the regression's controls only partly account for; anything not "
       "recorded (driving behaviour, the vehicle, the time of day, what the officer saw) is not controlled for.\n"
    << "- The data record no contraband found and no time of day, so the tests that need them cannot be made: no "
       "hit-rate (outcome) test, no threshold test, no veil-of-darkness test.\n"
    << (l.benchmark.empty() ? "- Stops are not compared with a population here. "
                            : "- The stops per 1,000 residents compare stops with where people live. ")
    << "Residential population is an imperfect benchmark for who drives where (commuters, through traffic, who owns a "
       "car); the other rates are per stop, not per resident.\n"
    << "- Odds ratios are not rate ratios; for a rare outcome (under about 10 %) they are close to them.\n"
    << "- Counts below " << l.min_count
    << " are suppressed, with the rates derived from them and the complementary cells that would reveal them through "
       "a row or column total.\n\n";
}

void header_md(std::ostringstream& m, const DisparityTables& t, const DisparityReportLabels& l) {
  m << "# Who is stopped, searched or arrested: " << l.outcome << " by " << l.group << "\n\n"
    << "- stops: " << l.source << "\n- records: " << l.accounting << "\n- group: " << l.group << "\n- outcome: "
    << l.outcome << "\n- reference group: "
    << (t.by_zone ? t.by_zone->groups()[t.by_zone->reference()]
                  : t.by_reason ? t.by_reason->groups()[t.by_reason->reference()] : std::string("-"))
    << " (rate ratios and likelihoods compare each group with it in the same row)\n- intervals: Wilson 95 % for "
       "rates, Katz log 95 % for rate ratios; likelihood = (rate - reference rate) / reference rate\n\n";
  for (const std::string& n : l.notes) m << "> " << n << "\n";
  if (!l.notes.empty()) m << "\n";
}

std::string num(double v) { return std::isfinite(v) ? format_significant(v, 10) : ""; }

void rate_rows_csv(std::ostringstream& c, const std::string& name, const RateTable& t) {
  for (size_t r = 0; r <= t.rows().size(); ++r)
    for (size_t g = 0; g <= t.groups().size(); ++g) {
      const RateCell& x = t.cell(r, g);
      const bool k = x.outcomes_suppressed, q = x.ratio_suppressed;
      c << csv_field(name) << "," << csv_field(r == t.rows().size() ? "all" : t.rows()[r]) << ","
        << csv_field(g == t.groups().size() ? "all" : t.groups()[g]) << ",,"
        << (x.records_suppressed ? "" : std::to_string(x.records)) << "," << (k ? "" : std::to_string(x.outcomes)) << ","
        << (k ? "" : num(x.rate.rate)) << "," << (k ? "" : num(x.rate.low)) << "," << (k ? "" : num(x.rate.high)) << ","
        << (q ? "" : num(x.ratio.ratio)) << "," << (q ? "" : num(x.ratio.low)) << "," << (q ? "" : num(x.ratio.high))
        << "," << (q ? "" : num(x.likelihood)) << "," << (x.records_suppressed || k ? 1 : 0) << "\n";
    }
}

void mix_rows_csv(std::ostringstream& c, const std::vector<ResultMix>& mixes) {
  for (const ResultMix& x : mixes) {
    const CountTable& t = x.table;
    const size_t w = t.cols().size() + 1;
    for (size_t r = 0; r <= t.rows().size(); ++r)
      for (size_t col = 0; col < t.cols().size(); ++col) {
        const bool hide = x.suppressed[r * w + col] || x.suppressed[r * w + t.total_col()];
        const int64_t n = t.at(r, t.total_col()), k = t.at(r, col);
        const RateInterval share = wilson_interval(k, n);
        c << "result_mix," << csv_field(x.reason) << "," << csv_field(r == t.rows().size() ? "all" : t.rows()[r]) << ","
          << csv_field(t.cols()[col]) << "," << (x.suppressed[r * w + t.total_col()] ? "" : std::to_string(n)) << ","
          << (hide ? "" : std::to_string(k)) << "," << (hide ? "" : num(share.rate)) << ","
          << (hide ? "" : num(share.low)) << "," << (hide ? "" : num(share.high)) << ",,,,," << (hide ? 1 : 0) << "\n";
      }
  }
}

}  // namespace

bool odds_ratio_suppressed(const LogisticCoefficient& c, int64_t k) {
  return k > 0 && c.term != "(intercept)" && (c.outcomes < k || c.records - c.outcomes < k);
}

std::string disparity_markdown(const DisparityTables& t, const std::optional<LogisticFit>& fit,
                               const DisparityReportLabels& l) {
  std::ostringstream m;
  header_md(m, t, l);
  if (t.by_zone) rate_table_md(m, "By " + l.zone, l.zone, *t.by_zone, l, false);
  if (t.by_reason) rate_table_md(m, "By " + l.reason + " (stop purpose)", l.reason, *t.by_reason, l, true);
  if (t.by_officer) rate_table_md(m, "By " + l.officer + " x driver group", l.officer, *t.by_officer, l, false);
  if (t.by_zone && t.residents) residents_md(m, *t.by_zone, *t.residents, l);
  if (!t.result_mix.empty()) result_mix_md(m, t.result_mix, l);
  if (fit) odds_ratio_md(m, *fit, l);
  limits_md(m, l);
  return m.str();
}

std::string disparity_csv(const DisparityTables& t, const DisparityReportLabels& l) {
  std::ostringstream c;
  c << "table,row,group,category,records,outcomes,rate,rate_low,rate_high,rate_ratio,rr_low,rr_high,likelihood,"
       "suppressed\n";
  if (t.by_zone) rate_rows_csv(c, "by_" + l.zone, *t.by_zone);
  if (t.by_reason) rate_rows_csv(c, "by_" + l.reason, *t.by_reason);
  if (t.by_officer) rate_rows_csv(c, "by_" + l.officer, *t.by_officer);
  mix_rows_csv(c, t.result_mix);
  return c.str();
}

std::string odds_ratio_csv(const LogisticFit& f, int64_t min_count) {
  std::ostringstream c;
  c << "term,level,records,outcomes,estimate,std_error,odds_ratio,or_low,or_high,p,suppressed\n";
  for (const LogisticCoefficient& x : f.coefficients) {
    const bool hide = odds_ratio_suppressed(x, min_count);
    c << csv_field(x.term) << "," << csv_field(x.level) << ",";
    if (hide) c << ",,,,,,,,1\n";
    else
      c << x.records << "," << x.outcomes << "," << num(x.estimate) << "," << num(x.std_error) << ","
        << num(x.odds_ratio) << "," << num(x.or_low) << "," << num(x.or_high) << "," << num(x.p) << ",0\n";
  }
  return c.str();
}

}  // namespace hotspot
