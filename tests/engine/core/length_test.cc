#include "engine/core/length.h"

#include <gtest/gtest.h>

namespace hotspot {
namespace {

// The definitions (NIST Handbook 44, Appendix C; 1959 agreement): international foot 0.3048 m exactly, US survey
// foot 1200/3937 m (1 m = 39.37 US inches), mile 5,280 international feet, kilometre 1,000 m.
TEST(LengthTest, UnitConstantsMatchTheirDefinitions) {
  EXPECT_DOUBLE_EQ(kInternationalFootM, 12 * 0.0254);
  EXPECT_DOUBLE_EQ(kUsSurveyFootM, 12.0 / 39.37);
  EXPECT_DOUBLE_EQ(kMileM, 5280 * 12 * 0.0254);
  EXPECT_DOUBLE_EQ(kKilometreM, 1e3);
  EXPECT_DOUBLE_EQ(kSquareMileM2, 2589988.110336);  // 640 acres of 4046.8564224 m2
  EXPECT_DOUBLE_EQ(kSquareKilometreM2, 1e6);
}

TEST(LengthTest, ParsedLengthsInMetresAndCrsUnits) {
  EXPECT_DOUBLE_EQ(Length::parse("0.5mi").in_metres(1.0), 804.672);
  EXPECT_DOUBLE_EQ(Length::parse("1.2 km").in_metres(1.0), 1200.0);
  EXPECT_DOUBLE_EQ(Length::parse("100intft").in_metres(1.0), 30.48);
  EXPECT_DOUBLE_EQ(Length::parse("3937usft").in_metres(1.0), 1200.0);
  // "ft" is the CRS's own foot in a foot CRS, the international foot in a metre CRS.
  EXPECT_DOUBLE_EQ(Length::parse("2000ft").in_crs_units(1200.0 / 3937.0), 2000.0);
  EXPECT_DOUBLE_EQ(Length::parse("2000ft").in_crs_units(1.0), 609.6);
  EXPECT_DOUBLE_EQ(Length::parse("1mi").in_crs_units(1200.0 / 3937.0), 5280.0 * 0.3048 * 3937.0 / 1200.0);
}

}  // namespace
}  // namespace hotspot
