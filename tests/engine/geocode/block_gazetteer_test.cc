#include "engine/geocode/block_gazetteer.h"

#include <gtest/gtest.h>

namespace hotspot {
namespace {

TEST(BlockGazetteerTest, MedianOfLearntPointsPerBlock) {
  BlockGazetteer g;
  g.add(7, 1000, {10, 10});
  g.add(7, 1012, {12, 10});   // same block (1000)
  g.add(7, 1099, {500, 500}); // a stray point: the median ignores it
  g.add(7, 1100, {20, 20});
  g.finalize();
  EXPECT_EQ(g.records(), 4);
  EXPECT_EQ(g.blocks(), 2u);
  auto h = g.lookup(7, 1050);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->how, GazetteerHit::How::kExact);
  EXPECT_EQ(h->point.x, 12.0);
  EXPECT_EQ(h->point.y, 10.0);
  EXPECT_EQ(h->records, 3);
  EXPECT_FALSE(g.lookup(8, 1000));  // unknown street
}

TEST(BlockGazetteerTest, InterpolatesBetweenKnownBlocksOfTheStreet) {
  BlockGazetteer g;
  g.add(1, 100, {0, 0});
  g.add(1, 500, {400, 800});
  g.add(2, 300, {-1000, -1000});  // another street: never used for street 1
  g.finalize();
  auto h = g.lookup(1, 250);  // block 200: a quarter of the way from 100 to 500
  ASSERT_TRUE(h);
  EXPECT_EQ(h->how, GazetteerHit::How::kInterpolated);
  EXPECT_EQ(h->block, 200);
  EXPECT_EQ(h->lower_block, 100);
  EXPECT_EQ(h->upper_block, 500);
  EXPECT_NEAR(h->point.x, 100.0, 1e-9);
  EXPECT_NEAR(h->point.y, 200.0, 1e-9);
  EXPECT_NE(h->describe().find("interpolated"), std::string::npos);
}

TEST(BlockGazetteerTest, ExtrapolatesOnlyOneBlockAndRespectsTheSpan) {
  GazetteerOptions o;
  o.max_interpolation_span = 1000;
  o.max_extrapolation = 100;
  BlockGazetteer g(o);
  g.add(1, 100, {0, 0});
  g.add(1, 5000, {100, 100});
  g.finalize();
  auto h = g.lookup(1, 200);  // span 100..5000 too wide; 200 is one block beyond 100
  ASSERT_TRUE(h);
  EXPECT_EQ(h->how, GazetteerHit::How::kNearestBlock);
  EXPECT_EQ(h->lower_block, 100);
  EXPECT_FALSE(g.lookup(1, 2500));   // in a wide gap
  EXPECT_FALSE(g.lookup(1, 5200));   // two blocks beyond the last
  EXPECT_TRUE(g.lookup(1, 5100));
  EXPECT_FALSE(g.lookup(1, -5));
  EXPECT_EQ(g.known_blocks(1), "100-5000, 2 known blocks");
  EXPECT_EQ(g.known_blocks(9), "");
}

}  // namespace
}  // namespace hotspot
