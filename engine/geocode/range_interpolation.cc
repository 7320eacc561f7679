#include "engine/geocode/range_interpolation.h"

#include <algorithm>
#include <cmath>

namespace hotspot {

double polyline_length(std::span<const XY> line) {
  double len = 0.0;
  for (size_t i = 1; i < line.size(); ++i) len += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
  return len;
}

XY point_at_fraction(std::span<const XY> line, double fraction, XY* direction) {
  if (direction) *direction = {0.0, 0.0};
  if (line.empty()) return {};
  if (line.size() == 1) return line[0];
  const double total = polyline_length(line);
  if (!(total > 0.0)) return line[0];
  const double f = std::clamp(fraction, 0.0, 1.0);
  double remaining = f * total;
  for (size_t i = 1; i < line.size(); ++i) {
    const double dx = line[i].x - line[i - 1].x, dy = line[i].y - line[i - 1].y;
    const double seg = std::hypot(dx, dy);
    if (seg <= 0.0) continue;
    const bool last = [&] {
      for (size_t k = i + 1; k < line.size(); ++k)
        if (line[k].x != line[k - 1].x || line[k].y != line[k - 1].y) return false;
      return true;
    }();
    if (remaining <= seg || last) {
      const double t = std::min(remaining / seg, 1.0);
      if (direction) *direction = {dx / seg, dy / seg};
      return {line[i - 1].x + t * dx, line[i - 1].y + t * dy};
    }
    remaining -= seg;
  }
  return line.back();
}

std::optional<double> range_fraction(const HouseRange& r, int64_t n) {
  if (!r.contains(n)) return std::nullopt;
  if (r.from == r.to) return 0.5;
  return static_cast<double>(n - r.from) / static_cast<double>(r.to - r.from);
}

std::optional<RangePlacement> place_on_segment(const RangedSegment& s, int64_t n, double offset_crs) {
  const bool in_left = s.left.contains(n), in_right = s.right.contains(n);
  if (!in_left && !in_right) return std::nullopt;
  StreetSide side;
  bool parity_ok = true;
  if (in_left && in_right) {
    const bool pl = s.left.parity_matches(n), pr = s.right.parity_matches(n);
    if (pl && !pr) side = StreetSide::kLeft;
    else if (pr && !pl) side = StreetSide::kRight;
    else {
      side = StreetSide::kNone;
      parity_ok = pl;
    }
  } else {
    side = in_left ? StreetSide::kLeft : StreetSide::kRight;
    parity_ok = in_left ? s.left.parity_matches(n) : s.right.parity_matches(n);
  }
  // Fraction along the line: from the side that holds n (left when both do and no side won).
  const HouseRange& r = side == StreetSide::kRight || (side == StreetSide::kNone && !in_left) ? s.right : s.left;
  const double f = *range_fraction(r, n);
  RangePlacement p;
  XY dir;
  p.point = point_at_fraction(s.line, f, &dir);
  p.side = side;
  p.fraction = f;
  p.parity_ok = parity_ok;
  if (side == StreetSide::kLeft) {
    p.point.x += -dir.y * offset_crs;
    p.point.y += dir.x * offset_crs;
  } else if (side == StreetSide::kRight) {
    p.point.x += dir.y * offset_crs;
    p.point.y += -dir.x * offset_crs;
  }
  return p;
}

std::optional<XY> block_middle(std::span<const RangedSegment* const> segments, int64_t block_number,
                               int64_t block_size) {
  const int64_t b0 = block_number, b1 = block_number + block_size - 1;
  struct Piece {
    const RangedSegment* seg;
    double t0, t1;       // fractions along the segment
    double length;       // covered length
    int64_t first_number;
  };
  std::vector<Piece> pieces;
  for (const RangedSegment* s : segments) {
    double t0 = 2.0, t1 = -1.0;
    int64_t first = INT64_MAX;
    for (const HouseRange* r : {&s->left, &s->right}) {
      if (!r->valid() || r->high() < b0 || r->low() > b1) continue;
      const int64_t lo = std::max(r->low(), b0), hi = std::min(r->high(), b1);
      const double fa = *range_fraction(*r, lo), fb = *range_fraction(*r, hi);
      // A range with from == to gives 0.5 for both ends; treat it as covering the whole segment.
      const bool point_range = r->from == r->to;
      t0 = std::min(t0, point_range ? 0.0 : std::min(fa, fb));
      t1 = std::max(t1, point_range ? 1.0 : std::max(fa, fb));
      first = std::min(first, lo);
    }
    if (t1 < t0) continue;
    pieces.push_back({s, t0, t1, (t1 - t0) * polyline_length(s->line), first});
  }
  if (pieces.empty()) return std::nullopt;
  std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.first_number < b.first_number; });
  double total = 0.0;
  for (const Piece& p : pieces) total += p.length;
  if (!(total > 0.0)) {  // only zero-length pieces: the mean of their points
    XY m;
    for (const Piece& p : pieces) {
      const XY q = point_at_fraction(p.seg->line, 0.5 * (p.t0 + p.t1));
      m.x += q.x / static_cast<double>(pieces.size());
      m.y += q.y / static_cast<double>(pieces.size());
    }
    return m;
  }
  double half = total / 2.0;
  for (const Piece& p : pieces) {
    if (half <= p.length || &p == &pieces.back()) {
      const double frac_in_piece = p.length > 0.0 ? std::min(half / p.length, 1.0) : 0.5;
      // Walk the piece in the direction of increasing numbers.
      const HouseRange& r = p.seg->left.valid() ? p.seg->left : p.seg->right;
      const bool increasing = !r.valid() || r.to >= r.from;
      const double t = increasing ? p.t0 + frac_in_piece * (p.t1 - p.t0) : p.t1 - frac_in_piece * (p.t1 - p.t0);
      return point_at_fraction(p.seg->line, t);
    }
    half -= p.length;
  }
  return std::nullopt;
}

}  // namespace hotspot
