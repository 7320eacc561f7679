#include "engine/disparity/suppression.h"

#include <algorithm>

namespace hotspot {

namespace {

// One line's entries as flat indices: the cells in order, then the margin.
std::vector<size_t> line_entries(const CountTable& t, bool is_row, size_t k) {
  const size_t w = t.cols().size() + 1;
  std::vector<size_t> idx;
  if (is_row)
    for (size_t c = 0; c <= t.total_col(); ++c) idx.push_back(k * w + c);
  else
    for (size_t r = 0; r <= t.total_row(); ++r) idx.push_back(r * w + k);
  return idx;
}

// Suppresses a second entry of the line when exactly one is suppressed; true when it did.
bool protect_line(const CountTable& t, const std::vector<size_t>& idx, std::vector<uint8_t>& mask) {
  const size_t w = t.cols().size() + 1;
  const auto hidden = std::count_if(idx.begin(), idx.end(), [&](size_t i) { return mask[i] != 0; });
  if (hidden != 1 || idx.size() < 2) return false;
  size_t best = idx.size();
  for (size_t j = 0; j < idx.size(); ++j) {
    if (mask[idx[j]]) continue;
    if (best == idx.size() || t.at(idx[j] / w, idx[j] % w) < t.at(idx[best] / w, idx[best] % w)) best = j;
  }
  if (best == idx.size()) return false;
  mask[idx[best]] = 1;
  return true;
}

}  // namespace

std::vector<uint8_t> suppress_small_counts(const CountTable& t, int64_t min_count) {
  const size_t w = t.cols().size() + 1, h = t.rows().size() + 1;
  std::vector<uint8_t> mask(w * h, 0);
  if (min_count <= 0) return mask;
  for (size_t i = 0; i < mask.size(); ++i) mask[i] = t.at(i / w, i % w) < min_count ? 1 : 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t r = 0; r < h; ++r) changed |= protect_line(t, line_entries(t, true, r), mask);
    for (size_t c = 0; c < w; ++c) changed |= protect_line(t, line_entries(t, false, c), mask);
  }
  return mask;
}

std::vector<uint8_t> either(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  std::vector<uint8_t> out(a.size());
  for (size_t i = 0; i < a.size(); ++i) out[i] = (a[i] || b[i]) ? 1 : 0;
  return out;
}

}  // namespace hotspot
