// House-number ranges on street centrelines, TIGER style, and placing a number on them.
//
// Conventions (as in Census TIGER/Line address ranges and Esri's dual-range locators):
//  - each side of a segment has a from/to range; "from" belongs to the segment's first vertex, "to" to its last, so a
//    range may run downwards (reversed range: from 198, to 100);
//  - left and right are as seen walking from the first vertex to the last;
//  - a side whose from and to share a parity holds only numbers of that parity (odd on one side, even on the other);
//  - a number is placed by linear interpolation of its position in the range along the line's length, then set off
//    perpendicular to its side by the offset (nothing when the segment has no length);
//  - a block ("1000 block") is placed at the middle, by length, of the pieces of line whose ranges cover it, with
//    no offset.
// Pure geometry on plain coordinates in the analysis CRS.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct XY {
  double x = 0.0;
  double y = 0.0;
};

struct HouseRange {
  int64_t from = -1;  // at the first vertex; -1 = no range on this side
  int64_t to = -1;    // at the last vertex
  bool valid() const { return from >= 0 && to >= 0; }
  int64_t low() const { return from < to ? from : to; }
  int64_t high() const { return from < to ? to : from; }
  bool contains(int64_t n) const { return valid() && n >= low() && n <= high(); }
  // from and to have the same parity, so the side holds only that parity.
  bool single_parity() const { return valid() && ((from - to) % 2 == 0); }
  bool parity_matches(int64_t n) const { return !single_parity() || ((n - from) % 2 == 0); }
};

struct RangedSegment {
  std::vector<XY> line;   // at least one vertex
  HouseRange left, right;
  std::string id;         // reference id (e.g. TLID, OBJECTID)
};

enum class StreetSide { kNone, kLeft, kRight };

double polyline_length(std::span<const XY> line);

// The point at `fraction` (0..1, clamped) of the line's length; `direction` gets the unit direction of the part of
// the line holding it ((0,0) for a line without length).
XY point_at_fraction(std::span<const XY> line, double fraction, XY* direction = nullptr);

// Position of n in the range: 0 at `from`, 1 at `to`; 0.5 when from == to; nullopt when n is outside.
std::optional<double> range_fraction(const HouseRange& range, int64_t n);

struct RangePlacement {
  XY point;
  StreetSide side = StreetSide::kNone;  // kNone: both sides hold the number (overlapping ranges), no offset
  double fraction = 0.0;                // along the line
  bool parity_ok = true;                // false: the number is in the range but of the other parity
};

// Places house number n on one segment, offset_crs to its side. nullopt when neither side's range holds n.
// Both sides hold n: the side whose parity matches wins; when both (or neither) match, the placement is on the
// line with side kNone.
std::optional<RangePlacement> place_on_segment(const RangedSegment& segment, int64_t n, double offset_crs);

// The middle of block [block_number, block_number + block_size - 1] over the given segments of one street, or nullopt
// when no range overlaps the block.
std::optional<XY> block_middle(std::span<const RangedSegment* const> segments, int64_t block_number,
                               int64_t block_size = 100);

}  // namespace hotspot
