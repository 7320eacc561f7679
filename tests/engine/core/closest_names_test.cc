#include "engine/core/closest_names.h"

#include <gtest/gtest.h>

namespace hotspot {
namespace {

TEST(ClosestNamesTest, EditDistanceIgnoresCaseAndCountsEachEdit) {
  EXPECT_EQ(edit_distance_ignoring_case("", ""), 0u);
  EXPECT_EQ(edit_distance_ignoring_case("abc", ""), 3u);
  EXPECT_EQ(edit_distance_ignoring_case("Robbery", "ROBBERY"), 0u);
  EXPECT_EQ(edit_distance_ignoring_case("kitten", "sitting"), 3u);  // the textbook case: 2 substitutions, 1 insertion
  EXPECT_EQ(edit_distance_ignoring_case("Agravated Assault", "Aggravated Assault"), 1u);
}

TEST(ClosestNamesTest, SuggestsTyposAndPartsClosestFirst) {
  const std::vector<std::string> names = {"Simple Assault", "Aggravated Assault", "Robbery", "Burglary/B&E",
                                          "Theft From Motor Vehicle"};
  EXPECT_EQ(closest_names("Agravated Assault", names), (std::vector<std::string>{"Aggravated Assault"}));
  EXPECT_EQ(closest_names("assault", names), (std::vector<std::string>{"Simple Assault", "Aggravated Assault"}));
  EXPECT_EQ(closest_names("Robery", names), (std::vector<std::string>{"Robbery"}));
  EXPECT_TRUE(closest_names("Arson", names).empty());
  EXPECT_EQ(did_you_mean({"A", "B", "C"}), "did you mean 'A', 'B' or 'C'?");
  EXPECT_EQ(did_you_mean({"A"}), "did you mean 'A'?");
  EXPECT_EQ(did_you_mean({}), "");
}

}  // namespace
}  // namespace hotspot
