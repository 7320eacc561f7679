#include "engine/geocode/geocode_index.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "engine/core/point_index.h"

namespace hotspot {

namespace {

constexpr int kParityPenalty = 10;       // number in the range but of the other side's parity
constexpr int kRangeGapPenalty = 15;     // number in a gap between ranges, placed at the nearest range end
constexpr int64_t kMaxRangeGap = 20;     // how far (in house numbers) a gap placement may reach
constexpr int kInterpolatedBlockPenalty = 5;
constexpr int kNearestBlockPenalty = 10;

uint64_t number_key(uint32_t street, int64_t n) {
  return (static_cast<uint64_t>(street) << 40) | (static_cast<uint64_t>(n) & ((uint64_t{1} << 40) - 1));
}
uint64_t pair_key(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

}  // namespace

struct GeocodeIndex::Reverse {
  std::vector<Point> points;
  PointIndex index;
  explicit Reverse(std::vector<Point> p) : points(std::move(p)), index(points) {}
};

const char* to_string(MatchType type) {
  switch (type) {
    case MatchType::kNone: return "none";
    case MatchType::kAddressPoint: return "address_point";
    case MatchType::kRange: return "range";
    case MatchType::kBlock: return "block";
    case MatchType::kIntersection: return "intersection";
  }
  return "?";
}

GeocodeIndex::GeocodeIndex(GeocodeOptions options) : options_(options), gazetteer_(options.gazetteer) {}
GeocodeIndex::~GeocodeIndex() = default;
GeocodeIndex::GeocodeIndex(GeocodeIndex&&) noexcept = default;
GeocodeIndex& GeocodeIndex::operator=(GeocodeIndex&&) noexcept = default;

void GeocodeIndex::add_address_point(const StreetName& street, int64_t number, XY point, std::string id) {
  if (street.empty() || number < 0) return;
  const uint32_t sid = matcher_.add(street);
  address_points_[number_key(sid, number)].push_back({point, std::move(id)});
}

void GeocodeIndex::add_segment(const StreetName& street, RangedSegment segment) {
  if (street.empty() || segment.line.empty()) return;
  const uint32_t sid = matcher_.add(street);
  segments_of_street_[sid].push_back(static_cast<uint32_t>(segments_.size()));
  segments_.push_back(std::move(segment));
  segment_street_.push_back(sid);
}

void GeocodeIndex::add_intersection(const std::vector<StreetName>& streets, XY point, std::string id) {
  std::vector<uint32_t> ids;
  std::string name;
  for (const StreetName& s : streets) {
    if (s.empty()) continue;
    const uint32_t sid = matcher_.add(s);
    if (std::find(ids.begin(), ids.end(), sid) != ids.end()) continue;
    ids.push_back(sid);
    name += (name.empty() ? "" : " & ") + matcher_.key(sid);
  }
  if (ids.size() < 2) return;
  const uint32_t idx = static_cast<uint32_t>(intersections_.size());
  intersections_.push_back({point, std::move(id), std::move(name)});
  for (size_t i = 0; i < ids.size(); ++i)
    for (size_t j = i + 1; j < ids.size(); ++j) intersections_of_pair_[pair_key(ids[i], ids[j])].push_back(idx);
}

void GeocodeIndex::add_known_block(const StreetName& street, int64_t number, XY point) {
  if (street.empty() || number < 0) return;
  gazetteer_.add(matcher_.add(street), number, point);
}

void GeocodeIndex::finalize() {
  gazetteer_.finalize();
  reverse_.reset();
  if (!intersections_.empty()) {
    std::vector<Point> pts;
    pts.reserve(intersections_.size());
    for (const IntersectionEntry& e : intersections_) pts.push_back({e.point.x, e.point.y, 1.0});
    reverse_ = std::make_unique<Reverse>(std::move(pts));
  }
}

std::optional<NamedIntersection> GeocodeIndex::nearest_intersection(double x, double y) const {
  if (!reverse_) return std::nullopt;
  const std::vector<Neighbor> nn = reverse_->index.nearest(x, y, 1);
  if (nn.empty()) return std::nullopt;
  const IntersectionEntry& e = intersections_[nn[0].index];
  return NamedIntersection{e.name, e.id, e.point, nn[0].distance};
}

GeocodeResult GeocodeIndex::geocode(std::string_view address) const { return geocode(parse_address(address, options_.parse)); }

GeocodeResult GeocodeIndex::geocode(const ParsedAddress& a) const {
  GeocodeResult r;
  switch (a.kind) {
    case AddressKind::kEmpty:
      r.reason_code = geocode_reason::kEmpty;
      r.reason = "the address is empty";
      return r;
    case AddressKind::kUnparseable:
      r.reason_code = geocode_reason::kUnparseable;
      r.reason = "not an address: " + a.error;
      return r;
    case AddressKind::kStreetOnly:
      r.reason_code = geocode_reason::kNoNumber;
      r.reason = "'" + a.street.key() + "' has neither a house number nor a cross street";
      r.normalized = a.normalized();
      return r;
    case AddressKind::kIntersection:
      r = place_intersection(a);
      break;
    case AddressKind::kHouse:
    case AddressKind::kBlock:
      r = place_number(a);
      break;
  }
  r.normalized = a.normalized();
  return r;
}

void GeocodeIndex::unplaced_street(const StreetName& s, GeocodeResult& r) const {
  StreetMatchOptions mo;
  mo.min_score = 1;
  mo.exhaustive = true;
  mo.max_candidates = 1;
  std::vector<StreetMatch> c;
  matcher_.match(s, mo, c);
  if (!c.empty()) {
    r.reason_code = geocode_reason::kBelowMinScore;
    r.reason = "street '" + s.key() + "' not found; the closest is '" + matcher_.key(c[0].street_id) + "' (score " +
               std::to_string(c[0].score) + ", " + c[0].how + "), below the minimum score " +
               std::to_string(options_.min_score);
  } else {
    r.reason_code = geocode_reason::kStreetNotFound;
    r.reason = "street '" + s.key() + "' is not in the reference";
  }
}

GeocodeResult GeocodeIndex::finish(std::vector<Placement> best, MatchType type, const char* what) const {
  GeocodeResult r;
  if (best.empty()) return r;
  int top = 0;
  for (const Placement& p : best) top = std::max(top, p.score);
  std::erase_if(best, [&](const Placement& p) { return p.score < top; });
  // The same reference feature can be reached through two candidate streets; count it once.
  std::vector<Placement> uniq;
  for (Placement& p : best) {
    bool dup = false;
    for (const Placement& u : uniq) dup = dup || (u.ref_id == p.ref_id && u.point.x == p.point.x && u.point.y == p.point.y);
    if (!dup) uniq.push_back(std::move(p));
  }
  XY c;
  for (const Placement& p : uniq) {
    c.x += p.point.x / static_cast<double>(uniq.size());
    c.y += p.point.y / static_cast<double>(uniq.size());
  }
  double spread = 0.0;
  for (const Placement& p : uniq) spread = std::max(spread, std::hypot(p.point.x - c.x, p.point.y - c.y));
  if (top < options_.min_score) {
    r.reason_code = geocode_reason::kBelowMinScore;
    r.reason = "best " + std::string(what) + " '" + uniq[0].matched + "' scores " + std::to_string(top) + " (" +
               uniq[0].detail + "), below the minimum score " + std::to_string(options_.min_score);
    return r;
  }
  if (uniq.size() > 1 && spread > options_.tie_cluster_crs) {
    r.reason_code = geocode_reason::kAmbiguous;
    r.reason = std::to_string(uniq.size()) + " " + what + " candidates tie at score " + std::to_string(top) + ":";
    for (size_t i = 0; i < uniq.size() && i < 5; ++i) r.reason += (i ? "; '" : " '") + uniq[i].matched + "'";
    if (uniq.size() > 5) r.reason += "; ...";
    r.ties = static_cast<int>(uniq.size()) - 1;
    return r;
  }
  r.type = type;
  r.point = c;
  r.score = top;
  r.ties = static_cast<int>(uniq.size()) - 1;
  r.matched = uniq[0].matched;
  r.detail = uniq[0].detail;
  r.ref_id = uniq[0].ref_id;
  for (size_t i = 1; i < uniq.size(); ++i) {
    r.ref_id += ";" + uniq[i].ref_id;
    if (uniq[i].matched != r.matched) r.matched += " | " + uniq[i].matched;
  }
  if (uniq.size() > 1) r.detail += "; centroid of " + std::to_string(uniq.size()) + " tied candidates";
  return r;
}

// The steps of place_number() for one address: each tries one reference kind on one group of candidate streets
// (equal street score) and adds what it places to `found`.
struct GeocodeIndex::NumberPlacement {
  using Group = std::span<const StreetMatch>;

  NumberPlacement(const GeocodeIndex& of, const ParsedAddress& a)
      : index(of), block(a.kind == AddressKind::kBlock), n(a.number) {}

  const GeocodeIndex& index;
  const bool block;              // a block address ("1000 BLOCK ..."), not a house number
  const int64_t n;               // the house number, or the block's first number
  std::vector<Placement> found;  // the placements of the group being tried
  std::string not_placed;        // what the streets found can offer, for the reason

  // Tries the reference kinds in order on one group; the match type of what it placed, kNone if nothing.
  MatchType place_group(Group group) {
    found.clear();
    if (!block) {
      for (const StreetMatch& m : group) at_address_points(m);
      if (!found.empty()) return MatchType::kAddressPoint;
    }
    for (const StreetMatch& m : group) on_centrelines(m);
    if (!found.empty()) return block ? MatchType::kBlock : MatchType::kRange;
    for (const StreetMatch& m : group) in_gazetteer(m);
    if (!found.empty()) return MatchType::kBlock;
    return MatchType::kNone;
  }

  std::string street_how(const StreetMatch& m) const {
    return std::string("street ") + m.how + (m.score < 100 ? " (" + index.matcher_.key(m.street_id) + ")" : "");
  }

  // 1. Address points with the exact number (house numbers only).
  void at_address_points(const StreetMatch& m) {
    auto it = index.address_points_.find(number_key(m.street_id, n));
    if (it == index.address_points_.end()) return;
    for (const AddressPointEntry& e : it->second)
      found.push_back({e.point, m.score, e.id, std::to_string(n) + " " + index.matcher_.key(m.street_id),
                       street_how(m) + "; address point", m.street_id});
  }

  // 2. Centreline ranges: the middle of a block, or a house number interpolated (else the nearest range end).
  void on_centrelines(const StreetMatch& m) {
    auto it = index.segments_of_street_.find(m.street_id);
    if (it == index.segments_of_street_.end()) return;
    const std::string& key = index.matcher_.key(m.street_id);
    if (block) {
      block_on_ranges(m, it->second, key);
      return;
    }
    house_on_ranges(m, it->second, key);
    if (found.empty()) house_in_range_gap(m, it->second, key);
  }

  void block_on_ranges(const StreetMatch& m, const std::vector<uint32_t>& segments, const std::string& key) {
    std::vector<const RangedSegment*> segs;
    std::string ids;
    for (uint32_t si : segments) {
      const RangedSegment& s = index.segments_[si];
      const int64_t b1 = n + index.options_.gazetteer.block_size - 1;
      const bool overlaps = (s.left.valid() && s.left.low() <= b1 && s.left.high() >= n) ||
                            (s.right.valid() && s.right.low() <= b1 && s.right.high() >= n);
      if (!overlaps) continue;
      segs.push_back(&s);
      ids += (ids.empty() ? "" : ";") + s.id;
    }
    if (auto p = block_middle(segs, n, index.options_.gazetteer.block_size))
      found.push_back({*p, m.score, ids, std::to_string(n) + " BLOCK " + key,
                       street_how(m) + "; middle of the block on " + std::to_string(segs.size()) +
                           " centreline segment" + (segs.size() == 1 ? "" : "s"),
                       m.street_id});
  }

  void house_on_ranges(const StreetMatch& m, const std::vector<uint32_t>& segments, const std::string& key) {
    for (uint32_t si : segments) {
      const RangedSegment& s = index.segments_[si];
      auto p = place_on_segment(s, n, index.options_.side_offset_crs);
      if (!p) continue;
      const char* side = p->side == StreetSide::kLeft ? "left" : p->side == StreetSide::kRight ? "right" : "both sides";
      found.push_back({p->point, m.score - (p->parity_ok ? 0 : kParityPenalty), s.id, std::to_string(n) + " " + key,
                       street_how(m) + "; interpolated on the " + side + " range" +
                           (p->parity_ok ? "" : " (number of the other parity)"),
                       m.street_id});
    }
  }

  // A number in a gap between ranges: placed at the nearest range end, when that is close.
  void house_in_range_gap(const StreetMatch& m, const std::vector<uint32_t>& segments, const std::string& key) {
    int64_t best = kMaxRangeGap + 1;
    const RangedSegment* bs = nullptr;
    double bf = 0.0;
    for (uint32_t si : segments) {
      const RangedSegment& s = index.segments_[si];
      for (const HouseRange* r : {&s.left, &s.right}) {
        if (!r->valid()) continue;
        for (int64_t end : {r->from, r->to}) {
          if (std::llabs(end - n) < best) {
            best = std::llabs(end - n);
            bs = &s;
            bf = *range_fraction(*r, end);
          }
        }
      }
    }
    if (bs)
      found.push_back({point_at_fraction(bs->line, bf), m.score - kRangeGapPenalty, bs->id,
                       std::to_string(n) + " " + key,
                       street_how(m) + "; in a gap between ranges, placed at the nearest range end (" +
                           std::to_string(best) + " numbers away)",
                       m.street_id});
  }

  // 3. The block gazetteer.
  void in_gazetteer(const StreetMatch& m) {
    auto hit = index.gazetteer_.lookup(m.street_id, n);
    if (!hit) return;
    const int pen = hit->how == GazetteerHit::How::kExact          ? 0
                    : hit->how == GazetteerHit::How::kInterpolated ? kInterpolatedBlockPenalty
                                                                   : kNearestBlockPenalty;
    const std::string& key = index.matcher_.key(m.street_id);
    found.push_back({hit->point, m.score - pen,
                     "block:" + std::to_string(hit->lower_block) +
                         (hit->upper_block != hit->lower_block ? "-" + std::to_string(hit->upper_block) : "") + " " + key,
                     std::to_string(hit->block) + " BLOCK " + key, street_how(m) + "; gazetteer " + hit->describe(),
                     m.street_id});
  }

  // Nothing placed on this group: remember what its streets hold, for the reason.
  void note_unplaced(Group group) {
    for (size_t k = 0; k < group.size() && not_placed.size() < 300; ++k) {
      const uint32_t sid = group[k].street_id;
      std::string what = numbered_reference(sid);
      if (what.empty()) what = "no numbered reference";
      const std::string entry = "'" + index.matcher_.key(sid) + "' (" + what + ")";
      if (not_placed.find(entry) == std::string::npos) not_placed += (not_placed.empty() ? "" : "; ") + entry;
    }
  }

  // What a street holds for numbers: "ranges 100-2900, blocks 100-2800, 12 known blocks", "centrelines without
  // ranges", ..., or "" when nothing.
  std::string numbered_reference(uint32_t sid) const {
    std::string what;
    if (auto it = index.segments_of_street_.find(sid); it != index.segments_of_street_.end()) {
      int64_t lo = std::numeric_limits<int64_t>::max(), hi = -1;
      for (uint32_t si : it->second)
        for (const HouseRange* r : {&index.segments_[si].left, &index.segments_[si].right})
          if (r->valid()) {
            lo = std::min(lo, r->low());
            hi = std::max(hi, r->high());
          }
      what += hi >= 0 ? "ranges " + std::to_string(lo) + "-" + std::to_string(hi) : "centrelines without ranges";
    }
    if (std::string kb = index.gazetteer_.known_blocks(sid); !kb.empty())
      what += (what.empty() ? "" : ", ") + std::string("blocks ") + kb;
    return what;
  }
};

GeocodeResult GeocodeIndex::place_number(const ParsedAddress& a) const {
  NumberPlacement run(*this, a);
  std::vector<StreetMatch> cands;
  bool any_street = false;
  for (int pass = 0; pass < 2; ++pass) {
    StreetMatchOptions mo;
    mo.min_score = options_.min_score;
    mo.exhaustive = pass == 1;
    matcher_.match(a.street, mo, cands);
    if (cands.empty()) continue;
    any_street = true;
    // Candidates in groups of equal street score, best first; the first group that places the number wins.
    for (size_t g = 0; g < cands.size();) {
      size_t h = g;
      while (h < cands.size() && cands[h].score == cands[g].score) ++h;
      const NumberPlacement::Group group(cands.data() + g, h - g);
      if (const MatchType type = run.place_group(group); type != MatchType::kNone)
        return finish(std::move(run.found), type, "address");
      run.note_unplaced(group);
      g = h;
    }
  }
  GeocodeResult r;
  if (!any_street) {
    unplaced_street(a.street, r);
    return r;
  }
  r.reason_code = geocode_reason::kNumberNotInRange;
  r.reason = std::string(run.block ? "block " : "number ") + std::to_string(run.n) + " could not be placed on " +
             run.not_placed;
  return r;
}

GeocodeResult GeocodeIndex::place_intersection(const ParsedAddress& a) const {
  std::vector<StreetMatch> c0, c1;
  std::vector<Placement> found;
  const StreetName& s0 = a.street;
  const StreetName& s1 = a.cross.front();
  bool found0 = false, found1 = false;
  for (int pass = 0; pass < 2 && found.empty(); ++pass) {
    StreetMatchOptions mo;
    mo.min_score = options_.min_score;
    mo.exhaustive = pass == 1;
    mo.max_candidates = 64;
    matcher_.match(s0, mo, c0);
    matcher_.match(s1, mo, c1);
    found0 = found0 || !c0.empty();
    found1 = found1 || !c1.empty();
    std::unordered_map<uint32_t, size_t> by_entry;  // entry -> index in found
    for (const StreetMatch& x : c0) {
      for (const StreetMatch& y : c1) {
        if (x.street_id == y.street_id) continue;
        auto it = intersections_of_pair_.find(pair_key(x.street_id, y.street_id));
        if (it == intersections_of_pair_.end()) continue;
        const int score = std::min(x.score, y.score);
        for (uint32_t e : it->second) {
          const IntersectionEntry& ie = intersections_[e];
          std::string detail = std::string("streets: ") + x.how + " (" + matcher_.key(x.street_id) + "), " + y.how +
                               " (" + matcher_.key(y.street_id) + ")";
          auto [pos, inserted] = by_entry.emplace(e, found.size());
          if (inserted) found.push_back({ie.point, score, ie.id, ie.name, std::move(detail), x.street_id});
          else if (found[pos->second].score < score) found[pos->second] = {ie.point, score, ie.id, ie.name, std::move(detail), x.street_id};
        }
      }
    }
  }
  if (!found.empty()) return finish(std::move(found), MatchType::kIntersection, "intersection");
  GeocodeResult r;
  if (!found0 || !found1) {
    unplaced_street(found0 ? s1 : s0, r);
    return r;
  }
  r.reason_code = geocode_reason::kNoIntersection;
  r.reason = "'" + s0.key() + "' and '" + s1.key() + "' do not meet in the reference (no intersection point names both)";
  return r;
}

}  // namespace hotspot
