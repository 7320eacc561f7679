// The bad-input corpus, part two: inputs in the forms other departments' exports arrive in (gzip, a zip archive,
// standard input, UTF-16 text) and dates in every common spelling, read by the real `hotspot` command with the exact
// outcome asserted: counts, reason codes, message text, exit code.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "geo/read/csv_reader.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::CommandRun;
using testing::TempDir;

std::string corpus(const std::string& name) { return testing::source_dir() + "/tests/bad_input/" + name; }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The same three incidents in every form: one robbery, one theft with an accented name, one burglary.
void expect_three_incidents(const CommandRun& r, const std::string& form) {
  EXPECT_EQ(r.code, 0) << form << ": " << r.err;
  EXPECT_TRUE(has(r.out, "records:   3 in, 3 accepted, 0 rejected")) << form << ": " << r.out;
  EXPECT_TRUE(has(r.out, "dates:     2024-03-05 .. 2024-03-06 (date)")) << form << ": " << r.out;
  EXPECT_TRUE(has(r.out, "Caf\xC3\xA9 theft")) << form << ": " << r.out;
}

TEST(BadInputFormatsTest, GzipZipStandardInputAndUtf16ReadTheSameRecords) {
  TempDir d;
  const std::string opts = " --crs EPSG:2264";
  expect_three_incidents(testing::run_hotspot("info " + corpus("gzipped.csv.gz") + opts, d), "gzip");
  expect_three_incidents(testing::run_hotspot("info " + corpus("one_csv.zip") + opts, d), "zip");
  expect_three_incidents(testing::run_hotspot("info " + corpus("one_csv.zip") + "/monthly/incidents_2024_03.csv" + opts, d),
                         "zip member");
  expect_three_incidents(testing::run_hotspot("info -" + opts, d, corpus("utf16le_bom.csv")), "standard input, UTF-16 LE");
  expect_three_incidents(testing::run_hotspot("info " + corpus("utf16be_bom.csv") + opts, d), "UTF-16 BE");
}

TEST(BadInputFormatsTest, ZipWithSeveralInputsAndUtf16WithoutAMarkAreClearErrors) {
  TempDir d;
  auto two = testing::run_hotspot("info " + corpus("two_csv.zip") + " --crs EPSG:2264", d);
  EXPECT_EQ(two.code, 1);
  EXPECT_TRUE(has(two.err, "two_csv.zip: the zip archive holds several inputs (a.csv, b.csv); name one as ")) << two.err;
  auto bare = testing::run_hotspot("info " + corpus("utf16_no_bom.csv") + " --crs EPSG:2264", d);
  EXPECT_EQ(bare.code, 1);
  EXPECT_TRUE(has(bare.err, "utf16_no_bom.csv: the text looks like UTF-16 LE without a byte-order mark")) << bare.err;
  auto rejects_of_stdin = testing::run_hotspot("info - --crs EPSG:2264 --rejects " + d.file("r.csv"), d, corpus("dates_formats.csv"));
  EXPECT_EQ(rejects_of_stdin.code, 0) << rejects_of_stdin.err;
  EXPECT_TRUE(has(testing::read_file(d.file("r.csv")), "\n-,8,unparseable_date,date,date 'March 5th' is not readable,"))
      << testing::read_file(d.file("r.csv"));
}

TEST(BadInputFormatsTest, EveryCommonDateSpellingIsReadAndAnUnreadableOneIsAReject) {
  TempDir d;
  const std::string rejects = d.file("rejects.csv");
  auto r = testing::run_hotspot("info " + corpus("dates_formats.csv") + " --crs EPSG:2264 --rejects " + rejects, d);
  EXPECT_EQ(r.code, 0) << r.err;
  // Rows 1-7 are seven spellings of dates in March 2024; row 8 "March 5th" is not a date; row 9 has none.
  EXPECT_TRUE(has(r.out, "records:   9 in, 8 accepted, 1 rejected")) << r.out;
  EXPECT_TRUE(has(r.out, "rejected unparseable_date        1")) << r.out;
  // Earliest: "2024-03" and "2024/03" (the month's first day); latest: 2024-03-05T20:15-05:00 = 2024-03-06 01:15 UTC.
  EXPECT_TRUE(has(r.out, "dates:     2024-03-01 .. 2024-03-06 (date)")) << r.out;
  EXPECT_TRUE(has(r.out, "1 accepted record(s) have no date in date")) << r.out;
  EXPECT_TRUE(has(testing::read_file(rejects), ",8,unparseable_date,date,date 'March 5th' is not readable,")) << testing::read_file(rejects);
  // A date filter: the undated row 9 is rejected too, saying why; rows 1-7 are all on or after March 1.
  auto filtered = testing::run_hotspot("info " + corpus("dates_formats.csv") + " --crs EPSG:2264 --date-from 2024-03-02 --rejects " +
                                           d.file("f.csv"), d);
  EXPECT_EQ(filtered.code, 0) << filtered.err;
  EXPECT_TRUE(has(filtered.out, "records:   9 in, 5 accepted, 4 rejected")) << filtered.out;
  EXPECT_TRUE(has(filtered.out, "rejected filtered_date           2")) << filtered.out;
  EXPECT_TRUE(has(filtered.out, "rejected unparseable_date        2")) << filtered.out;
  EXPECT_TRUE(has(testing::read_file(d.file("f.csv")), ",9,unparseable_date,date,\"no date, and a date filter is on\","));
}

TEST(BadInputFormatsTest, AMostlyUnreadableDateColumnIsAnErrorNamingExamples) {
  TempDir d;
  auto r = testing::run_hotspot("kde " + corpus("dates_unreadable.csv") + " --crs EPSG:2264 -o " + d.file("d.tif"), d);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.err, "dates_unreadable.csv: column date: 4 of 5 dates are not readable (e.g. '05.03.2024', '06.03.2024', "
                         "'07.03.2024'); hotspot reads ISO dates")) << r.err;
  EXPECT_TRUE(has(r.err, "name the date column with --date-col")) << r.err;
  EXPECT_EQ(d.entries().size(), 0u);
}

TEST(BadInputFormatsTest, AColumnOfWktPointsIsFoundAndItsBadValuesRejected) {
  TempDir d;
  const std::string rejects = d.file("rejects.csv");
  auto r = testing::run_hotspot("info " + corpus("wkt_points.csv") + " --crs EPSG:2264 --rejects " + rejects, d);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "records:   8 in, 4 accepted, 4 rejected")) << r.out;
  EXPECT_TRUE(has(r.out, "columns:   points=Location (WKT) date=date category=offense")) << r.out;
  EXPECT_TRUE(has(r.out, "source CRS EPSG:4326 (WGS 84 lon/lat: the WKT points of column Location are in that range)")) << r.out;
  const std::string rej = testing::read_file(rejects);
  EXPECT_TRUE(has(rej, ",5,missing_coordinate,Location,empty point,")) << rej;
  EXPECT_TRUE(has(rej, ",6,missing_coordinate,Location,empty point,")) << rej;
  EXPECT_TRUE(has(rej, ",7,not_a_point,Location,\"value 'LINESTRING (-80.8 35.2, -80.9 35.3)' is not a point\",")) << rej;
  EXPECT_TRUE(has(rej, ",8,unparseable_coordinate,Location,value '35.22 -80.84' is not a WKT POINT,")) << rej;
  // Named explicitly, the same column for x and y.
  auto named = testing::run_hotspot("info " + corpus("wkt_points.csv") + " --x-col location --y-col location --crs EPSG:2264", d);
  EXPECT_TRUE(has(named.out, "records:   8 in, 4 accepted, 4 rejected")) << named.out << named.err;
}

TEST(BadInputFormatsTest, NullAndNonPointGeometriesInALayerAreRejectsNotAFailure) {
  TempDir d;
  auto r = testing::run_hotspot("info " + corpus("null_geometry.geojson") + " --crs EPSG:2264 --rejects " + d.file("r.csv"), d);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "records:   4 in, 2 accepted, 2 rejected")) << r.out;
  const std::string rej = testing::read_file(d.file("r.csv"));
  EXPECT_TRUE(has(rej, ",2,missing_coordinate,(geometry),feature has no geometry,")) << rej;
  EXPECT_TRUE(has(rej, ",3,not_a_point,(geometry),geometry is not a point,")) << rej;
}

// A monthly export as departments publish it (tests/bad_input/monthly_export, made from the bundled CMPD sample by
// make_monthly_export.py): three files, one with its columns spelt differently and reordered and US dates, one
// gzip-compressed, with correction rows (COUNT -1), one that matches nothing and one unreadable date. The expected
// fates come from the script's construction (expected.json), not from hotspot.
TEST(BadInputFormatsTest, AMonthlyExportWithVariantHeadersAndCorrectionsIsReadEndToEnd) {
  TempDir d;
  const std::string dir = corpus("monthly_export/");
  const nlohmann::json want = nlohmann::json::parse(testing::read_file(dir + "expected.json"));
  const std::string inputs = dir + "2021_01.csv " + dir + "2021_02.csv " + dir + "2021_03.csv.gz --crs EPSG:2264 ";
  auto r = testing::run_hotspot("kde " + inputs + "--count-col COUNT --id-col INCIDENT_REPORT_ID -r 2000ft --cell-size 500ft -o " +
                                    d.file("d.tif") + " --rejects " + d.file("rejects.csv"),
                                d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.err, "2021_02.csv: header differs")) << r.err;
  CsvReader rejects(d.file("rejects.csv"));
  std::map<std::string, int64_t> by_reason;
  std::string first_cancelled;
  while (auto rec = rejects.next()) {
    ++by_reason[rec->fields[2]];
    if (rec->fields[2] == "cancelled" && first_cancelled.empty()) first_cancelled = rec->fields[0] + ":" + rec->fields[1] + " " + rec->fields[4];
  }
  int64_t rejected = 0;
  for (const auto& [code, n] : want["rejected"].items()) {
    EXPECT_EQ(by_reason[code], n.get<int64_t>()) << code;
    rejected += n.get<int64_t>();
  }
  EXPECT_EQ(static_cast<int64_t>(by_reason.size()), static_cast<int64_t>(want["rejected"].size()));
  const auto& fc = want["first_cancelled"];
  EXPECT_TRUE(has(first_cancelled, fc["file"].get<std::string>() + ":" + std::to_string(fc["row"].get<int>()) +
                                       " cancelled by the correction in row " + std::to_string(fc["by_row"].get<int>()) + " of " +
                                       dir + fc["by_file"].get<std::string>()))
      << first_cancelled;
  auto info = testing::run_hotspot("info " + inputs + "--count-col COUNT --id-col INCIDENT_REPORT_ID", d);
  EXPECT_TRUE(has(info.out, "records:   " + std::to_string(want["records_in"].get<int>()) + " in, " +
                                std::to_string(want["accepted"].get<int>()) + " accepted, " + std::to_string(rejected) + " rejected"))
      << info.out;
  EXPECT_TRUE(has(info.out, "netting:   5 record(s) cancelled by 5 row(s) with COUNT -1; 1 cancellation(s) matched no earlier "
                            "record; 0 row(s) with another count")) << info.out;
  // Without an id column netting cannot run: refused before reading.
  auto no_id = testing::run_hotspot("info " + inputs + "--count-col COUNT", d);
  EXPECT_EQ(no_id.code, 2);
  EXPECT_TRUE(has(no_id.err, "count_column (--count-col) nets corrections by incident id: give id_column (--id-col) too")) << no_id.err;
}

}  // namespace
}  // namespace hotspot
