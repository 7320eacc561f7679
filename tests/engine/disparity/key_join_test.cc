#include "engine/disparity/key_join.h"

#include <gtest/gtest.h>

#include <random>

namespace hotspot {
namespace {

TEST(KeyJoinTest, MatchesIgnoringCaseAndSpacesAndReportsEveryMiss) {
  const std::vector<std::string> parents = {"7307", " 7699", "a12", "7307", ""};
  const std::vector<std::string> children = {"7307", "A12 ", "9999", "", "7699", "7307"};
  const KeyJoin j = join_by_key(parents, children);
  EXPECT_EQ(j.parent_of, (std::vector<int64_t>{0, 2, -1, -1, 1, 0}));
  EXPECT_EQ(j.child_reason, (std::vector<std::string>{"", "", "no_such_parent", "empty_key", "", ""}));
  EXPECT_EQ(j.children_of, (std::vector<int64_t>{2, 1, 1, 0, 0}));
  EXPECT_EQ(j.duplicate_parents, (std::vector<size_t>{3}));
  EXPECT_EQ(j.empty_parent_keys, (std::vector<size_t>{4}));
  EXPECT_EQ(j.matched, 4u);
  EXPECT_EQ(j.unmatched, 2u);
}

// Against a nested-loop join on random keys: the first parent with an equal normalised key, every child accounted.
TEST(KeyJoinTest, EqualsANestedLoopJoin) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> key(0, 30);
  std::vector<std::string> parents, children;
  for (int i = 0; i < 40; ++i) parents.push_back(std::to_string(key(rng)));
  for (int i = 0; i < 200; ++i) children.push_back((i % 3 ? " " : "") + std::to_string(key(rng) + 5));
  const KeyJoin j = join_by_key(parents, children);
  for (size_t c = 0; c < children.size(); ++c) {
    int64_t expected = -1;
    for (size_t p = 0; p < parents.size() && expected < 0; ++p)
      if (normalise_key(parents[p]) == normalise_key(children[c])) expected = static_cast<int64_t>(p);
    EXPECT_EQ(j.parent_of[c], expected) << c;
  }
  EXPECT_EQ(j.matched + j.unmatched, children.size());
}

}  // namespace
}  // namespace hotspot
