#include "engine/core/closest_names.h"

#include <algorithm>
#include <numeric>

#include "engine/core/text.h"

namespace hotspot {

size_t edit_distance_ignoring_case(std::string_view a_in, std::string_view b_in) {
  const std::string a = lower(a_in), b = lower(b_in);
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> closest_names(std::string_view wanted, const std::vector<std::string>& names, size_t max_names) {
  const std::string w = lower(wanted);
  const size_t allowed = std::max<size_t>(2, w.size() / 4);
  struct Candidate {
    size_t rank;  // 0 = contains or is contained, else 1 + edits
    size_t order;
  };
  std::vector<Candidate> found;
  for (size_t k = 0; k < names.size(); ++k) {
    const std::string n = lower(names[k]);
    if (n.empty() || n == w) continue;
    if (!w.empty() && (n.find(w) != std::string::npos || w.find(n) != std::string::npos)) {
      found.push_back({0, k});
      continue;
    }
    if (const size_t d = edit_distance_ignoring_case(w, n); d <= allowed) found.push_back({1 + d, k});
  }
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });
  std::vector<std::string> out;
  for (size_t i = 0; i < found.size() && out.size() < max_names; ++i) out.push_back(names[found[i].order]);
  return out;
}

std::string did_you_mean(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string s = "did you mean ";
  for (size_t i = 0; i < names.size(); ++i)
    s += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + ("'" + names[i] + "'");
  return s + "?";
}

}  // namespace hotspot
