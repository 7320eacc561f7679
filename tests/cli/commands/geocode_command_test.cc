#include "cli/commands/geocode_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/pipeline/errors.h"
#include "geo/read/csv_reader.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::charlotte;
using hotspot::testing::read_file;
using hotspot::testing::TempDir;

const char* kInput =
    "id,ADDR\n"
    "1,BEATTIES FORD RD & LASALLE ST\n"
    "2,CENTRAL AV / N SHARON AMITY RD\n"
    "3,NATIONS FORD RD & ARROWOOD RD\n"
    "4,\n"
    "5,SUGAR CREEK RD & I-85\n"
    "6,NOWHERE ST & ELSEWHERE AV\n"
    "7,7900 NATIONS FORD RD\n";

GeocodeCommandOptions options(const TempDir& d) {
  GeocodeCommandOptions o;
  o.input_path = d.write("in.csv", kInput);
  o.address_columns = {"ADDR"};
  o.references = {"intersections=" + charlotte("cdot_signals.csv") + "?intersection=UNITDESC"};
  o.analysis_crs = "EPSG:2264";
  o.output_path = d.file("out.csv");
  return o;
}

TEST(GeocodeCommandTest, ParsesReferenceSpecs) {
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

TEST(GeocodeCommandTest, PlacesRejectsAndSummarises) {
  TempDir d;
  const GeocodeCommandOptions o = options(d);
  std::ostringstream out, err;
  ASSERT_EQ(run_geocode(o, out, err), kExitOk);
  const std::string s = out.str();
  EXPECT_NE(s.find("placed:     4 of 7 (57.1 %)"), std::string::npos) << s;
  EXPECT_NE(s.find("intersection"), std::string::npos);
  EXPECT_NE(s.find("empty_address"), std::string::npos);
  EXPECT_NE(s.find("number_not_in_range"), std::string::npos) << s;  // 7900 NATIONS FORD RD: no numbered reference
  EXPECT_NE(err.str().find("below 85 %"), std::string::npos) << err.str();

  CsvReader placed(o.output_path);
  const int type = placed.column("match_type"), score = placed.column("match_score"), ties = placed.column("match_ties");
  ASSERT_GE(type, 0);
  std::vector<std::vector<std::string>> rows;
  while (auto r = placed.next()) rows.push_back(r->fields);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][static_cast<size_t>(type)], "intersection");
  EXPECT_EQ(rows[0][static_cast<size_t>(score)], "100");
  EXPECT_EQ(rows[3][0], "5");
  EXPECT_EQ(rows[3][static_cast<size_t>(ties)], "1");  // two ramp signals, centroid

  CsvReader rejects(d.file("out.rejects.csv"));
  const int reason_col = rejects.column("reason"), detail_col = rejects.column("detail");
  ASSERT_GE(reason_col, 0);
  ASSERT_GE(detail_col, 0);
  EXPECT_GE(rejects.column("source_row"), 0);
  int n = 0;
  std::string details;
  while (auto r = rejects.next()) {
    ++n;
    EXPECT_EQ(r->fields[static_cast<size_t>(reason_col)], "not_geocoded");
    details += r->fields[static_cast<size_t>(detail_col)] + "\n";
  }
  EXPECT_EQ(n, 3);
  EXPECT_NE(details.find("empty_address"), std::string::npos) << details;
  EXPECT_NE(details.find("NOWHERE ST"), std::string::npos) << details;

  // Existing outputs are refused without --overwrite (a usage error, exit 2, before any input is read), accepted
  // with it.
  std::ostringstream out2, err2;
  EXPECT_THROW(run_geocode(o, out2, err2), UsageError);
  GeocodeCommandOptions ow = o;
  ow.overwrite = true;
  ow.json = true;
  EXPECT_EQ(run_geocode(ow, out2, err2), kExitOk);
  EXPECT_NE(out2.str().find("\"match_rate\""), std::string::npos);
}

TEST(GeocodeCommandTest, GeoJsonOutputAndBadOptions) {
  TempDir d;
  GeocodeCommandOptions o = options(d);
  o.output_path = d.file("out.geojson");
  std::ostringstream out, err;
  ASSERT_EQ(run_geocode(o, out, err), kExitOk);
  const std::string gj = read_file(o.output_path);
  EXPECT_NE(gj.find("\"match_type\": \"intersection\""), std::string::npos) << gj.substr(0, 400);
  GeocodeCommandOptions bad = options(d);
  bad.output_path = d.file("x.csv");
  bad.address_columns = {"NO_SUCH"};
  EXPECT_THROW(run_geocode(bad, out, err), std::runtime_error);
  bad = options(d);
  bad.output_path = d.file("x.dat");
  EXPECT_THROW(run_geocode(bad, out, err), UsageError);
  // Nothing partial left behind by the failures.
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".partial"), std::string::npos) << e;
}

TEST(GeocodeCommandTest, CommandLine) {
  TempDir d;
  d.write("in.csv", kInput);
  const auto r = hotspot::testing::run_hotspot(
      "geocode " + d.file("in.csv") + " --address-col ADDR --reference 'intersections=" + charlotte("cdot_signals.csv") +
          "' --reference gazetteer=" + charlotte("cmpd_incidents_sample.csv") + " --hundred-blocks -o " + d.file("o.csv"),
      d);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("placed:     5 of 7"), std::string::npos) << r.out;
  const auto missing = hotspot::testing::run_hotspot("geocode " + d.file("in.csv") + " -o " + d.file("p.csv"), d);
  EXPECT_EQ(missing.code, kExitUsage);
}

}  // namespace
}  // namespace hotspot::cli
