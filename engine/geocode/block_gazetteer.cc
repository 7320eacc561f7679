#include "engine/geocode/block_gazetteer.h"

#include <algorithm>
#include <cstdint>

namespace hotspot {

namespace {

double median(std::vector<double>& v) {
  const size_t n = v.size();
  std::nth_element(v.begin(), v.begin() + static_cast<long>(n / 2), v.end());
  const double hi = v[n / 2];
  if (n % 2 == 1) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<long>(n / 2));
  return 0.5 * (lo + hi);
}

}  // namespace

std::string GazetteerHit::describe() const {
  switch (how) {
    case How::kExact:
      return "block " + std::to_string(block) + " learnt from " + std::to_string(records) + " record" + (records == 1 ? "" : "s");
    case How::kInterpolated:
      return "block " + std::to_string(block) + " interpolated between known blocks " + std::to_string(lower_block) +
             " and " + std::to_string(upper_block);
    case How::kNearestBlock:
      return "block " + std::to_string(block) + " placed at the nearest known block " + std::to_string(lower_block);
  }
  return "";
}

void BlockGazetteer::add(uint32_t street_id, int64_t number, XY point) {
  if (number < 0) return;
  const int64_t block = number / options_.block_size * options_.block_size;
  streets_[street_id].raw.emplace_back(block, point);
  ++records_;
}

void BlockGazetteer::finalize() {
  std::vector<double> xs, ys;
  for (auto& [id, st] : streets_) {
    if (st.raw.empty()) continue;
    // Recomputed from every raw point learnt so far (medians cannot be merged incrementally).
    std::sort(st.raw.begin(), st.raw.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    st.blocks.clear();
    for (size_t i = 0; i < st.raw.size();) {
      size_t j = i;
      xs.clear();
      ys.clear();
      while (j < st.raw.size() && st.raw[j].first == st.raw[i].first) {
        xs.push_back(st.raw[j].second.x);
        ys.push_back(st.raw[j].second.y);
        ++j;
      }
      st.blocks.push_back({st.raw[i].first, {median(xs), median(ys)}, static_cast<int64_t>(j - i)});
      i = j;
    }
  }
}

size_t BlockGazetteer::blocks() const {
  size_t n = 0;
  for (const auto& [id, st] : streets_) n += st.blocks.size();
  return n;
}

std::vector<XY> BlockGazetteer::block_points() const {
  std::vector<XY> out;
  for (const auto& [id, st] : streets_)
    for (const Block& b : st.blocks) out.push_back(b.point);
  std::sort(out.begin(), out.end(), [](const XY& a, const XY& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  return out;
}

std::optional<GazetteerHit> BlockGazetteer::lookup(uint32_t street_id, int64_t number) const {
  auto it = streets_.find(street_id);
  if (it == streets_.end() || it->second.blocks.empty() || number < 0) return std::nullopt;
  const std::vector<Block>& b = it->second.blocks;
  const int64_t block = number / options_.block_size * options_.block_size;
  auto up = std::lower_bound(b.begin(), b.end(), block, [](const Block& x, int64_t v) { return x.block < v; });
  GazetteerHit h;
  h.block = block;
  if (up != b.end() && up->block == block) {
    h.how = GazetteerHit::How::kExact;
    h.point = up->point;
    h.lower_block = h.upper_block = block;
    h.records = up->count;
    return h;
  }
  if (up != b.begin() && up != b.end()) {
    const Block& lo = *(up - 1);
    const Block& hi = *up;
    if (hi.block - lo.block <= options_.max_interpolation_span) {
      const double t = static_cast<double>(block - lo.block) / static_cast<double>(hi.block - lo.block);
      h.how = GazetteerHit::How::kInterpolated;
      h.point = {lo.point.x + t * (hi.point.x - lo.point.x), lo.point.y + t * (hi.point.y - lo.point.y)};
      h.lower_block = lo.block;
      h.upper_block = hi.block;
      h.records = lo.count + hi.count;
      return h;
    }
  }
  // Beyond either end, or in a gap too wide to interpolate: the nearest known block when close enough.
  const Block* nearest = nullptr;
  int64_t best = INT64_MAX;
  if (up != b.end() && up->block - block < best) {
    best = up->block - block;
    nearest = &*up;
  }
  if (up != b.begin() && block - (up - 1)->block < best) {
    best = block - (up - 1)->block;
    nearest = &*(up - 1);
  }
  if (nearest && best <= options_.max_extrapolation) {
    h.how = GazetteerHit::How::kNearestBlock;
    h.point = nearest->point;
    h.lower_block = h.upper_block = nearest->block;
    h.records = nearest->count;
    return h;
  }
  return std::nullopt;
}

std::string BlockGazetteer::known_blocks(uint32_t street_id) const {
  auto it = streets_.find(street_id);
  if (it == streets_.end() || it->second.blocks.empty()) return "";
  const auto& b = it->second.blocks;
  return std::to_string(b.front().block) + "-" + std::to_string(b.back().block) + ", " + std::to_string(b.size()) +
         " known block" + (b.size() == 1 ? "" : "s");
}

}  // namespace hotspot
