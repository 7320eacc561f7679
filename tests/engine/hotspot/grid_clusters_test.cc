#include "engine/hotspot/grid_clusters.h"

#include <gtest/gtest.h>

namespace hotspot {
namespace {

std::vector<bool> mask(const std::vector<std::string>& rows) {
  std::vector<bool> m;
  for (const auto& r : rows)
    for (char c : r) m.push_back(c == '#');
  return m;
}

TEST(GridClustersTest, QueenContiguityJoinsDiagonals) {
  // Two clusters: a diagonal chain (joined by corners) and a separate block; a lone cell is its own cluster.
  const auto m = mask({"#....",
                       ".#..#",
                       "..#..",
                       ".....",
                       "##..#"});
  auto cl = find_grid_clusters(m, 5, 5);
  ASSERT_EQ(cl.size(), 4u);
  EXPECT_EQ(cl[0].cells, (std::vector<int64_t>{0, 6, 12}));
  EXPECT_EQ(cl[1].cells, (std::vector<int64_t>{9}));
  EXPECT_EQ(cl[2].cells, (std::vector<int64_t>{20, 21}));
  EXPECT_EQ(cl[3].cells, (std::vector<int64_t>{24}));
}

TEST(GridClustersTest, EmptyAndFullMasks) {
  EXPECT_TRUE(find_grid_clusters(std::vector<bool>(12, false), 3, 4).empty());
  auto full = find_grid_clusters(std::vector<bool>(12, true), 3, 4);
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].cells.size(), 12u);
  EXPECT_THROW(find_grid_clusters(std::vector<bool>(5, true), 3, 4), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
