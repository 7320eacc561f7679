#include "cli/pipeline/reference_spec.h"

#include <gtest/gtest.h>

namespace hotspot::cli {
namespace {

TEST(ReferenceSpecTest, Parses) {
  ReferenceSource s = parse_reference_spec("centrelines=data/streets.shp?street=FULLNAME&left_from=L_F_ADD&layer=roads&crs=EPSG:2264");
  EXPECT_EQ(s.kind, ReferenceKind::kCentrelines);
  EXPECT_EQ(s.path, "data/streets.shp");
  EXPECT_EQ(s.fields.at("street"), "FULLNAME");
  EXPECT_EQ(s.fields.at("left_from"), "L_F_ADD");
  EXPECT_EQ(s.layer, "roads");
  EXPECT_EQ(s.source_crs, "EPSG:2264");
  s = parse_reference_spec("data/signals.csv");
  EXPECT_EQ(s.kind, ReferenceKind::kAuto);
  EXPECT_EQ(s.path, "data/signals.csv");
  EXPECT_THROW(parse_reference_spec("pipes=x.csv"), std::invalid_argument);
  EXPECT_THROW(parse_reference_spec("x.csv?street"), std::invalid_argument);
  EXPECT_THROW(parse_reference_spec("gazetteer="), std::invalid_argument);
}

// The text written into manifests (and shown as the option's value) reads back to the same source.
TEST(ReferenceSpecTest, TextRoundTrips) {
  for (const std::string text : {"centrelines=data/streets.shp?layer=roads&crs=EPSG:2264&left_from=L_F_ADD&street=FULLNAME",
                                 "data/signals.csv", "intersections=/abs/cdot.csv?x=LON&y=LAT&intersection=UNITDESC"}) {
    const ReferenceSource a = parse_reference_spec(text);
    const std::string written = reference_spec_text(a);
    const ReferenceSource b = parse_reference_spec(written);
    EXPECT_EQ(b.kind, a.kind) << written;
    EXPECT_EQ(b.path, a.path) << written;
    EXPECT_EQ(b.layer, a.layer) << written;
    EXPECT_EQ(b.source_crs, a.source_crs) << written;
    EXPECT_EQ(b.x_column, a.x_column) << written;
    EXPECT_EQ(b.y_column, a.y_column) << written;
    EXPECT_EQ(b.fields, a.fields) << written;
  }
  EXPECT_EQ(reference_spec_text(parse_reference_spec("gazetteer=a.csv?location=LOC")), "gazetteer=a.csv?location=LOC");
}

}  // namespace
}  // namespace hotspot::cli
