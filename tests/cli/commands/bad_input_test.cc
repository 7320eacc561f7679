// The bad-input corpus (tests/bad_input/): each case runs the real `hotspot` command and asserts the exact outcome:
// exit code, a message naming the file (and row and column where one applies), rejects and counts, and that no
// output is left behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "geo/read/csv_reader.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::CommandRun;
using testing::TempDir;
namespace fs = std::filesystem;

std::string corpus(const std::string& name) { return testing::source_dir() + "/tests/bad_input/" + name; }

// Runs `args` in a fresh folder and checks that afterwards the folder holds only `allowed` (besides inputs copied).
struct Case {
  TempDir dir;
  CommandRun run(const std::string& args) { return testing::run_hotspot(args, dir); }
  std::string out(const std::string& name) const { return dir.file(name); }
  bool empty() const { return dir.entries().empty(); }
};

// Reads a rejects CSV into (row, reason, column) triples.
std::vector<std::tuple<int64_t, std::string, std::string>> rejects(const std::string& path) {
  CsvReader r(path);
  const int row = r.column("source_row"), reason = r.column("reason"), col = r.column("column");
  std::vector<std::tuple<int64_t, std::string, std::string>> out;
  while (auto rec = r.next()) out.emplace_back(std::stoll(rec->fields[row]), rec->fields[reason], rec->fields[col]);
  return out;
}

TEST(BadInputTest, EmptyFile) {
  Case c;
  auto r = c.run("kde " + corpus("empty.csv") + " --crs EPSG:2264 -o " + c.out("d.tif"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("empty.csv: file is empty"), std::string::npos) << r.err;
  EXPECT_TRUE(c.empty());
}

TEST(BadInputTest, HeaderOnly) {
  Case c;
  auto info = c.run("info " + corpus("header_only.csv") + " --crs EPSG:2264");
  EXPECT_EQ(info.code, 0);
  EXPECT_NE(info.out.find("records:   0 in, 0 accepted, 0 rejected"), std::string::npos) << info.out;
  auto kde = c.run("kde " + corpus("header_only.csv") + " --crs EPSG:2264 -o " + c.out("d.tif"));
  EXPECT_EQ(kde.code, 1);
  EXPECT_NE(kde.err.find("header_only.csv: no points left"), std::string::npos) << kde.err;
  EXPECT_TRUE(c.empty());
}

TEST(BadInputTest, WrongDelimiter) {
  Case c;
  auto ok = c.run("info " + corpus("semicolon.csv") + " --crs EPSG:2264");  // detected
  EXPECT_EQ(ok.code, 0);
  EXPECT_NE(ok.out.find("2 in, 2 accepted"), std::string::npos) << ok.out;
  auto forced = c.run("info " + corpus("semicolon.csv") + " --delimiter , --crs EPSG:2264");
  EXPECT_EQ(forced.code, 1);
  EXPECT_NE(forced.err.find("semicolon.csv: no coordinate columns found"), std::string::npos) << forced.err;
  EXPECT_NE(forced.err.find("header has: id;lon;lat;offense"), std::string::npos) << forced.err;
}

TEST(BadInputTest, MissingCoordinateColumns) {
  Case c;
  auto r = c.run("gistar " + corpus("no_coordinates.csv") + " --cell-size 1000ft -o " + c.out("g.geojson"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no_coordinates.csv: no coordinate columns found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--x-col"), std::string::npos);
  EXPECT_TRUE(c.empty());
}

TEST(BadInputTest, TextNanInfinityInNumbersGoToRejectsWithRowAndColumn) {
  Case c;
  auto r = c.run("info " + corpus("bad_numbers.csv") + " --crs EPSG:2264 --rejects " + c.out("rej.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("6 in, 1 accepted, 5 rejected"), std::string::npos) << r.out;
  const auto rj = rejects(c.out("rej.csv"));
  const std::vector<std::tuple<int64_t, std::string, std::string>> want = {
      {2, "unparseable_coordinate", "lon"}, {3, "non_finite_coordinate", "lat"}, {4, "non_finite_coordinate", "lon"},
      {5, "missing_coordinate", "lat"},     {6, "unparseable_coordinate", "lon"}};
  EXPECT_EQ(rj, want);
}

TEST(BadInputTest, ZeroZeroPlaceholders) {
  Case c;
  auto r = c.run("info " + corpus("zero_zero.csv") + " --crs EPSG:2264 --rejects " + c.out("rej.csv"));
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("rejected zero_coordinate         2"), std::string::npos) << r.out;
  const auto rj = rejects(c.out("rej.csv"));
  ASSERT_EQ(rj.size(), 2u);
  EXPECT_EQ(std::get<0>(rj[0]), 2);
  EXPECT_EQ(std::get<0>(rj[1]), 3);
}

TEST(BadInputTest, SwappedLatitudeAndLongitude) {
  Case c;
  auto r = c.run("info " + corpus("swapped.csv") + " --crs EPSG:2264 --rejects " + c.out("rej.csv"));
  EXPECT_EQ(r.code, 0);
  const std::string text = testing::read_file(c.out("rej.csv"));
  EXPECT_NE(text.find(",2,outside_crs_area,"), std::string::npos) << text;
  EXPECT_NE(text.find("latitude and longitude look swapped"), std::string::npos) << text;
  EXPECT_NE(r.err.find("1 of 2 records look swapped: their lon holds latitudes and lat longitudes (exchange --x-col and "
                       "--y-col)"),
            std::string::npos)
      << r.err;
  // A whole file swapped: kde refuses (nothing accepted) and the warning says why.
  const std::string all = c.dir.write("all_swapped.csv", "lon,lat\n35.22,-80.84\n35.25,-80.80\n");
  auto kde = c.run("kde " + all + " --crs EPSG:2264 -o " + c.out("d.tif"));
  EXPECT_EQ(kde.code, 1);
  EXPECT_NE(kde.err.find("2 of 2 records look swapped"), std::string::npos) << kde.err;
  EXPECT_FALSE(std::filesystem::exists(c.out("d.tif")));
}

TEST(BadInputTest, OutsideTheCrsAreaOfUse) {
  Case c;
  auto r = c.run("info " + corpus("outside_area.csv") + " --crs EPSG:2264 --rejects " + c.out("rej.csv"));
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("3 in, 1 accepted, 2 rejected"), std::string::npos) << r.out;
  const auto rj = rejects(c.out("rej.csv"));
  ASSERT_EQ(rj.size(), 2u);
  for (const auto& x : rj) EXPECT_EQ(std::get<1>(x), "outside_crs_area");
  EXPECT_NE(testing::read_file(c.out("rej.csv")).find("outside the area of use of EPSG:2264"), std::string::npos);
}

TEST(BadInputTest, BomAndMixedLatin1AreReadAndReported) {
  Case c;
  auto r = c.run("info " + corpus("bom_latin1.csv") + " --crs EPSG:2264 --top-categories 5");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2 in, 2 accepted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Caf\xC3\xA9 robbery"), std::string::npos) << r.out;  // Latin-1 é read as é
  EXPECT_NE(r.out.find("Caf\xC3\xA9 theft"), std::string::npos);
  EXPECT_NE(r.err.find("hotspot: warning: " + corpus("bom_latin1.csv")), std::string::npos) << r.err;  // on stderr, once
  EXPECT_NE(r.err.find("read as Latin-1"), std::string::npos);
  EXPECT_NE(r.out.find("x=lon"), std::string::npos);
}

// Each warning reaches the user once, whichever command read the file (they used to print ingest warnings twice).
TEST(BadInputTest, EachWarningIsPrintedOnce) {
  Case c;
  const auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  for (const std::string& cmd : {std::string("info"), std::string("kde"), std::string("gistar")}) {
    std::string args = cmd + " " + corpus("bom_latin1.csv") + " --crs EPSG:2264";
    if (cmd == "kde") args += " -r 2000ft --cell-size 500ft -o " + c.out("d.tif");
    if (cmd == "gistar") args += " --cell-size 1000ft -o " + c.out("g.geojson");
    const auto r = c.run(args);
    EXPECT_EQ(r.code, 0) << cmd << ": " << r.err;
    EXPECT_EQ(count(r.out + r.err, "read as Latin-1"), 1u) << cmd << "\n" << r.out << r.err;
  }
}

TEST(BadInputTest, HeaderThatChangesBetweenFilesOfOneExport) {
  Case c;
  auto ok = c.run("info " + corpus("export_2019.csv") + " " + corpus("export_2020_reordered.csv") + " --crs EPSG:2264");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("2 in, 2 accepted"), std::string::npos) << ok.out;
  EXPECT_NE(ok.err.find("export_2020_reordered.csv: header differs"), std::string::npos) << ok.err;
  auto bad = c.run("info " + corpus("export_2019.csv") + " " + corpus("export_2021_no_lat.csv"));
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("export_2021_no_lat.csv: column 'lat'"), std::string::npos) << bad.err;
}

TEST(BadInputTest, OverlongLine) {
  Case c;
  const std::string in = c.dir.write("long.csv", "id,lon,lat\n1," + std::string(2 << 20, '9') + ",35.2\n2,-80.84,35.22\n");
  auto r = c.run("info " + in + " --crs EPSG:2264 --rejects " + c.out("rej.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2 in, 1 accepted, 1 rejected"), std::string::npos) << r.out;
  const std::string text = testing::read_file(c.out("rej.csv"));
  EXPECT_NE(text.find(",1,malformed_row,,line 2: record longer than 1048576 bytes"), std::string::npos) << text.substr(0, 300);
}

TEST(BadInputTest, BrokenQuoting) {
  Case c;
  auto r = c.run("info " + corpus("broken_quotes.csv") + " --crs EPSG:2264 --rejects " + c.out("rej.csv"));
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("2 in, 1 accepted, 1 rejected"), std::string::npos) << r.out;
  EXPECT_NE(testing::read_file(c.out("rej.csv")).find("unterminated quoted field starting on line 3"), std::string::npos);
}

TEST(BadInputTest, TruncatedGeoJson) {
  Case c;
  auto r = c.run("kde " + corpus("truncated.geojson") + " --crs EPSG:2264 -o " + c.out("d.tif"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("truncated.geojson: cannot open as a vector dataset"), std::string::npos) << r.err;
  EXPECT_TRUE(c.empty());
}

// A missing file, a directory and a file no driver recognises each get their own plain message, never "unknown
// GDAL error".
TEST(BadInputTest, MissingFileDirectoryAndUnknownFormat) {
  Case c;
  const std::filesystem::path folder = c.dir.path() / "a_folder";
  std::filesystem::create_directories(folder);
  const std::string junk = c.dir.write("junk.dat", std::string("\x01\x02 not a dataset \xff\xfe", 19));
  struct Expect {
    std::string input, message;
  };
  for (const Expect& e : {Expect{c.out("nosuch.geojson"), "nosuch.geojson: no such file"},
                          Expect{folder.string(), "a_folder: is a directory (give the file itself"},
                          Expect{junk, "junk.dat: not a format hotspot can read (tried CSV and GDAL's vector drivers)"}}) {
    auto r = c.run("info " + e.input + " --crs EPSG:2264");
    EXPECT_EQ(r.code, 1) << e.input;
    EXPECT_NE(r.err.find(e.message), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("unknown GDAL error"), std::string::npos) << r.err;
  }
}

// An output name whose extension does not match what the command writes is refused before any input is read.
TEST(BadInputTest, OutputExtensionMustMatchTheFormat) {
  Case c;
  const std::string input = testing::charlotte("cmpd_incidents_sample.csv");
  auto kde = c.run("kde " + input + " --crs EPSG:2264 -o " + c.out("density.png"));
  EXPECT_EQ(kde.code, 2);
  EXPECT_NE(kde.err.find("density.png: the density is written as a GeoTIFF; name it .tif or .tiff"), std::string::npos) << kde.err;
  auto gi = c.run("gistar " + input + " --crs EPSG:2264 --cell-size 1000ft -o " + c.out("cells.txt"));
  EXPECT_EQ(gi.code, 2);
  EXPECT_NE(gi.err.find("unknown vector format '.txt'"), std::string::npos) << gi.err;
  EXPECT_TRUE(c.empty());
  auto upper = c.run("kde " + input + " --crs EPSG:2264 -q -o " + c.out("DENSITY.TIF"));
  EXPECT_EQ(upper.code, 0) << upper.err;
}

TEST(BadInputTest, ShapefileWithoutPrj) {
  Case c;
  // Make a point shapefile with GDAL's own tools, then take its .prj away.
  const std::string shp = c.out("pts.shp");
  const std::string cmd = "ogr2ogr -f 'ESRI Shapefile' " + shp + " " + corpus("semicolon.csv") +
                          " -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "ogr2ogr (gdal-bin, installed by scripts/setup.sh) failed";
  fs::remove(c.out("pts.prj"));
  auto r = c.run("info " + shp);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("pts.shp: the coordinates' CRS is unknown (layer has no CRS; shapefile without .prj?)"), std::string::npos) << r.err;
  auto ok = c.run("info " + shp + " --source-crs EPSG:4326 --crs EPSG:2264");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("2 in, 2 accepted"), std::string::npos);
}

TEST(BadInputTest, SelfIntersectingAndEmptyZonePolygons) {
  Case c;
  auto r = c.run("info " + corpus("bad_numbers.csv") + " --crs EPSG:2264 --study-area " + corpus("self_intersecting_zones.geojson"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("invalid geometry (Self-intersection"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("repaired with GEOSMakeValid"), std::string::npos);
  EXPECT_NE(r.err.find("zone '1': empty geometry, skipped"), std::string::npos) << r.err;
}

TEST(BadInputTest, ZeroAreaStudyArea) {
  Case c;
  auto r = c.run("kde " + corpus("semicolon.csv") + " --crs EPSG:2264 --study-area " + corpus("zero_area.geojson") + " -o " + c.out("d.tif"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("zero_area.geojson: no usable polygon in the layer"), std::string::npos) << r.err;
  EXPECT_TRUE(c.empty());
}

TEST(BadInputTest, RadiusBandAndCellSizeZeroNegativeOrAbsurd) {
  Case c;
  const std::string in = corpus("semicolon.csv") + " --crs EPSG:2264 ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"kde " + in + "-r 0ft", "--radius: must be a positive length, got '0ft'"},
      {"kde " + in + "-r -5ft", "--radius: must be a positive length, got '-5ft'"},
      {"kde " + in + "-r 1e12ft", "--radius: length of '1e12ft' is longer than 1,000 km"},
      {"kde " + in + "-r 2000", "--radius: length '2000' has no unit"},
      {"kde " + in + "-r 2000ft --cell-size 0m", "--cell-size: must be a positive length"},
      {"gistar " + in + "--cell-size -1ft", "--cell-size: must be a positive length"},
      {"gistar " + in + "--cell-size 1000ft --band 0ft", "--band: must be a positive length"},
      {"gistar " + in + "--cell-size 5000km", "--cell-size: length of '5000km' is longer than 1,000 km"},
  };
  for (const auto& [args, msg] : cases) {
    const std::string out = args.rfind("kde", 0) == 0 ? c.out("d.tif") : c.out("g.geojson");
    auto r = c.run(args + " -o " + out);
    EXPECT_EQ(r.code, 2) << args;  // a usage error, found before any input is read
    EXPECT_NE(r.err.find(msg), std::string::npos) << args << "\n" << r.err;
    EXPECT_TRUE(c.empty()) << args;
  }
}

TEST(BadInputTest, GridTooBigForMemoryIsRefusedBeforeAllocating) {
  Case c;
  auto r = c.run("kde " + corpus("semicolon.csv") + " --crs EPSG:2264 -r 2000ft --cell-size 0.001ft -o " + c.out("d.tif"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("the density grid would be"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("use a larger --cell-size"), std::string::npos);
  EXPECT_TRUE(c.empty());
}

TEST(BadInputTest, UnwritableOrExistingOutputPath) {
  Case c;
  const std::string in = corpus("semicolon.csv") + " --crs EPSG:2264 -r 2000ft ";
  auto missing = c.run("kde " + in + "-o /nonexistent-folder/d.tif");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("/nonexistent-folder/d.tif: output folder '/nonexistent-folder' does not exist"), std::string::npos) << missing.err;
  auto unwritable = c.run("kde " + in + "-o /proc/d.tif");
  EXPECT_EQ(unwritable.code, 1);
  EXPECT_NE(unwritable.err.find("/proc/d.tif: cannot write in folder '/proc'"), std::string::npos) << unwritable.err;
  c.dir.write("d.tif", "keep");
  auto existing = c.run("kde " + in + "-o " + c.out("d.tif"));
  EXPECT_EQ(existing.code, 2);  // refused before any input is read
  EXPECT_NE(existing.err.find("d.tif: already exists (pass --overwrite to replace it)"), std::string::npos) << existing.err;
  EXPECT_EQ(testing::read_file(c.out("d.tif")), "keep");
  EXPECT_EQ(c.dir.entries().size(), 1u);
}

TEST(BadInputTest, ConfigWithUnknownKeys) {
  Case c;
  auto r = c.run("run " + corpus("unknown_key.json") + " -o " + c.out("out"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("unknown_key.json: kde.cel_size: unknown key (did you mean 'cell_size'?)"), std::string::npos) << r.err;
  EXPECT_TRUE(c.empty());
}

}  // namespace
}  // namespace hotspot
