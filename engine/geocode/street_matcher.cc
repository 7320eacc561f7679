#include "engine/geocode/street_matcher.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

#include "engine/geocode/street_numbers.h"

namespace hotspot {

namespace {

constexpr int kRefOnlyPart = 5;
constexpr int kQueryOnlyPart = 8;
constexpr int kDirConflict = 40;
constexpr int kTypeConflict = 25;
constexpr int kPerEdit = 12;
constexpr int kContained = 15;
constexpr int kNumberWritten = 5;

int part_penalty(const std::string& q, const std::string& r, int conflict, const char** how, const char* what_missing,
                 const char* what_conflict, int& worst) {
  int p = 0;
  const char* h = nullptr;
  if (q == r) return 0;
  if (q.empty()) {
    p = kRefOnlyPart;
    h = what_missing;
  } else if (r.empty()) {
    p = kQueryOnlyPart;
    h = what_missing;
  } else {
    p = conflict;
    h = what_conflict;
  }
  if (how && p > worst) {
    worst = p;
    *how = h;
  }
  return p;
}

// True when the tokens of `q` appear contiguously in `r` and r is longer.
bool contained(std::string_view q, std::string_view r) {
  if (q.size() >= r.size()) return false;
  size_t pos = 0;
  while ((pos = r.find(q, pos)) != std::string_view::npos) {
    const bool left_ok = pos == 0 || r[pos - 1] == ' ';
    const bool right_ok = pos + q.size() == r.size() || r[pos + q.size()] == ' ';
    if (left_ok && right_ok) return true;
    ++pos;
  }
  return false;
}

}  // namespace

int StreetMatcher::name_edits_allowed(size_t length) {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return 2;
}

int StreetMatcher::edit_distance(std::string_view a, std::string_view b, int max_distance) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max_distance) return max_distance + 1;
  // Optimal string alignment (Levenshtein plus adjacent transpositions), three rolling rows.
  std::vector<int> prev2(static_cast<size_t>(m + 1)), prev(static_cast<size_t>(m + 1)), cur(static_cast<size_t>(m + 1));
  for (int j = 0; j <= m; ++j) prev[static_cast<size_t>(j)] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[static_cast<size_t>(i - 1)] == b[static_cast<size_t>(j - 1)] ? 0 : 1;
      int v = std::min({prev[static_cast<size_t>(j)] + 1, cur[static_cast<size_t>(j - 1)] + 1,
                        prev[static_cast<size_t>(j - 1)] + cost});
      if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[static_cast<size_t>(j - 2)] &&
          a[static_cast<size_t>(i - 2)] == b[static_cast<size_t>(j - 1)])
        v = std::min(v, prev2[static_cast<size_t>(j - 2)] + 1);
      cur[static_cast<size_t>(j)] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[static_cast<size_t>(m)], max_distance + 1);
}

int StreetMatcher::name_penalty(const std::string& q, const std::string& r, const char** how) {
  const bool numbered = street_name_has_number(q) || street_name_has_number(r);
  if (numbered && street_name_number_form(q) == street_name_number_form(r)) {
    *how = "number written differently";
    return kNumberWritten;
  }
  const int allowed = name_edits_allowed(std::min(q.size(), r.size()));
  const int d = allowed > 0 ? edit_distance(q, r, allowed) : 1;
  // Edits may fix the letters of a name, never its numbers: 16TH ST is not 15TH ST, I-85 is not I-485.
  const bool same_numbers = !numbered || street_name_numbers(q) == street_name_numbers(r);
  if (d <= allowed && same_numbers) {
    *how = "name spelled differently";
    return kPerEdit * d;
  }
  if (contained(q, r)) {  // whole tokens: the query's numbers are the reference's
    *how = "name part of a longer name";
    return kContained;
  }
  *how = d <= allowed ? "different number" : "different name";
  return -1;
}

int StreetMatcher::score(const StreetName& q, const StreetName& r, const char** how) {
  int worst = 0;
  const char* h = "exact";
  int s = 100;
  if (q.name != r.name) {
    const int p = name_penalty(q.name, r.name, &h);
    if (p < 0) {
      if (how) *how = h;
      return 0;
    }
    s -= p;
    worst = p;
  }
  s -= part_penalty(q.pre_dir, r.pre_dir, kDirConflict, &h, "directional missing", "directional differs", worst);
  s -= part_penalty(q.post_dir, r.post_dir, kDirConflict, &h, "directional missing", "directional differs", worst);
  // Type: a penalty applies only when directionals left us with the same name (they are independent parts).
  if (q.type != r.type) {
    int p = q.type.empty() ? kRefOnlyPart : r.type.empty() ? kQueryOnlyPart : kTypeConflict;
    s -= p;
    if (p > worst) {
      worst = p;
      h = q.type.empty() || r.type.empty() ? "street type missing" : "street type differs";
    }
  }
  if (how) *how = h;
  return std::max(s, 0);
}

uint32_t StreetMatcher::add_name(const std::string& name) {
  auto [it, inserted] = by_name_.emplace(name, static_cast<uint32_t>(names_.size()));
  if (!inserted) return it->second;
  const uint32_t id = it->second;
  names_.push_back(name);
  streets_of_name_.emplace_back();
  // One-deletion neighbourhood (and the name itself) for edit-distance candidates.
  if (name_edits_allowed(name.size()) > 0) {
    deletions_[name].push_back(id);
    std::string d;
    for (size_t i = 0; i < name.size(); ++i) {
      if (i > 0 && name[i] == name[i - 1]) continue;  // same deletion as the previous one
      d.assign(name, 0, i);
      d.append(name, i + 1, std::string::npos);
      deletions_[d].push_back(id);
    }
  }
  if (street_name_has_number(name)) by_number_form_[street_name_number_form(name)].push_back(id);
  std::unordered_set<std::string_view> seen;
  for (std::string_view t : name_tokens(name))
    if (seen.insert(t).second) names_with_token_[std::string(t)].push_back(id);
  return id;
}

uint32_t StreetMatcher::add(const StreetName& street) {
  std::string k = street.key();
  auto [it, inserted] = by_key_.emplace(k, static_cast<uint32_t>(streets_.size()));
  if (!inserted) return it->second;
  const uint32_t id = it->second;
  streets_.push_back(street);
  keys_.push_back(std::move(k));
  const uint32_t nid = add_name(street.name);
  streets_of_name_[nid].push_back(id);
  return id;
}

int64_t StreetMatcher::find_exact(const StreetName& street) const {
  auto it = by_key_.find(street.key());
  return it == by_key_.end() ? -1 : static_cast<int64_t>(it->second);
}

void StreetMatcher::add_streets_of_name(const StreetName& q, uint32_t nid, const StreetMatchOptions& o,
                                        std::vector<StreetMatch>& out) const {
  for (uint32_t sid : streets_of_name_[nid]) {
    bool dup = false;
    for (const StreetMatch& m : out) dup = dup || m.street_id == sid;
    if (dup) continue;
    const char* how = "";
    const int s = score(q, streets_[sid], &how);
    if (s >= o.min_score) out.push_back({sid, s, how});
  }
}

void StreetMatcher::add_containing_names(const std::string& name, std::vector<uint32_t>& nids) const {
  const std::vector<std::string_view> qt = name_tokens(name);
  const std::vector<uint32_t>* rarest = nullptr;
  for (std::string_view t : qt) {
    auto it = names_with_token_.find(std::string(t));
    if (it == names_with_token_.end()) return;
    if (!rarest || it->second.size() < rarest->size()) rarest = &it->second;
  }
  if (!rarest) return;
  constexpr size_t kMaxScan = 5000;
  for (size_t i = 0; i < rarest->size() && i < kMaxScan; ++i)
    if (contained(name, names_[(*rarest)[i]])) nids.push_back((*rarest)[i]);
}

std::vector<uint32_t> StreetMatcher::tolerant_candidates(const std::string& name) const {
  std::vector<uint32_t> nids;
  // Edit distance: names sharing a one-deletion form with the query.
  if (name_edits_allowed(name.size()) > 0 || name.size() >= 3) {
    auto add_from = [&](const std::string& k) {
      if (auto it = deletions_.find(k); it != deletions_.end())
        for (uint32_t nid : it->second) nids.push_back(nid);
    };
    add_from(name);
    std::string d;
    for (size_t i = 0; i < name.size(); ++i) {
      d.assign(name, 0, i);
      d.append(name, i + 1, std::string::npos);
      add_from(d);
    }
  }
  // Numbers written another way: "16" for "16TH".
  if (street_name_has_number(name))
    if (auto it = by_number_form_.find(street_name_number_form(name)); it != by_number_form_.end())
      nids.insert(nids.end(), it->second.begin(), it->second.end());
  add_containing_names(name, nids);
  std::sort(nids.begin(), nids.end());
  nids.erase(std::unique(nids.begin(), nids.end()), nids.end());
  return nids;
}

void StreetMatcher::match(const StreetName& q, const StreetMatchOptions& o, std::vector<StreetMatch>& out) const {
  out.clear();
  if (q.name.empty()) return;
  if (auto it = by_name_.find(q.name); it != by_name_.end()) add_streets_of_name(q, it->second, o, out);
  bool good = false;
  for (const StreetMatch& m : out) good = good || m.score >= o.min_score;
  if (o.tolerant && (o.exhaustive || !good))
    for (uint32_t nid : tolerant_candidates(q.name))
      if (names_[nid] != q.name) add_streets_of_name(q, nid, o, out);
  std::sort(out.begin(), out.end(), [](const StreetMatch& a, const StreetMatch& b) {
    return a.score != b.score ? a.score > b.score : a.street_id < b.street_id;
  });
  if (out.size() > o.max_candidates) {
    size_t keep = o.max_candidates;
    while (keep < out.size() && out[keep].score == out[keep - 1].score) ++keep;
    out.resize(keep);
  }
}

}  // namespace hotspot
