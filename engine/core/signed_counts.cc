#include "engine/core/signed_counts.h"

#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "engine/core/text.h"

namespace hotspot {

namespace {

// 1, -1, or 0 for anything else.
int read_sign(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) return 0;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return 0;
  return v == 1.0 ? 1 : v == -1.0 ? -1 : 0;
}

}  // namespace

std::vector<CountFate> net_signed_counts(const std::vector<CountRow>& rows) {
  using Kind = CountFate::Kind;
  std::vector<CountFate> fates(rows.size());
  std::unordered_map<std::string, std::vector<int64_t>> open;  // id -> its rows with count 1 not yet cancelled
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].skip) continue;
    const int sign = read_sign(rows[i].count);
    if (sign == 0) {
      fates[i].kind = Kind::bad_count;
      continue;
    }
    std::vector<int64_t>& same_id = open[trim(rows[i].id)];
    if (sign == 1) {
      same_id.push_back(static_cast<int64_t>(i));
      continue;
    }
    if (same_id.empty()) {
      fates[i].kind = Kind::unmatched;
      continue;
    }
    const int64_t j = same_id.back();
    same_id.pop_back();
    fates[i] = {Kind::correction, j};
    fates[static_cast<size_t>(j)] = {Kind::cancelled, static_cast<int64_t>(i)};
  }
  return fates;
}

}  // namespace hotspot
