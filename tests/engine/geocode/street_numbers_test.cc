#include "engine/geocode/street_numbers.h"

#include <gtest/gtest.h>

#include "engine/geocode/address.h"

namespace hotspot {
namespace {

using Numbers = std::vector<std::string>;

TEST(StreetNumbersTest, OrdinalsAndPlainNumbersStandForTheirValue) {
  EXPECT_EQ(street_name_numbers("16TH"), Numbers{"16"});
  EXPECT_EQ(street_name_numbers("16"), Numbers{"16"});
  EXPECT_EQ(street_name_numbers("016"), Numbers{"16"});
  EXPECT_EQ(street_name_numbers("1ST"), Numbers{"1"});
  EXPECT_EQ(street_name_numbers("22ND"), Numbers{"22"});
  EXPECT_EQ(street_name_numbers("3RD"), Numbers{"3"});
  EXPECT_EQ(street_name_numbers("0"), Numbers{"0"});
  // The address parser turns spelled-out ordinals into digits before any matching.
  EXPECT_EQ(street_name_numbers(parse_street_name("E SIXTEENTH ST").name), Numbers{"16"});
}

TEST(StreetNumbersTest, OtherTokensWithDigitsStandForThemselves) {
  EXPECT_EQ(street_name_numbers("I-85 EXIT 41"), (Numbers{"I-85", "41"}));
  EXPECT_EQ(street_name_numbers("I-77 EXIT 10B"), (Numbers{"I-77", "10B"}));
  EXPECT_EQ(street_name_numbers("US 29"), Numbers{"29"});
  EXPECT_EQ(street_name_numbers("3RD-4TH CONNECTOR"), Numbers{"3RD-4TH"});
  EXPECT_EQ(street_name_numbers("16THS"), Numbers{"16THS"});  // not an ordinal ending
  EXPECT_TRUE(street_name_numbers("BEATTIES FORD").empty());
  EXPECT_TRUE(street_name_numbers("").empty());
}

TEST(StreetNumbersTest, NumberFormKeepsWordsAndWritesNumbersAsValues) {
  EXPECT_EQ(street_name_number_form("16TH"), "16");
  EXPECT_EQ(street_name_number_form("US 029"), "US 29");
  EXPECT_EQ(street_name_number_form("I-85 EXIT 41"), "I-85 EXIT 41");
  EXPECT_EQ(street_name_number_form("BEATTIES FORD"), "BEATTIES FORD");
  EXPECT_EQ(street_name_number_form("16TH"), street_name_number_form("16"));
  EXPECT_NE(street_name_number_form("16TH"), street_name_number_form("15TH"));
  EXPECT_TRUE(street_name_has_number("I-85"));
  EXPECT_FALSE(street_name_has_number("TRYON"));
}

}  // namespace
}  // namespace hotspot
