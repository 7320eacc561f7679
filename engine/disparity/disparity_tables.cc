#include "engine/disparity/disparity_tables.h"

#include "engine/disparity/suppression.h"

namespace hotspot {

namespace {

std::vector<uint8_t> present(const std::vector<std::string>& a, const std::vector<std::string>& b = {}) {
  std::vector<uint8_t> keep(a.size());
  for (size_t i = 0; i < a.size(); ++i) keep[i] = !a[i].empty() && (b.empty() || !b[i].empty());
  return keep;
}

std::optional<RateTable> rates_by(const std::vector<std::string>& rows, const StopRecords& s,
                                  const RateTableOptions& o, const std::string& reference) {
  const std::vector<uint8_t> keep = present(rows);
  bool any = false;
  for (size_t i = 0; i < keep.size() && !any; ++i) any = keep[i] && s.group[i] == reference;
  if (!any) return std::nullopt;  // no column, no value, or no stop of the reference group: no table
  RateTableOptions ro = o;
  ro.reference = reference;
  return rate_table(rows, s.group, s.outcome, ro, keep);
}

std::vector<ResultMix> result_mix(const StopRecords& s, int64_t min_count) {
  std::vector<ResultMix> out;
  if (s.reason.empty() || s.result.empty()) return out;
  const std::vector<uint8_t> both = present(s.reason, s.result);
  std::vector<std::string> reasons;
  for (size_t i = 0; i < both.size(); ++i)
    if (both[i]) reasons.push_back(s.reason[i]);
  for (const std::string& reason : distinct_sorted(reasons)) {
    std::vector<uint8_t> keep(both.size());
    for (size_t i = 0; i < both.size(); ++i) keep[i] = both[i] && s.reason[i] == reason;
    ResultMix m{reason, count_table(s.group, s.result, keep), {}};
    m.suppressed = suppress_small_counts(m.table, min_count);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

DisparityTables disparity_tables(const StopRecords& s, const RateTableOptions& o) {
  DisparityTables t;
  t.records = static_cast<int64_t>(s.group.size());
  // The reference is chosen once, over all stops, so every table compares with the same group.
  const std::vector<std::string> all(s.group.size(), "all");
  const RateTable overall = rate_table(all, s.group, s.outcome, o);
  const std::string reference = overall.groups().empty() ? o.reference : overall.groups()[overall.reference()];
  t.reference = reference;
  t.by_zone = rates_by(s.zone, s, o, reference);
  t.by_reason = rates_by(s.reason, s, o, reference);
  t.by_officer = rates_by(s.officer, s, o, reference);
  t.result_mix = result_mix(s, o.min_count);
  return t;
}

}  // namespace hotspot
