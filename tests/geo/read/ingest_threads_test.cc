// Reading CSV text on several threads gives the records, rejects and accounting of one thread, byte for byte, on a
// file whose quoted fields hold line ends (so chunk cuts fall inside records), with malformed and rejected rows and
// a resolver; and the rejects' fields read again from the file are the fields read the first time.
#include <gtest/gtest.h>

#include <sstream>

#include "geo/read/ingest.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

// Places a record from its "addr" column, "X Y" in the analysis CRS; an empty one is not placed.
class AddrResolver : public CoordinateResolver {
 public:
  void prepare(const std::vector<std::string>& header, const Crs&) override {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == "addr") col_ = i;
  }
  std::optional<Point> resolve(const std::vector<std::string>& fields, std::string& why) override {
    std::istringstream in(fields[col_]);
    double x = 0, y = 0;
    if (!(in >> x >> y)) {
      why = "no address";
      return std::nullopt;
    }
    return Point{x, y, 1.0};
  }

 private:
  size_t col_ = 0;
};

// About 900 KB: multi-line quoted notes on most rows, CR LF on some, and bad rows of every kind.
std::string messy_csv() {
  std::string s = "id,x,y,date,category,addr,note\n";
  for (int i = 1; i <= 9000; ++i) {
    const std::string id = std::to_string(i);
    const std::string x = i % 97 == 0 ? "abc" : i % 53 == 0 ? "" : std::to_string(1450000 + (i * 37) % 20000);
    const std::string y = std::to_string(540000 + (i * 91) % 20000);
    const std::string date = i % 71 == 0 ? "not a date" : "2023-" + std::to_string(1 + i % 12) + "-0" + std::to_string(1 + i % 9);
    const std::string cat = i % 3 == 0 ? "\"Burglary, B&E\"" : i % 3 == 1 ? "Theft" : "Assault";
    const std::string addr = i % 106 == 0 ? "" : "1451000 541000";
    std::string note = "\"first line of a long note about row " + id + "\nsecond line, \"\"quoted\"\"\r\nthird line\"";
    if (i % 7 == 0) note = "plain note " + id;
    if (i % 131 == 0) note = "\"closed\"then text";
    std::string row = id + "," + x + "," + y + "," + date + "," + cat + "," + addr + "," + note;
    if (i % 89 == 0) row += ",extra";
    if (i % 61 == 0) row += "\xE9";  // a Latin-1 byte
    s += row + (i % 5 == 0 ? "\r\n" : "\n");
    if (i % 400 == 0) s += "\n";  // a blank line
  }
  return s + "9001,1450000,540000,2023-01-01,Theft,,\"unterminated\nnote";
}

void expect_same(const IngestResult& a, const IngestResult& b) {
  ASSERT_EQ(a.records.size(), b.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) {
    const IngestedRecord &p = a.records[i], &q = b.records[i];
    EXPECT_EQ(p.source_row, q.source_row);
    EXPECT_EQ(p.source_file, q.source_file);
    EXPECT_EQ(p.point.x, q.point.x);
    EXPECT_EQ(p.point.y, q.point.y);
    EXPECT_EQ(p.lon, q.lon);
    EXPECT_EQ(p.lat, q.lat);
    EXPECT_EQ(p.time_ms, q.time_ms);
    EXPECT_EQ(p.category, q.category);
    EXPECT_EQ(p.resolution, q.resolution);
    EXPECT_EQ(p.fields, q.fields);
  }
  ASSERT_EQ(a.rejects.size(), b.rejects.size());
  for (size_t i = 0; i < a.rejects.size(); ++i) {
    const RejectedRecord &p = a.rejects[i], &q = b.rejects[i];
    EXPECT_EQ(p.source_row, q.source_row);
    EXPECT_EQ(p.reason, q.reason);
    EXPECT_EQ(p.column, q.column);
    EXPECT_EQ(p.detail, q.detail);
    EXPECT_EQ(p.fields, q.fields) << "reject of row " << p.source_row;
  }
  EXPECT_EQ(a.accounting.summary(), b.accounting.summary());
  EXPECT_EQ(a.warnings, b.warnings);
}

IngestOptions messy_options(const std::string& path, int threads) {
  IngestOptions o;
  o.input_path = path;
  o.x_column = "x";
  o.y_column = "y";
  o.date_column = "date";
  o.category_column = "category";
  o.source_crs = "EPSG:2264";
  o.analysis_crs = "EPSG:2264";
  o.kept_columns = {"note"};
  o.threads = threads;
  return o;
}

TEST(IngestThreadsTest, OneTwoAndFourThreadsGiveTheSameResult) {
  TempDir d;
  const std::string path = d.write("messy.csv", messy_csv());
  const IngestResult one = ingest(messy_options(path, 1));
  ASSERT_GT(one.records.size(), 7000u);
  ASSERT_GT(one.rejects.size(), 300u);
  for (const int threads : {2, 4}) {
    SCOPED_TRACE(threads);
    expect_same(one, ingest(messy_options(path, threads)));
  }
  // The unterminated quote at the end, a malformed row whose fields are kept as read.
  ASSERT_FALSE(one.rejects.empty());
  EXPECT_EQ(one.rejects.back().reason, "malformed_row");
  EXPECT_NE(one.rejects.back().detail.find("unterminated quoted field"), std::string::npos);
}

TEST(IngestThreadsTest, ResolverRunsGiveTheSameResultForAnyThreadCount) {
  TempDir d;
  const std::string path = d.write("messy.csv", messy_csv());
  AddrResolver r1, r2, r4;
  const IngestResult one = ingest(messy_options(path, 1), nullptr, &r1);
  size_t resolved = 0;
  for (const IngestedRecord& rec : one.records) resolved += rec.resolved;
  EXPECT_GT(resolved, 50u);
  expect_same(one, ingest(messy_options(path, 2), nullptr, &r2));
  expect_same(one, ingest(messy_options(path, 4), nullptr, &r4));
}

// The rejects' fields are read again from the file when only some columns are kept; keeping every column holds
// them from the first reading. Both give the same rejects, and the accepted records the same kept column.
TEST(IngestThreadsTest, RejectFieldsReadAgainEqualThoseReadOnce) {
  TempDir d;
  const std::string path = d.write("messy.csv", messy_csv());
  IngestOptions all = messy_options(path, 2);
  all.kept_fields = IngestOptions::KeptFields::all;
  const IngestResult some = ingest(messy_options(path, 2)), every = ingest(all);
  ASSERT_EQ(some.rejects.size(), every.rejects.size());
  for (size_t i = 0; i < some.rejects.size(); ++i) {
    EXPECT_EQ(some.rejects[i].fields, every.rejects[i].fields) << "row " << some.rejects[i].source_row;
    EXPECT_EQ(some.rejects[i].detail, every.rejects[i].detail);
  }
  ASSERT_EQ(some.records.size(), every.records.size());
  for (size_t i = 0; i < some.records.size(); ++i) {
    ASSERT_EQ(some.records[i].fields.size(), every.records[i].fields.size());
    EXPECT_EQ(some.records[i].fields[6], every.records[i].fields[6]);  // note
    EXPECT_EQ(some.records[i].fields[0], "");                          // id: not kept
  }
}

}  // namespace
}  // namespace hotspot
