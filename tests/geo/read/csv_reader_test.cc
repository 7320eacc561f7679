#include "geo/read/csv_reader.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

std::vector<CsvRecord> read_all(CsvReader& r) {
  std::vector<CsvRecord> out;
  while (auto rec = r.next()) out.push_back(*rec);
  return out;
}

TEST(CsvReaderTest, QuotedFieldsEmbeddedNewlinesAndDoubledQuotes) {
  TempDir d;
  const auto p = d.write("a.csv", "id,name,x\n1,\"BEATTIES FORD RD\nLASALLE ST\",3\n2,\"say \"\"hi\"\"\",4\r\n3,plain,5");
  CsvReader r(p);
  ASSERT_EQ(r.header().size(), 3u);
  auto recs = read_all(r);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields[1], "BEATTIES FORD RD\nLASALLE ST");
  EXPECT_EQ(recs[0].row, 1);
  EXPECT_EQ(recs[0].line, 2);
  EXPECT_EQ(recs[1].fields[1], "say \"hi\"");
  EXPECT_EQ(recs[1].line, 4);  // the embedded newline moved it down one physical line
  EXPECT_EQ(recs[2].fields[2], "5");
  for (const auto& rec : recs) EXPECT_TRUE(rec.error.empty()) << rec.error;
}

TEST(CsvReaderTest, BomAndDelimiterDetection) {
  TempDir d;
  const auto p = d.write("b.csv", "\xEF\xBB\xBFlon;lat;name\n-80.8;35.2;a\n");
  CsvReader r(p);
  EXPECT_EQ(r.delimiter(), ';');
  EXPECT_EQ(r.header()[0], "lon");  // no BOM bytes in the first name
  auto recs = read_all(r);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields[1], "35.2");
  const auto t = d.write("c.tsv", "x\ty\n1\t2\n");
  EXPECT_EQ(CsvReader(t).delimiter(), '\t');
}

TEST(CsvReaderTest, Latin1BytesAreRepairedNotFatal) {
  TempDir d;
  const auto p = d.write("l.csv", "name,x\nCaf\xE9,1\nna\xC3\xAFve,2\n");
  CsvReader r(p);
  auto recs = read_all(r);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields[0], "Caf\xC3\xA9");  // é re-encoded as UTF-8
  EXPECT_TRUE(recs[0].latin1_repaired);
  EXPECT_EQ(recs[1].fields[0], "na\xC3\xAFve");  // valid UTF-8 untouched
  EXPECT_FALSE(recs[1].latin1_repaired);
}

TEST(CsvReaderTest, BrokenQuotingAndWrongFieldCountAreReported) {
  TempDir d;
  const auto p = d.write("q.csv", "a,b\n1,2\n3,4,5\n6\n7,\"unterminated\n8,9\n");
  CsvReader r(p);
  auto recs = read_all(r);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_TRUE(recs[0].error.empty());
  EXPECT_NE(recs[1].error.find("3 fields"), std::string::npos);
  EXPECT_NE(recs[2].error.find("1 fields"), std::string::npos);
  EXPECT_NE(recs[3].error.find("unterminated quoted field starting on line 5"), std::string::npos) << recs[3].error;
}

TEST(CsvReaderTest, OverlongRecordIsMalformed) {
  TempDir d;
  CsvOptions o;
  o.max_record_bytes = 100;
  const auto p = d.write("long.csv", "a,b\n" + std::string(500, 'x') + ",1\n2,3\n");
  CsvReader r(p, o);
  auto recs = read_all(r);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_NE(recs[0].error.find("longer than 100 bytes"), std::string::npos);
  EXPECT_TRUE(recs[1].error.empty());
}

TEST(CsvReaderTest, EmptyFileAndMissingFileThrowWithPath) {
  TempDir d;
  const auto p = d.write("empty.csv", "");
  try {
    CsvReader r(p);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("empty.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos);
  }
  EXPECT_THROW(CsvReader(d.file("nope.csv")), std::runtime_error);
}

TEST(CsvReaderTest, ReadsBundledSignalsWithEmbeddedNewline) {
  CsvReader r(testing::charlotte("cdot_signals.csv"));
  int64_t n = 0, bad = 0;
  while (auto rec = r.next()) {
    ++n;
    if (!rec->error.empty()) ++bad;
  }
  EXPECT_EQ(n, 1047);  // 1,062 physical lines, 1,047 records (SOURCE.txt)
  EXPECT_EQ(bad, 0);
}

}  // namespace
}  // namespace hotspot
