// Inputs as analysts receive them: gzip-compressed, inside a zip archive, on standard input, and as UTF-16 text.
// The archives are written with GDAL's own /vsigzip/ and /vsizip/ writers, so the reading side is checked against
// an independent encoder; the UTF-16 bytes are written out by hand.
#include "geo/read/input_source.h"

#include <gtest/gtest.h>

#include <cpl_vsi.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "geo/gdal/gdal_handles.h"
#include "geo/read/csv_reader.h"
#include "geo/read/text_stream.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

const char* kCsv = "id,lon,lat,name\n1,-80.84,35.22,Caf\xC3\xA9\n2,-80.85,35.23,plain\n";

// Writes `content` to a GDAL virtual path ("/vsigzip/x.gz", "/vsizip/x.zip/member").
void write_vsi(const std::string& path, const std::string& content) {
  ensure_gdal();
  VSILFILE* f = VSIFOpenL(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(VSIFWriteL(content.data(), 1, content.size(), f), content.size());
  VSIFCloseL(f);
}

std::vector<std::vector<std::string>> read_rows(CsvReader& r) {
  std::vector<std::vector<std::string>> out{r.header()};
  while (auto rec = r.next()) out.push_back(rec->fields);
  return out;
}

std::string message_of(const std::string& path) {
  try {
    CsvReader r(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(InputSourceTest, GzipCsvReadsLikeThePlainFile) {
  TempDir d;
  const std::string plain = d.write("x.csv", kCsv), gz = d.file("x.csv.gz");
  write_vsi("/vsigzip/" + gz, kCsv);
  const InputSource s = resolve_input(gz);
  EXPECT_EQ(s.kind, InputSource::Kind::csv_text);
  EXPECT_EQ(s.vsi_path, "/vsigzip/" + gz);
  CsvReader a(plain), b(gz);
  EXPECT_EQ(read_rows(a), read_rows(b));
  EXPECT_EQ(b.path(), gz);  // messages name the file as given
}

TEST(InputSourceTest, ZipWithOneCsvIsReadAndTheMemberNamed) {
  TempDir d;
  const std::string zip = d.file("export.zip");
  write_vsi("/vsizip/" + zip + "/folder/incidents.csv", kCsv);
  write_vsi("/vsizip/" + zip + "/README.pdf", "not an input");
  const InputSource s = resolve_input(zip);
  EXPECT_EQ(s.kind, InputSource::Kind::csv_text);
  EXPECT_EQ(s.member, "folder/incidents.csv");
  CsvReader r(zip);
  const auto rows = read_rows(r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][3], "Caf\xC3\xA9");
  CsvReader named(zip + "/folder/incidents.csv");
  EXPECT_EQ(read_rows(named), rows);
}

TEST(InputSourceTest, ZipWithSeveralOrNoInputsIsAnErrorListingThem) {
  TempDir d;
  const std::string two = d.file("two.zip"), none = d.file("none.zip");
  write_vsi("/vsizip/" + two + "/a.csv", kCsv);
  write_vsi("/vsizip/" + two + "/b.csv", kCsv);
  write_vsi("/vsizip/" + none + "/notes.txt.pdf", "x");
  EXPECT_EQ(message_of(two), two + ": the zip archive holds several inputs (a.csv, b.csv); name one as " + two + "/a.csv");
  EXPECT_EQ(message_of(none), none + ": the zip archive holds no CSV or vector file hotspot can read (it holds: notes.txt.pdf)");
  EXPECT_EQ(message_of(two + "/c.csv"), two + "/c.csv: the zip archive has no member c.csv (it holds: a.csv, b.csv)");
  EXPECT_EQ(message_of(d.file("gone.zip")), d.file("gone.zip") + ": no such file");
}

TEST(InputSourceTest, ZipOrGzipOfAVectorDatasetGoesToGdal) {
  TempDir d;
  const std::string geojson =
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},)"
      R"("geometry":{"type":"Point","coordinates":[-80.84,35.22]}}]})";
  const std::string zip = d.file("points.zip"), gz = d.file("points.geojson.gz");
  write_vsi("/vsizip/" + zip + "/points.geojson", geojson);
  write_vsi("/vsigzip/" + gz, geojson);
  for (const std::string& p : {zip, gz}) {
    const InputSource s = resolve_input(p);
    EXPECT_EQ(s.kind, InputSource::Kind::vector_dataset) << p;
    GdalDatasetPtr ds = open_vector(s.vsi_path, s.name);
    EXPECT_EQ(ds->GetLayer(0)->GetFeatureCount(), 1) << p;
  }
}

// UTF-16 code units of `text` (ASCII plus the code points given), with a byte-order mark.
std::string utf16(const std::u16string& text, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t u : text) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

TEST(InputSourceTest, Utf16WithAByteOrderMarkIsDecoded) {
  TempDir d;
  // "é" is U+00E9 (one code unit); U+1F600 is the surrogate pair D83D DE00; U+20AC (€) needs three UTF-8 bytes.
  const std::u16string text = u"id,lon,lat,name\r\n1,-80.84,35.22,Caf\u00E9 \u20AC\r\n2,-80.85,35.23,\U0001F600\r\n";
  for (bool le : {true, false}) {
    const std::string p = d.write(le ? "le.csv" : "be.csv", utf16(text, le));
    CsvReader r(p);
    const auto rows = read_rows(r);
    ASSERT_EQ(rows.size(), 3u) << le;
    EXPECT_EQ(rows[0][0], "id");  // no byte-order mark in the first name
    EXPECT_EQ(rows[1][3], "Caf\xC3\xA9 \xE2\x82\xAC") << le;
    EXPECT_EQ(rows[2][3], "\xF0\x9F\x98\x80") << le;
  }
}

TEST(InputSourceTest, Utf16SplitAcrossBlocksAndUnpairedSurrogates) {
  TempDir d;
  // More than one 1 MiB block, so code units and a surrogate pair straddle block ends somewhere; an unpaired high
  // surrogate before the last line end becomes U+FFFD.
  std::u16string text = u"name\n";
  for (int i = 0; i < 200000; ++i) text += u"\U0001F600x\n";
  text += u"\xD83D\n";
  const std::string p = d.write("big.csv", utf16(text, true));
  CsvReader r(p);
  int64_t rows = 0;
  std::string last;
  while (auto rec = r.next()) {
    ++rows;
    if (rows <= 200000) ASSERT_EQ(rec->fields[0], "\xF0\x9F\x98\x80x") << rows;
    last = rec->fields[0];
  }
  EXPECT_EQ(rows, 200001);
  EXPECT_EQ(last, "\xEF\xBF\xBD");
}

TEST(InputSourceTest, Utf32AndUtf16WithoutAMarkAreRefusedNamingTheEncoding) {
  TempDir d;
  const std::string u32 = d.write("u32.csv", std::string("\xFF\xFE\0\0i\0\0\0", 8));
  const std::string bare = d.write("bare.csv", std::string("i\0d\0,\0x\0\n\0", 10));
  EXPECT_EQ(message_of(u32), u32 + ": the text is UTF-32, which hotspot does not read; save it as UTF-8");
  EXPECT_NE(message_of(bare).find(bare + ": the text looks like UTF-16 LE without a byte-order mark"), std::string::npos)
      << message_of(bare);
}

}  // namespace
}  // namespace hotspot
