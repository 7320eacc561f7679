#include "engine/geocode/address.h"

#include <gtest/gtest.h>

#include "engine/geocode/street_types.h"

namespace hotspot {
namespace {

TEST(StreetTypesTest, UspsAndLocalForms) {
  EXPECT_EQ(standard_street_type("AVENUE"), "AVE");
  EXPECT_EQ(standard_street_type("AVE"), "AVE");
  EXPECT_EQ(standard_street_type("AV"), "AVE");    // CMPD
  EXPECT_EQ(standard_street_type("BV"), "BLVD");   // CMPD
  EXPECT_EQ(standard_street_type("BOULEVARD"), "BLVD");
  EXPECT_EQ(standard_street_type("HY"), "HWY");
  EXPECT_EQ(standard_street_type("PY"), "PKWY");
  EXPECT_EQ(standard_street_type("PARKWAY"), "PKWY");
  EXPECT_EQ(standard_street_type("WY"), "WAY");
  EXPECT_EQ(standard_street_type("TL"), "TRL");
  EXPECT_EQ(standard_street_type("TR"), "TER");    // Charlotte: VALENCIA TR is Valencia Terrace
  EXPECT_EQ(standard_street_type("CR"), "CIR");
  EXPECT_EQ(standard_street_type("RA"), "RAMP");   // CDOT ramps
  EXPECT_EQ(standard_street_type("STREET"), "ST");
  EXPECT_EQ(standard_street_type("TRYON"), "");
  EXPECT_EQ(standard_directional("NORTHEAST"), "NE");
  EXPECT_EQ(standard_directional("W"), "W");
  EXPECT_EQ(standard_directional("WE"), "");
  EXPECT_EQ(standard_unit_designator("SUITE"), "STE");
  EXPECT_EQ(standard_unit_designator("APARTMENT"), "APT");
}

TEST(AddressTest, CmpdHundredBlock) {
  ParsedAddress a = parse_address("7900 NATIONS FORD RD");
  EXPECT_EQ(a.kind, AddressKind::kHouse);
  EXPECT_EQ(a.number, 7900);
  EXPECT_EQ(a.street.name, "NATIONS FORD");
  EXPECT_EQ(a.street.type, "RD");
  EXPECT_EQ(a.street.key(), "NATIONS FORD RD");

  AddressParseOptions o;
  o.hundreds_are_blocks = true;
  a = parse_address("7900 NATIONS FORD RD", o);
  EXPECT_EQ(a.kind, AddressKind::kBlock);
  EXPECT_EQ(a.number, 7900);
  a = parse_address("7912 NATIONS FORD RD", o);
  EXPECT_EQ(a.kind, AddressKind::kHouse);
}

TEST(AddressTest, BlockForms) {
  for (const char* text : {"1000 BLOCK OF N TRYON ST", "1000 block of North Tryon Street", "1000 BLK N TRYON ST",
                           "10XX N TRYON ST", "1000-BLK N. Tryon St."}) {
    SCOPED_TRACE(text);
    const ParsedAddress a = parse_address(text);
    EXPECT_EQ(a.kind, AddressKind::kBlock);
    EXPECT_EQ(a.number, 1000);
    EXPECT_EQ(a.street.pre_dir, "N");
    EXPECT_EQ(a.street.name, "TRYON");
    EXPECT_EQ(a.street.type, "ST");
    EXPECT_EQ(a.normalized(), "1000 BLOCK N TRYON ST");
  }
}

TEST(AddressTest, CaseAndPunctuationAndUnits) {
  ParsedAddress a = parse_address("  123 n. tryon st., apt #4 ");
  EXPECT_EQ(a.kind, AddressKind::kHouse);
  EXPECT_EQ(a.number, 123);
  EXPECT_EQ(a.street.key(), "N TRYON ST");
  EXPECT_EQ(a.unit, "APT # 4");
  a = parse_address("500 E Morehead Street Suite 200");
  EXPECT_EQ(a.street.key(), "E MOREHEAD ST");
  EXPECT_EQ(a.unit, "STE 200");
  a = parse_address("1600 O'Hara Dr #12");
  EXPECT_EQ(a.street.key(), "OHARA DR");
  EXPECT_EQ(a.unit, "# 12");
  a = parse_address("123A Main St");
  EXPECT_EQ(a.number, 123);
  a = parse_address("123-125 Main St");
  EXPECT_EQ(a.number, 123);
}

TEST(AddressTest, DirectionalsTypesAndEdgeNames) {
  EXPECT_EQ(parse_street_name("SOUTH BV").key(), "SOUTH BLVD");   // the name is SOUTH, not a directional
  EXPECT_EQ(parse_street_name("SHARON RD WEST").post_dir, "W");
  EXPECT_EQ(parse_street_name("SHARON RD WEST").key(), "SHARON RD W");
  EXPECT_EQ(parse_street_name("W SUGAR CREEK RD").pre_dir, "W");
  EXPECT_EQ(parse_street_name("CENTRAL AV").key(), "CENTRAL AVE");
  EXPECT_EQ(parse_street_name("Central Avenue").key(), "CENTRAL AVE");
  EXPECT_EQ(parse_street_name("PLAZA").key(), "PLAZA");
  EXPECT_EQ(parse_street_name("THE PLAZA").key(), "THE PLZ");
  EXPECT_EQ(parse_street_name("First Street").key(), "1ST ST");
  EXPECT_EQ(parse_street_name("E 1ST ST").key(), "E 1ST ST");
  EXPECT_EQ(parse_street_name("PARK RD").key(), "PARK RD");
  EXPECT_EQ(parse_street_name("Interstate 85").key(), "I-85");
  EXPECT_EQ(parse_street_name("I 85").key(), "I-85");
  EXPECT_EQ(parse_street_name("I85").key(), "I-85");
  const StreetName ramp = parse_street_name("S I-85 EXIT 41 RA");
  EXPECT_EQ(ramp.pre_dir, "S");
  EXPECT_EQ(ramp.name, "I-85 EXIT 41");
  EXPECT_EQ(ramp.type, "RAMP");
  EXPECT_EQ(street_from_parts("N", "TRYON", "STREET", "").key(), "N TRYON ST");
  EXPECT_EQ(street_from_parts("", "Sharon Amity", "Rd", "").key(), "SHARON AMITY RD");
}

TEST(AddressTest, Intersections) {
  for (const char* text : {"BEATTIES FORD RD & LASALLE ST", "BEATTIES FORD RD / LASALLE ST", "BEATTIES FORD RD AND LASALLE ST",
                           "Beatties Ford Rd at LaSalle St", "BEATTIES FORD RD_LASALLE ST", "BEATTIES FORD RD @ LASALLE ST",
                           "BEATTIES FORD RD&LASALLE ST"}) {
    SCOPED_TRACE(text);
    const ParsedAddress a = parse_address(text);
    ASSERT_EQ(a.kind, AddressKind::kIntersection);
    EXPECT_EQ(a.street.key(), "BEATTIES FORD RD");
    ASSERT_EQ(a.cross.size(), 1u);
    EXPECT_EQ(a.cross[0].key(), "LASALLE ST");
    EXPECT_EQ(a.normalized(), "BEATTIES FORD RD & LASALLE ST");
  }
  const ParsedAddress three = parse_address("E ARROWOOD RD_NATIONS FORD RD_W ARROWOOD RD");
  ASSERT_EQ(three.kind, AddressKind::kIntersection);
  ASSERT_EQ(three.cross.size(), 2u);
  EXPECT_EQ(three.cross[1].key(), "W ARROWOOD RD");
  const ParsedAddress central = parse_address("CENTRAL AV / N SHARON AMITY RD");
  EXPECT_EQ(central.street.key(), "CENTRAL AVE");
  EXPECT_EQ(central.cross[0].key(), "N SHARON AMITY RD");
}

TEST(AddressTest, BadInputGivesReasonsNotCrashes) {
  EXPECT_EQ(parse_address("").kind, AddressKind::kEmpty);
  EXPECT_EQ(parse_address("   ,,, ").kind, AddressKind::kEmpty);
  EXPECT_EQ(parse_address("&").kind, AddressKind::kUnparseable);
  EXPECT_EQ(parse_address("MAIN ST &").kind, AddressKind::kUnparseable);
  EXPECT_EQ(parse_address("1234").kind, AddressKind::kUnparseable);
  EXPECT_EQ(parse_address("12 34").kind, AddressKind::kUnparseable);
  EXPECT_EQ(parse_address("BLOCK OF MAIN").kind, AddressKind::kUnparseable);
  EXPECT_EQ(parse_address("MAIN ST").kind, AddressKind::kStreetOnly);
  EXPECT_FALSE(parse_address("MAIN ST").error.empty());
  EXPECT_EQ(parse_address("\xff\xfe garbage \x01").kind, AddressKind::kStreetOnly);
  EXPECT_EQ(parse_address("99999999999999999999 MAIN ST").kind, AddressKind::kStreetOnly);  // not a number we read
  EXPECT_EQ(parse_address("790XXXXXXXXXXXXXXXXX MAIN ST").kind, AddressKind::kStreetOnly);  // found by the fuzzer
  std::string long_text(100000, 'A');
  EXPECT_NO_THROW(parse_address(long_text));
}

// The normalised text reads back to itself (the address fuzzer checks this on any bytes); these are the
// counterexamples it found, with the reading each must have.
TEST(AddressTest, NormalisedFormReadsBackToItself) {
  struct Case {
    const char* text;
    bool hundreds_are_blocks;
    const char* normalized;
    AddressKind kind;
  };
  const Case cases[] = {
      // A number before an intersection street is dropped, and so is the number-like token it leaves in front.
      {"7 0XX XXXX & XXXXXXXXXX F", false, "XXXX & XXXXXXXXXX F", AddressKind::kIntersection},
      {"100 BLOCK OF 200 MAIN ST & ELM ST", false, "MAIN ST & ELM ST", AddressKind::kIntersection},
      // OF (and BLOCK, BLK) right after the number never start the street.
      {"000 OF N RYON", true, "0 BLOCK N RYON", AddressKind::kBlock},
      {"0 OF OF R", false, "0 R", AddressKind::kHouse},
      {"100 OF BLOCK MAIN ST", false, "100 BLOCK MAIN ST", AddressKind::kBlock},
      {"1000 BLOCK OF N TRYON ST", false, "1000 BLOCK N TRYON ST", AddressKind::kBlock},
  };
  for (const Case& c : cases) {
    AddressParseOptions o;
    o.hundreds_are_blocks = c.hundreds_are_blocks;
    const ParsedAddress a = parse_address(c.text, o);
    EXPECT_EQ(a.normalized(), c.normalized) << c.text;
    EXPECT_EQ(a.kind, c.kind) << c.text;
    const ParsedAddress again = parse_address(a.normalized(), o);
    EXPECT_EQ(again.normalized(), a.normalized()) << c.text;
    EXPECT_EQ(again.kind, a.kind) << c.text;
  }
}

}  // namespace
}  // namespace hotspot
