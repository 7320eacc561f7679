#include "cli/pipeline/summary_counts.h"

#include <cmath>
#include <vector>

namespace hotspot::cli {

namespace {

// The summary's counts as entries of additive lines; `slot` remembers where each SummaryCount sits.
struct Lines {
  CountLines counts;
  std::vector<SummaryCount*> slot;

  size_t add(SummaryCount& c, bool is_total) {
    counts.values.push_back(c.value);
    counts.is_total.push_back(is_total);
    slot.push_back(&c);
    return slot.size() - 1;
  }
  void line_of(size_t total, std::map<std::string, SummaryCount>& parts) {
    std::vector<size_t> line{total};
    for (auto& [name, c] : parts) line.push_back(add(c, false));
    counts.lines.push_back(line);
  }
};

void suppress(SummaryCounts& s, int min_count) {
  Lines l;
  const size_t in = l.add(s.in, true), accepted = l.add(s.accepted, true), rejected = l.add(s.rejected, true);
  l.counts.lines.push_back({in, accepted, rejected});
  l.line_of(rejected, s.by_reason);
  if (!s.by_category.empty()) l.line_of(accepted, s.by_category);  // every accepted record has a category then
  l.add(s.undated, false);  // the dated records are not shown: no line
  const std::vector<Suppressed> status = suppress_small_counts(l.counts, min_count);
  for (size_t e = 0; e < status.size(); ++e) {
    l.slot[e]->status = status[e];
    s.suppressed += status[e] != Suppressed::no;
  }
}

Extent widened(const Extent& e, double step) {
  return {std::floor(e.min_x / step) * step, std::floor(e.min_y / step) * step, std::ceil(e.max_x / step) * step,
          std::ceil(e.max_y / step) * step};
}

}  // namespace

SummaryCounts summary_counts(const IngestResult& r, const PrivacyOptions& privacy) {
  SummaryCounts s;
  s.in.value = r.accounting.records_in();
  s.accepted.value = r.accounting.accepted();
  s.rejected.value = r.accounting.rejected_total();
  s.undated.value = r.undated;
  for (const auto& [code, n] : r.accounting.rejected_by_reason()) s.by_reason[code].value = n;
  for (const auto& [name, n] : r.category_counts) s.by_category[name].value = n;
  s.extent = r.extent;
  if (!privacy.is_public()) return s;
  s.min_count = privacy.min_count;
  s.privacy = "public: k = " + std::to_string(privacy.min_count) + ", extent widened to multiples of " +
              privacy.generalisation.to_string();
  suppress(s, privacy.min_count);
  if (!r.extent.empty()) s.extent = widened(r.extent, privacy.generalisation.in_crs_units(r.analysis_crs->linear_unit_m()));
  return s;
}

std::string to_text(const SummaryCount& c, int min_count) {
  switch (c.status) {
    case Suppressed::no: return std::to_string(c.value);
    case Suppressed::primary: return "<" + std::to_string(min_count);
    case Suppressed::complementary: return "suppressed";
  }
  return "";
}

}  // namespace hotspot::cli
