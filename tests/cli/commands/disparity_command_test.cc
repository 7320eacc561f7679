#include "cli/commands/disparity_command.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/commands/charlotte_run.h"
#include "tests/engine/disparity/stops_fixture.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::bundled_stops;
using hotspot::testing::read_file;
using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;

const std::string kDivisions = hotspot::testing::charlotte("police_divisions/CMPD_Police_Divisions.shp");

std::string whole_job(const TempDir& d, const std::string& extra = "") {
  return "disparity " + d.file("stops.tsv") +
         " --group driver_race --group-rule hispanic-first --reference-group White --outcome search_conducted=Yes"
         " --by cmpd_division --zones " + kDivisions + " --zone-key DNAME --controls reason,cmpd_division,"
         "driver_gender,driver_age:age-band -o " + d.file("d.gpkg") + " --report " + d.file("d.md") + " -q " + extra;
}

// Searches and stops per division x group, counted straight from the file (hispanic-first).
std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>> brute_force_counts() {
  const auto& t = bundled_stops();
  const auto div = t.column("cmpd_division"), race = t.column("driver_race"), eth = t.column("driver_ethnicity"),
             search = t.column("search_conducted");
  std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>> c;
  for (size_t i = 0; i < div.size(); ++i) {
    if (div[i].empty()) continue;
    auto& nk = c[{div[i], eth[i] == "Hispanic" ? "Hispanic" : race[i]}];
    ++nk.first;
    nk.second += search[i] == "Yes";
  }
  return c;
}

TEST(DisparityCommandTest, BundledStopsByDivisionEqualABruteForceCount) {
  TempDir d;
  d.write("stops.tsv", hotspot::testing::bundled_stops_tsv());
  const auto r = run_hotspot(whole_job(d), d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("in 127192 = accepted 125312 + rejected 1880 (missing_zone 1880)"), std::string::npos) << r.out;
  const std::string csv = read_file(d.file("d.csv"));
  const auto counts = brute_force_counts();
  const auto [n, k] = counts.at({"Central Division", "Black"});
  EXPECT_NE(csv.find("by_cmpd_division,Central Division,Black,," + std::to_string(n) + "," + std::to_string(k) + ","),
            std::string::npos);
  const std::string md = read_file(d.file("d.md"));
  for (const char* s : {"## By cmpd_division", "## By reason (stop purpose)", "## By officer_race x driver group",
                        "### Driving While Impaired", "## Odds ratios", "no veil-of-darkness test", "suppressed"})
    EXPECT_NE(md.find(s), std::string::npos) << s;
  EXPECT_NE(read_file(d.file("d.odds_ratios.csv")).find("driver_race,Black,"), std::string::npos);
  EXPECT_NE(read_file(d.file("d.qml")).find("RR_CLASS"), std::string::npos);
  hotspot::testing::GdalDataset g(d.file("d.gpkg"));
  ASSERT_TRUE(g.ds);
  OGRLayer* layer = g.ds->GetLayer(0);
  EXPECT_EQ(layer->GetFeatureCount(), 14);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int f = 0; f < defn->GetFieldCount(); ++f) EXPECT_LE(std::string(defn->GetFieldDefn(f)->GetNameRef()).size(), 10u);
  int seen = 0;
  for (auto& f : *layer) {
    const std::string name = f->GetFieldAsString("DNAME");
    const auto it = counts.find({name, "Black"});
    if (it == counts.end()) continue;
    EXPECT_EQ(f->GetFieldAsInteger64("N_BLAC"), it->second.first) << name;
    EXPECT_EQ(f->GetFieldAsInteger64("K_BLAC"), it->second.second) << name;
    const auto w = counts.at({name, "White"});
    const double rr = (double(it->second.second) / it->second.first) / (double(w.second) / w.first);
    EXPECT_NEAR(f->GetFieldAsDouble("RR_BLAC"), rr, 1e-9 * rr) << name;
    ++seen;
  }
  EXPECT_EQ(seen, 13);  // every division but Airport has stops
}

TEST(DisparityCommandTest, AnyThreadCountGivesTheSameBytes) {
  TempDir a, b;
  a.write("stops.tsv", hotspot::testing::bundled_stops_tsv());
  b.write("stops.tsv", hotspot::testing::bundled_stops_tsv());
  ASSERT_EQ(run_hotspot(whole_job(a, "--threads 1"), a).code, 0);
  ASSERT_EQ(run_hotspot(whole_job(b, "--threads 2"), b).code, 0);
  for (const char* f : {"d.md", "d.csv", "d.odds_ratios.csv"}) {
    std::string x = read_file(a.file(f)), y = read_file(b.file(f));
    // The report names the input file, which is in a different folder.
    const size_t px = x.find(a.file("stops.tsv")), py = y.find(b.file("stops.tsv"));
    if (px != std::string::npos && py != std::string::npos) x.erase(px, a.file("stops.tsv").size()), y.erase(py, b.file("stops.tsv").size());
    EXPECT_EQ(x, y) << f;
  }
}

// 12 stops: division names spelt in other cases and spacing, one that matches no division, one without a group.
const char* kSmall =
    "cmpd_division\tdriver_race\tsearch_conducted\n"
    "CENTRAL DIVISION\tBlack\tYes\n" "central division\tBlack\tNo\n" "Central Division\tWhite\tNo\n"
    "Central Division\tWhite\tYes\n" "Metro  Division\tBlack\tNo\n" "Metro Division\tWhite\tNo\n"
    "Metro Division\tBlack\tYes\n" "Metro Division\tWhite\tNo\n" "Centrl Division\tWhite\tNo\n"
    "Metro Division\t\\N\tNo\n" "Metro Division\tBlack\tYes\n" "Metro Division\tWhite\tYes\n";

std::string small_job(const TempDir& d, const std::string& extra) {
  return "disparity " + d.file("s.tsv") + " --outcome search_conducted=Yes --by cmpd_division --zones " + kDivisions +
         " --zone-key DNAME --reason-column '' --result-column '' --officer-column '' -o " + d.file("s.geojson") +
         " --report " + d.file("s.md") + " -q " + extra;
}

TEST(DisparityCommandTest, DivisionsJoinIgnoringCaseAndSpacesAndEveryStopIsAccountedFor) {
  TempDir d;
  d.write("s.tsv", kSmall);
  const auto r = run_hotspot(small_job(d, "--min-count 0"), d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("in 12 = accepted 10 + rejected 2 (missing_group 1, unmatched_zone 1)"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("'Centrl Division' match no zone's DNAME"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'Central Division'"), std::string::npos) << r.err;
  const std::string csv = read_file(d.file("s.csv"));
  EXPECT_NE(csv.find("by_cmpd_division,Central Division,Black,,2,1,0.5,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("by_cmpd_division,Metro Division,White,,3,1,"), std::string::npos) << csv;
}

// With --strict the division that matches no zone is an error before anything is written.
TEST(DisparityCommandTest, StrictMakesAnUnmatchedDivisionAnErrorAndWritesNothing) {
  TempDir d;
  d.write("s.tsv", kSmall);
  const auto r = run_hotspot(small_job(d, "--min-count 0 --strict"), d);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("disparity: 1 stop(s) with cmpd_division 'Centrl Division' match no zone's DNAME"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(an error with --strict)"), std::string::npos) << r.err;
  for (const char* f : {"s.geojson", "s.md", "s.csv", "s.odds_ratios.csv"})
    EXPECT_FALSE(std::filesystem::exists(d.file(f))) << f;
}

// The small stops without zones, reason, result or officer tables.
hotspot::testing::CommandRun run_small_without_zones(const TempDir& d, const std::string& flags) {
  d.write("s.tsv", kSmall);
  return run_hotspot("disparity " + d.file("s.tsv") + " --outcome search_conducted=Yes " + flags +
                         " --reason-column '' --result-column '' --officer-column '' --report " + d.file("s.md") + " -q",
                     d);
}

TEST(DisparityCommandTest, WithoutZonesSpellingsOfOneNameAreOneZone) {
  TempDir d;
  const auto r = run_small_without_zones(d, "--by cmpd_division --min-count 0");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(d.file("s.csv"));
  // Central Division (2 of 4 stops) and Metro Division (5 of 6 accepted) are the most frequent spellings.
  EXPECT_NE(csv.find("by_cmpd_division,Central Division,Black,,2,1,0.5,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("by_cmpd_division,Centrl Division,White,,1,0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("by_cmpd_division,Metro Division,Black,,3,2,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("Metro  Division"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("CENTRAL"), std::string::npos) << csv;
  EXPECT_NE(r.err.find("3 stop(s) have a cmpd_division spelt otherwise"), std::string::npos) << r.err;
}

TEST(DisparityCommandTest, SmallCountsAreSuppressedByDefault) {
  TempDir d;
  d.write("s.tsv", kSmall);
  const auto r = run_hotspot(small_job(d, ""), d);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(d.file("s.csv"));
  EXPECT_NE(csv.find("by_cmpd_division,Central Division,Black,,,,,,,,,,,1"), std::string::npos) << csv;
  // Metro's 4 Black stops are hidden, and with them Metro's White stops (the row total would give them away).
  EXPECT_NE(csv.find("by_cmpd_division,Metro Division,White,,,,,,,,,,,1"), std::string::npos) << csv;
  // 5 searches and 5 stops without one in all: published.
  EXPECT_NE(csv.find("by_cmpd_division,all,all,,10,5,0.5,"), std::string::npos) << csv;
}

TEST(DisparityCommandTest, UnknownColumnsValuesAndBadUsageAreExit2AndWriteNothing) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--outcome search_conducted=Yes --group driver_rac", "--group: no column 'driver_rac'"},
      {"--outcome search_conducted=Y", "did you mean 'Yes'"},
      {"--outcome searched=Yes", "--outcome: no column 'searched'"},
      {"--outcome search_conducted", "give COLUMN=VALUE"},
      {"--outcome search_conducted=Yes --reference-group Whit", "did you mean 'White'"},
      {"--outcome search_conducted=Yes --controls officer_rank", "--controls: no column 'officer_rank'"},
      {"--outcome search_conducted=Yes -o x.gpkg", "needs --zones"}};
  for (const auto& [flags, message] : cases) {
    TempDir d;
    d.write("s.tsv", kSmall);
    const auto r = run_hotspot("disparity " + d.file("s.tsv") + " " + flags + " --report " + d.file("s.md") + " -q", d);
    EXPECT_EQ(r.code, 2) << flags << ": " << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << flags << ": " << r.err;
    EXPECT_EQ(d.entries(), std::vector<std::string>{"s.tsv"}) << flags;
  }
}

TEST(DisparityCommandTest, SeparationNamesTheTerm) {
  TempDir d;
  const auto r = run_small_without_zones(d, "--controls cmpd_division");
  EXPECT_EQ(r.code, 1) << r.err;
  // Without --zones the division values are taken as written: 'CENTRAL DIVISION' is one stop, searched.
  EXPECT_NE(r.err.find("term cmpd_division, level 'CENTRAL DIVISION': all of its 1 records have the outcome"),
            std::string::npos) << r.err;
  EXPECT_EQ(d.entries(), std::vector<std::string>{"s.tsv"});
}

// Black residents of Central Division, area-weighted from the NPAs with OGR's own intersections.
double central_black_residents_by_ogr() {
  hotspot::testing::GdalDataset div(kDivisions), npa(hotspot::testing::charlotte("neighborhood_profile_areas.geojson"));
  OGRLayer* dl = div.ds->GetLayer(0);
  std::unique_ptr<OGRGeometry> central;
  for (auto& f : *dl)
    if (std::string(f->GetFieldAsString("DNAME")) == "Central Division") central.reset(f->GetGeometryRef()->clone());
  OGRLayer* nl = npa.ds->GetLayer(0);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(nl->GetSpatialRef(), dl->GetSpatialRef()));
  double residents = 0;
  for (auto& f : *nl) {
    std::unique_ptr<OGRGeometry> g(f->GetGeometryRef()->clone());
    g->transform(ct.get());
    const double area = OGR_G_Area(OGRGeometry::ToHandle(g.get()));
    std::unique_ptr<OGRGeometry> both(g->Intersection(central.get()));
    if (!both || both->IsEmpty()) continue;
    const double part = OGR_G_Area(OGRGeometry::ToHandle(both.get()));
    residents += part / area * f->GetFieldAsDouble("p1") * f->GetFieldAsDouble("p9") / 100.0;
  }
  return residents;
}

TEST(DisparityCommandTest, ResidentialBenchmarkSpreadsTheNpaPopulationByArea) {
  TempDir d;
  d.write("stops.tsv", hotspot::testing::bundled_stops_tsv());
  const auto r = run_hotspot(whole_job(d, "--population " + hotspot::testing::charlotte("neighborhood_profile_areas.geojson") +
                                              " --population-id id --population-total p1 --population-groups Black=p9%,White=p8%"),
                             d);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string md = read_file(d.file("d.md"));
  const size_t at = md.find("| Central Division | Black | ", md.find("## Stops per 1,000 residents"));
  ASSERT_NE(at, std::string::npos) << md;
  const std::string line = md.substr(at, md.find('\n', at) - at);
  // | Central Division | Black | stops | residents | per 1,000 |
  std::vector<std::string> cells;
  std::stringstream ss(line);
  for (std::string c; std::getline(ss, c, '|');) cells.push_back(c);
  ASSERT_GE(cells.size(), 6u) << line;
  EXPECT_NEAR(std::stod(cells[4]), central_black_residents_by_ogr(), 1.0) << line;
  const auto counts = brute_force_counts();
  EXPECT_EQ(std::stoll(cells[3]), counts.at({"Central Division", "Black"}).first);
  EXPECT_NE(md.find("Census race counts include Hispanic residents"), std::string::npos);
  hotspot::testing::GdalDataset g(d.file("d.gpkg"));
  ASSERT_TRUE(g.ds);
  for (auto& f : *g.ds->GetLayer(0))
    if (std::string(f->GetFieldAsString("DNAME")) == "Central Division") {
      EXPECT_NEAR(f->GetFieldAsDouble("P_BLAC"), std::stod(cells[4]), 0.5);
      EXPECT_NEAR(f->GetFieldAsDouble("S1K_BLAC"), 1000.0 * std::stod(cells[3]) / f->GetFieldAsDouble("P_BLAC"), 1e-9);
    }
}

TEST(DisparityCommandTest, GzipInputGivesTheSameReportAsTheDecompressedTable) {
  TempDir d;
  d.write("stops.tsv", hotspot::testing::bundled_stops_tsv());  // decompressed by zlib in the fixture
  const std::string args = " --outcome search_conducted=Yes --group driver_race -q --report ";
  const auto plain = run_hotspot("disparity " + d.file("stops.tsv") + args + d.file("plain.md"), d);
  const auto gz = run_hotspot("disparity " + hotspot::testing::charlotte("cmpd_traffic_stops_2016_2017.tsv.gz") + args + d.file("gz.md"), d);
  ASSERT_EQ(plain.code, 0) << plain.err;
  ASSERT_EQ(gz.code, 0) << gz.err;
  // The reports differ only in the line naming the input.
  const auto without_input = [](std::string s) { return s.erase(s.find("- stops: "), s.find('\n', s.find("- stops: ")) - s.find("- stops: ")); };
  const std::string a = read_file(d.file("plain.md")), b = read_file(d.file("gz.md"));
  ASSERT_NE(a.find("- stops: "), std::string::npos);
  ASSERT_NE(b.find("- stops: "), std::string::npos);
  EXPECT_EQ(without_input(a), without_input(b));
  EXPECT_EQ(read_file(d.file("plain.csv")), read_file(d.file("gz.csv")));
}

}  // namespace
}  // namespace hotspot::cli
