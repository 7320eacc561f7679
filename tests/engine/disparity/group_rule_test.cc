#include "engine/disparity/group_rule.h"

#include <gtest/gtest.h>

#include "engine/disparity/value_bands.h"

namespace hotspot {
namespace {

TEST(GroupRuleTest, HispanicEthnicityOverridesRaceOnlyWhenAsked) {
  EXPECT_EQ(driver_group("White", "Hispanic", GroupRule::kHispanicFirst), "Hispanic");
  EXPECT_EQ(driver_group("Black ", " hispanic", GroupRule::kHispanicFirst), "Hispanic");
  EXPECT_EQ(driver_group("Black", "Non-Hispanic", GroupRule::kHispanicFirst), "Black");
  EXPECT_EQ(driver_group(" White  ", "Hispanic", GroupRule::kRaceOnly), "White");
  EXPECT_EQ(driver_group("Asian", "H", GroupRule::kHispanicFirst, "H"), "Hispanic");
}

TEST(ValueBandsTest, EdgesFallInTheUpperBand) {
  EXPECT_EQ(age_band("17"), "under 18");
  EXPECT_EQ(age_band("18"), "18-24");
  EXPECT_EQ(age_band(" 25 "), "25-34");
  EXPECT_EQ(age_band("64"), "55-64");
  EXPECT_EQ(age_band("65"), "65+");
  EXPECT_EQ(age_band("\\N"), "");
  EXPECT_EQ(age_band("-3"), "");
  EXPECT_EQ(experience_band("2"), "0-2");
  EXPECT_EQ(experience_band("3"), "3-5");
  EXPECT_EQ(experience_band("10"), "6-10");
  EXPECT_EQ(experience_band("11"), "11-20");
  EXPECT_EQ(experience_band("21"), "21+");
  EXPECT_EQ(experience_band("x"), "");
}

}  // namespace
}  // namespace hotspot
