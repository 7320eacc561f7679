#include "engine/geocode/geocode_index.h"

#include <gtest/gtest.h>

#include <cmath>

namespace hotspot {
namespace {

RangedSegment seg(std::vector<XY> line, HouseRange left, HouseRange right, std::string id) {
  RangedSegment s;
  s.line = std::move(line);
  s.left = left;
  s.right = right;
  s.id = std::move(id);
  return s;
}

// A small synthetic network (units: metres):
//   MAIN ST runs east along y = 0: 100-199 on x 0..100, 200-299 on x 100..200, then a gap (300-399 has no
//   segment), 400-499 on x 200..300 and a zero-length segment at x = 300 holding 500-502.
//   OAK AVE runs along x = 100 from y = 100 down to y = -100, numbered upwards from the south (a reversed
//   digitisation: from = 298 at the first, northern vertex).
//   Odd numbers on the left of MAIN ST (north), even on the right.
GeocodeIndex network() {
  GeocodeOptions o;
  o.side_offset_crs = 10.0;
  o.tie_cluster_crs = 300.0;
  GeocodeIndex g(o);
  const StreetName main = parse_street_name("MAIN ST"), oak = parse_street_name("OAK AVE");
  g.add_segment(main, seg({{0, 0}, {100, 0}}, {101, 199}, {100, 198}, "m1"));
  g.add_segment(main, seg({{100, 0}, {200, 0}}, {201, 299}, {200, 298}, "m2"));
  g.add_segment(main, seg({{200, 0}, {300, 0}}, {401, 499}, {400, 498}, "m3"));
  g.add_segment(main, seg({{300, 0}, {300, 0}}, {501, 501}, {500, 502}, "m4"));
  g.add_segment(oak, seg({{100, 100}, {100, -100}}, {299, 101}, {298, 100}, "o1"));
  g.add_address_point(main, 150, {55, -12}, "ap150");
  g.add_intersection({main, oak}, {100, 0}, "sig-main-oak");
  // Two far-apart ELM ST & MAIN ST crossings (a loop street): ambiguous.
  g.add_intersection({parse_street_name("ELM ST"), main}, {0, 0}, "elm-w");
  g.add_intersection({parse_street_name("ELM ST"), main}, {2000, 0}, "elm-e");
  // An interchange: two ramp signals 160 m apart on W SUGAR CREEK RD.
  g.add_intersection({parse_street_name("S I-85 EXIT 41 RA"), parse_street_name("W SUGAR CREEK RD")}, {5000, 5080}, "ramp-s");
  g.add_intersection({parse_street_name("N I-85 EXIT 41 RA"), parse_street_name("W SUGAR CREEK RD")}, {5000, 4920}, "ramp-n");
  // A three-street signal name.
  g.add_intersection({parse_street_name("E ARROWOOD RD"), parse_street_name("NATIONS FORD RD"), parse_street_name("W ARROWOOD RD")},
                     {7000, 7000}, "arrowood");
  // Gazetteer-only street.
  const StreetName cedar = parse_street_name("CEDAR LN");
  g.add_known_block(cedar, 100, {1000, 1000});
  g.add_known_block(cedar, 150, {1000, 1002});
  g.add_known_block(cedar, 500, {1400, 1000});
  g.finalize();
  return g;
}

TEST(GeocodeIndexTest, AddressPointBeatsRange) {
  const GeocodeIndex g = network();
  GeocodeResult r = g.geocode("150 Main Street");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.type, MatchType::kAddressPoint);
  EXPECT_EQ(r.ref_id, "ap150");
  EXPECT_EQ(r.score, 100);
  EXPECT_EQ(r.point.x, 55.0);
}

TEST(GeocodeIndexTest, RangeInterpolationWithSideOffset) {
  const GeocodeIndex g = network();
  GeocodeResult r = g.geocode("251 MAIN ST");  // odd: north side of m2, (251-201)/98 of the way
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.type, MatchType::kRange);
  EXPECT_EQ(r.ref_id, "m2");
  EXPECT_NEAR(r.point.x, 100.0 + 100.0 * 50.0 / 98.0, 1e-9);
  EXPECT_NEAR(r.point.y, 10.0, 1e-9);
  EXPECT_EQ(r.score, 100);
  r = g.geocode("200 OAK AV");  // reversed digitisation: 298 at y=100, 100 at y=-100; even on the right (west)
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.ref_id, "o1");
  EXPECT_NEAR(r.point.y, 100.0 - 200.0 * (298.0 - 200.0) / 198.0, 1e-9);
  EXPECT_NEAR(r.point.x, 100.0 - 10.0, 1e-9);
}

TEST(GeocodeIndexTest, GapsZeroLengthAndOutOfRange) {
  const GeocodeIndex g = network();
  GeocodeResult r = g.geocode("305 MAIN ST");  // gap 300-399: nearest range end 299/298 within 20 numbers
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.type, MatchType::kRange);
  EXPECT_LT(r.score, 100);
  EXPECT_NEAR(r.point.x, 200.0, 1e-9);
  r = g.geocode("350 MAIN ST");  // deep in the gap
  EXPECT_FALSE(r.placed());
  EXPECT_STREQ(r.reason_code, geocode_reason::kNumberNotInRange);
  EXPECT_NE(r.reason.find("ranges 100-502"), std::string::npos) << r.reason;
  r = g.geocode("502 MAIN ST");  // zero-length segment
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.point.x, 300.0);
  EXPECT_EQ(r.point.y, 0.0);
  r = g.geocode("99999 MAIN ST");
  EXPECT_FALSE(r.placed());
  EXPECT_STREQ(r.reason_code, geocode_reason::kNumberNotInRange);
}

TEST(GeocodeIndexTest, BlocksAtTheBlockMiddleWithoutOffset) {
  const GeocodeIndex g = network();
  GeocodeResult r = g.geocode("200 BLOCK OF MAIN ST");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.type, MatchType::kBlock);
  EXPECT_NEAR(r.point.x, 150.0, 1e-9);
  EXPECT_EQ(r.point.y, 0.0);
}

TEST(GeocodeIndexTest, GazetteerExactAndInterpolated) {
  const GeocodeIndex g = network();
  GeocodeResult r = g.geocode("100 BLOCK CEDAR LN");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.type, MatchType::kBlock);
  EXPECT_EQ(r.score, 100);
  EXPECT_EQ(r.point.x, 1000.0);
  EXPECT_EQ(r.point.y, 1001.0);  // median of 1000 and 1002
  r = g.geocode("300 CEDAR LN");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_NEAR(r.point.x, 1200.0, 1e-9);
  EXPECT_EQ(r.score, 95);
  EXPECT_NE(r.detail.find("interpolated"), std::string::npos);
}

TEST(GeocodeIndexTest, IntersectionsTiesAndAmbiguity) {
  const GeocodeIndex g = network();
  GeocodeResult r = g.geocode("MAIN ST & OAK AVE");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.type, MatchType::kIntersection);
  EXPECT_EQ(r.ref_id, "sig-main-oak");
  EXPECT_EQ(r.score, 100);
  r = g.geocode("Oak Av / Main");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.score, 95);
  // Two ramp signals tie: placed at their centroid, tie reported.
  r = g.geocode("SUGAR CREEK RD & I-85");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.ties, 1);
  EXPECT_NEAR(r.point.x, 5000.0, 1e-9);
  EXPECT_NEAR(r.point.y, 5000.0, 1e-9);
  EXPECT_NE(r.ref_id.find("ramp-s"), std::string::npos);
  EXPECT_NE(r.ref_id.find("ramp-n"), std::string::npos);
  // Three-street name, queried with two streets without directionals.
  r = g.geocode("NATIONS FORD RD & ARROWOOD RD");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.ref_id, "arrowood");
  EXPECT_EQ(r.ties, 0);
  // Far-apart ties: rejected as ambiguous, never guessed.
  r = g.geocode("ELM ST & MAIN ST");
  EXPECT_FALSE(r.placed());
  EXPECT_STREQ(r.reason_code, geocode_reason::kAmbiguous);
  EXPECT_EQ(r.ties, 1);
  r = g.geocode("OAK AVE & CEDAR LN");
  EXPECT_FALSE(r.placed());
  EXPECT_STREQ(r.reason_code, geocode_reason::kNoIntersection);
}

TEST(GeocodeIndexTest, ReasonsForBadInput) {
  const GeocodeIndex g = network();
  EXPECT_STREQ(g.geocode("").reason_code, geocode_reason::kEmpty);
  EXPECT_STREQ(g.geocode("&&&").reason_code, geocode_reason::kUnparseable);
  EXPECT_STREQ(g.geocode("MAIN ST").reason_code, geocode_reason::kNoNumber);
  EXPECT_STREQ(g.geocode("100 NOWHERE BLVD").reason_code, geocode_reason::kStreetNotFound);
  // Misspelt: tolerant match placed with a lower score.
  GeocodeResult r = g.geocode("251 MIAN ST");
  ASSERT_TRUE(r.placed()) << r.reason;
  EXPECT_EQ(r.score, 88);
  // Wrong directional is too far: below the minimum score, with the closest street named.
  r = g.geocode("251 S MAIN ST");
  ASSERT_TRUE(r.placed());  // query-only directional: -8
  EXPECT_EQ(r.score, 92);
  GeocodeIndex g2 = network();
  g2.options().min_score = 95;
  r = g2.geocode("251 MIAN ST");
  EXPECT_FALSE(r.placed());
  EXPECT_STREQ(r.reason_code, geocode_reason::kBelowMinScore);
  EXPECT_NE(r.reason.find("MAIN ST"), std::string::npos) << r.reason;
}

TEST(GeocodeIndexTest, ReverseLookupNearestNamedIntersection) {
  const GeocodeIndex g = network();
  auto n = g.nearest_intersection(110, 5);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->name, "MAIN ST & OAK AVE");
  EXPECT_NEAR(n->distance_crs, std::hypot(10.0, 5.0), 1e-9);
  n = g.nearest_intersection(6990, 7010);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->name, "E ARROWOOD RD & NATIONS FORD RD & W ARROWOOD RD");
  EXPECT_FALSE(GeocodeIndex().nearest_intersection(0, 0));
}

}  // namespace
}  // namespace hotspot
