#include "engine/geocode/range_interpolation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace hotspot {
namespace {

// A segment running east along y = 0 from x = 0 to x = 100 (left = north, right = south).
RangedSegment east(HouseRange left, HouseRange right) {
  RangedSegment s;
  s.line = {{0, 0}, {100, 0}};
  s.left = left;
  s.right = right;
  s.id = "east";
  return s;
}

TEST(RangeInterpolationTest, PointAtFractionOnABentLine) {
  const std::vector<XY> l = {{0, 0}, {30, 0}, {30, 40}};  // length 70
  EXPECT_DOUBLE_EQ(polyline_length(l), 70.0);
  XY dir;
  XY p = point_at_fraction(l, 0.5, &dir);  // 35 along: 5 up the second leg
  EXPECT_NEAR(p.x, 30.0, 1e-12);
  EXPECT_NEAR(p.y, 5.0, 1e-12);
  EXPECT_NEAR(dir.x, 0.0, 1e-12);
  EXPECT_NEAR(dir.y, 1.0, 1e-12);
  p = point_at_fraction(l, 0.0);
  EXPECT_EQ(p.x, 0.0);
  p = point_at_fraction(l, 1.0);
  EXPECT_NEAR(p.y, 40.0, 1e-12);
  p = point_at_fraction(l, 7.0);  // clamped
  EXPECT_NEAR(p.y, 40.0, 1e-12);
}

TEST(RangeInterpolationTest, OddLeftEvenRightWithOffset) {
  const RangedSegment s = east({101, 199}, {100, 198});
  auto p = place_on_segment(s, 151, 10.0);  // odd: left (north), (151-101)/98 of the way
  ASSERT_TRUE(p);
  EXPECT_EQ(p->side, StreetSide::kLeft);
  EXPECT_NEAR(p->point.x, 100.0 * 50.0 / 98.0, 1e-9);
  EXPECT_NEAR(p->point.y, 10.0, 1e-9);
  p = place_on_segment(s, 150, 10.0);  // even: right (south), (150-100)/98 of the way
  ASSERT_TRUE(p);
  EXPECT_EQ(p->side, StreetSide::kRight);
  EXPECT_NEAR(p->point.x, 100.0 * 50.0 / 98.0, 1e-9);
  EXPECT_NEAR(p->point.y, -10.0, 1e-9);
  EXPECT_TRUE(p->parity_ok);
  EXPECT_FALSE(place_on_segment(s, 99, 10.0));
  EXPECT_FALSE(place_on_segment(s, 200, 10.0));
}

TEST(RangeInterpolationTest, ReversedRangesRunBackwards) {
  // Numbers decrease along the digitised direction: 198 at the first vertex, 100 at the last.
  const RangedSegment s = east({199, 101}, {198, 100});
  auto p = place_on_segment(s, 124, 0.0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->side, StreetSide::kRight);
  EXPECT_NEAR(p->point.x, 100.0 * (198.0 - 124.0) / 98.0, 1e-9);
  EXPECT_NEAR(p->point.y, 0.0, 1e-12);
}

TEST(RangeInterpolationTest, SideIsRelativeToDigitisingDirection) {
  RangedSegment s = east({101, 199}, {100, 198});
  s.line = {{100, 0}, {0, 0}};  // now running west: left is south
  auto p = place_on_segment(s, 101, 5.0);
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->point.x, 100.0, 1e-9);
  EXPECT_NEAR(p->point.y, -5.0, 1e-9);
}

TEST(RangeInterpolationTest, OverlappingSidesAndParity) {
  // Both sides hold every number 100-200 (no parity split): placed on the line, side kNone.
  RangedSegment s = east({100, 200}, {101, 201});
  auto p = place_on_segment(s, 150, 10.0);
  ASSERT_TRUE(p);
  // left is single-parity even (100..200), right odd; 150 is even -> left wins.
  EXPECT_EQ(p->side, StreetSide::kLeft);
  s = east({100, 201}, {100, 201});  // mixed parity both sides
  p = place_on_segment(s, 150, 10.0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->side, StreetSide::kNone);
  EXPECT_NEAR(p->point.y, 0.0, 1e-12);
  // Number in range but of the other parity on the only side that has a range.
  s = east({101, 199}, {});
  p = place_on_segment(s, 150, 10.0);
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->parity_ok);
}

TEST(RangeInterpolationTest, ZeroLengthSegmentAndSingleNumberRange) {
  RangedSegment s;
  s.line = {{5, 5}, {5, 5}};
  s.left = {101, 199};
  auto p = place_on_segment(s, 151, 10.0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->point.x, 5.0);  // no direction, no offset
  EXPECT_EQ(p->point.y, 5.0);
  const RangedSegment one = east({105, 105}, {});
  p = place_on_segment(one, 105, 0.0);
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->point.x, 50.0, 1e-9);
}

TEST(RangeInterpolationTest, BlockMiddleAcrossSegments) {
  // Block 100 spans two segments: 100-148 on [0,100] and 150-198 on [100,300] (by length: 100 + 200).
  RangedSegment a = east({101, 149}, {100, 148});
  RangedSegment b;
  b.line = {{100, 0}, {300, 0}};
  b.left = {151, 199};
  b.right = {150, 198};
  RangedSegment other;  // another block
  other.line = {{300, 0}, {400, 0}};
  other.left = {201, 299};
  const RangedSegment* segs[] = {&b, &a, &other};
  auto m = block_middle(segs, 100);
  ASSERT_TRUE(m);
  EXPECT_NEAR(m->x, 150.0, 1e-9);  // half of 300 covered metres
  EXPECT_NEAR(m->y, 0.0, 1e-12);   // no offset
  const RangedSegment* single[] = {&a};
  m = block_middle(single, 100);
  ASSERT_TRUE(m);
  EXPECT_NEAR(m->x, 50.0, 1e-9);
  EXPECT_FALSE(block_middle(single, 500));
}

}  // namespace
}  // namespace hotspot
