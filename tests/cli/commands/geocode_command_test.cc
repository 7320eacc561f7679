#include "cli/commands/geocode_command.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "cli/pipeline/errors.h"
#include "cli/pipeline/reference_spec.h"
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
  o.ingest.input_path = d.write("in.csv", kInput);
  o.geocode.references.address_columns = {"ADDR"};
  o.geocode.references.references = {parse_reference_spec("intersections=" + charlotte("cdot_signals.csv") + "?intersection=UNITDESC")};
  o.ingest.analysis_crs = "EPSG:2264";
  o.geocode.output = d.file("out.csv");
  o.quiet = true;
  return o;
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

  CsvReader placed(o.geocode.output);
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
  ow.geocode.json = true;
  EXPECT_EQ(run_geocode(ow, out2, err2), kExitOk);
  EXPECT_NE(out2.str().find("\"match_rate\""), std::string::npos);
}

TEST(GeocodeCommandTest, GeoJsonOutputAndBadOptions) {
  TempDir d;
  GeocodeCommandOptions o = options(d);
  o.geocode.output = d.file("out.geojson");
  std::ostringstream out, err;
  ASSERT_EQ(run_geocode(o, out, err), kExitOk);
  const std::string gj = read_file(o.geocode.output);
  EXPECT_NE(gj.find("\"match_type\": \"intersection\""), std::string::npos) << gj.substr(0, 400);
  GeocodeCommandOptions bad = options(d);
  bad.geocode.output = d.file("x.csv");
  bad.geocode.references.address_columns = {"NO_SUCH"};
  EXPECT_THROW(run_geocode(bad, out, err), std::runtime_error);
  bad = options(d);
  bad.geocode.output = d.file("x.dat");
  EXPECT_THROW(run_geocode(bad, out, err), UsageError);
  // Nothing partial left behind by the failures.
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".partial"), std::string::npos) << e;
}

// --learn-blocks: the records with coordinates keep them (match_type "coordinates", their own x/y) and teach the
// block gazetteer; the records without are placed on the blocks learnt. A learnt block's point is the median of its
// records' coordinates, so a record placed on a block whose other records all kept their coordinates lies inside
// their bounding box (for every coordinate, a median lies between the smallest and largest value).
TEST(GeocodeCommandTest, LearnBlocksKeepsOwnCoordinatesAndPlacesTheRest) {
  TempDir d;
  CsvReader sample(charlotte("cmpd_incidents_sample.csv"));
  const int x_col = sample.column("X_COORD_PUBLIC"), y_col = sample.column("Y_COORD_PUBLIC");
  const int loc_col = sample.column("LOCATION"), id_col = sample.column("OBJECTID");
  ASSERT_TRUE(x_col >= 0 && y_col >= 0 && loc_col >= 0 && id_col >= 0);
  std::string csv = "OBJECTID,LOCATION,X_COORD_PUBLIC,Y_COORD_PUBLIC\n";
  struct Box { double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300; };
  std::map<std::string, Box> kept_by_location;
  std::map<std::string, std::string> blanked;  // OBJECTID -> LOCATION
  std::map<std::string, std::pair<std::string, std::string>> own;  // OBJECTID -> x, y as written
  int n = 0;
  while (auto r = sample.next()) {
    const auto& f = r->fields;
    const std::string id = f[static_cast<size_t>(id_col)], loc = f[static_cast<size_t>(loc_col)];
    const bool blank = n++ % 10 == 0;
    csv += id + ",\"" + loc + "\"," + (blank ? "," : f[static_cast<size_t>(x_col)] + "," + f[static_cast<size_t>(y_col)]) + "\n";
    if (blank) {
      blanked[id] = loc;
      continue;
    }
    own[id] = {f[static_cast<size_t>(x_col)], f[static_cast<size_t>(y_col)]};
    Box& b = kept_by_location[loc];
    const double x = std::stod(f[static_cast<size_t>(x_col)]), y = std::stod(f[static_cast<size_t>(y_col)]);
    b = {std::min(b.x0, x), std::min(b.y0, y), std::max(b.x1, x), std::max(b.y1, y)};
  }
  d.write("mixed.csv", csv);
  const auto r = hotspot::testing::run_hotspot(
      "geocode " + d.file("mixed.csv") + " --address-col LOCATION --learn-blocks --hundred-blocks --x-col X_COORD_PUBLIC "
      "--y-col Y_COORD_PUBLIC --source-crs EPSG:2264 --crs EPSG:2264 -q -o " + d.file("placed.csv"),
      d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("coordinates"), std::string::npos) << r.out;

  CsvReader placed(d.file("placed.csv"));
  const int p_id = placed.column("OBJECTID"), p_type = placed.column("match_type");
  const int p_x = placed.column("gc_x"), p_y = placed.column("gc_y");
  int written = 0, kept = 0, placed_on_known_block = 0;
  while (auto row = placed.next()) {
    ++written;
    const auto& f = row->fields;
    const std::string id = f[static_cast<size_t>(p_id)], type = f[static_cast<size_t>(p_type)];
    const double x = std::stod(f[static_cast<size_t>(p_x)]), y = std::stod(f[static_cast<size_t>(p_y)]);
    if (own.count(id)) {
      ++kept;
      EXPECT_EQ(type, "coordinates") << id;
      EXPECT_DOUBLE_EQ(x, std::stod(own[id].first)) << id;
      EXPECT_DOUBLE_EQ(y, std::stod(own[id].second)) << id;
      continue;
    }
    ASSERT_TRUE(blanked.count(id)) << id;
    EXPECT_NE(type, "coordinates") << id;
    const auto it = kept_by_location.find(blanked[id]);
    if (it == kept_by_location.end() || type != "block") continue;
    ++placed_on_known_block;
    const Box& b = it->second;
    EXPECT_TRUE(x >= b.x0 - 1e-6 && x <= b.x1 + 1e-6 && y >= b.y0 - 1e-6 && y <= b.y1 + 1e-6)
        << id << " " << blanked[id] << " at " << x << "," << y;
  }
  int rejected = 0;
  CsvReader rejects(d.file("placed.rejects.csv"));
  while (rejects.next()) ++rejected;
  EXPECT_EQ(written + rejected, n);  // nothing lost
  EXPECT_EQ(kept, static_cast<int>(own.size()));
  EXPECT_GT(placed_on_known_block, 0);
  std::printf("learn-blocks: %d records, %d kept their coordinates, %d placed on a block learnt from the others, %d rejected\n",
              n, kept, placed_on_known_block, rejected);
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
