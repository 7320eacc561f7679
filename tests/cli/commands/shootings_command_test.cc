// hotspot shootings on the bundled CMPD tables: every individual and officer joined or listed; the tables' shown
// counts equal a count made here from the CSVs, each shown count is 0 or at least k, and no row or column of a table
// has exactly one hidden entry (it would follow from the total); one point per incident with its joined counts.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {


std::string command(const TempDir& d, const std::string& individuals) {
  return "shootings --incidents " + charlotte("ois/OfficerInvolved_Shootings__Incidents.csv") + " --individuals " +
         individuals + " --officers " + charlotte("ois/CMPD_OfficerInvolved_Shootings__Officers.csv") + " --zones " +
         charlotte("police_divisions/CMPD_Police_Divisions.shp") + " -o " + d.file("ois.geojson") + " --report " +
         d.file("ois.md") + " -q";
}

struct Cell {
  std::string count, suppressed;
};

// table -> (row, column) -> cell, from the tables' CSV.
std::map<std::string, std::map<std::pair<std::string, std::string>, Cell>> read_tables(const std::string& path) {
  std::map<std::string, std::map<std::pair<std::string, std::string>, Cell>> out;
  CsvReader csv(path);
  while (auto r = csv.next()) out[r->fields[0]][{r->fields[1], r->fields[2]}] = {r->fields[3], r->fields[4]};
  return out;
}

TEST(ShootingsCommandTest, TablesEqualACountOfTheCsvsWithSmallCountsSuppressed) {
  TempDir d;
  const CommandRun r = run_hotspot(command(d, charlotte("ois/OfficerInvolved_Shootings__Individuals.csv")), d);
  ASSERT_EQ(r.code, 0) << r.err;
  // The count made here: incident year by INCIDENT_ID, individuals by (race, year).
  std::map<std::string, std::string> year_of;
  CsvReader incidents(charlotte("ois/OfficerInvolved_Shootings__Incidents.csv"));
  while (auto row = incidents.next()) year_of[row->fields[incidents.column("INCIDENT_ID")]] = row->fields[incidents.column("YR")];
  std::map<std::pair<std::string, std::string>, int64_t> expected;
  CsvReader people(charlotte("ois/OfficerInvolved_Shootings__Individuals.csv"));
  int64_t n = 0;
  while (auto row = people.next()) {
    ++expected[{row->fields[people.column("INDIVIDUAL_RACE")], year_of.at(row->fields[people.column("INCIDENT_ID")])}];
    ++n;
  }
  ASSERT_EQ(n, 72);
  const auto tables = read_tables(d.file("ois.csv"));
  const auto& race_year = tables.at("Individuals by race and year");
  int64_t shown = 0, hidden = 0;
  for (const auto& [at, cell] : race_year) {
    if (at.first == "Total" || at.second == "Total") continue;
    const auto e = expected.find(at);
    const int64_t want = e == expected.end() ? 0 : e->second;
    if (cell.suppressed.empty()) {
      EXPECT_EQ(std::stoll(cell.count), want) << at.first << " " << at.second;
      EXPECT_TRUE(want == 0 || want >= 5) << at.first << " " << at.second;
      ++shown;
    } else {
      EXPECT_EQ(cell.suppressed == "primary", want > 0 && want < 5) << at.first << " " << at.second;
      ++hidden;
    }
  }
  EXPECT_GT(shown, 0);
  EXPECT_GT(hidden, 0);
  EXPECT_EQ(race_year.at({"Total", "Total"}).count, "72");
  for (const auto& [title, cells] : tables) {  // no line with exactly one hidden entry
    std::map<std::string, int> by_row, by_col;
    for (const auto& [at, cell] : cells) {
      by_row[at.first] += !cell.suppressed.empty();
      by_col[at.second] += !cell.suppressed.empty();
    }
    for (const auto& [row, k] : by_row) EXPECT_NE(k, 1) << title << " row " << row;
    for (const auto& [col, k] : by_col) EXPECT_NE(k, 1) << title << " column " << col;
  }
  const std::vector<Feature> points = read_features(d.file("ois.geojson"));
  ASSERT_EQ(points.size(), 68u);  // incident 20675 (Newton, outside the county) has no coordinates, and says so:
  EXPECT_NE(read_file(d.file("ois.md")).find("INCIDENT_ID '20675' has no coordinates: not in the points layer"),
            std::string::npos);
  int64_t individuals = 0, officers = 0;
  std::set<std::string> divisions;
  for (const Feature& f : points) {
    individuals += std::stoll(f.fields.at("INDIVIDUALS"));
    officers += std::stoll(f.fields.at("OFFICERS"));
    divisions.insert(f.fields.at("DIVISION"));
  }
  EXPECT_EQ(individuals, 72 - 1);  // the one shot at in incident 20675
  EXPECT_EQ(officers, 96 - 3);
  EXPECT_GE(divisions.size(), 10u);
  EXPECT_NE(read_file(d.file("ois.md")).find("### Individuals by race and division"), std::string::npos);
}

// An individual whose INCIDENT_ID matches no incident is listed with its row, and left out of the tables.
TEST(ShootingsCommandTest, AnUnjoinedRowIsListedNotDropped) {
  TempDir d;
  std::string people = read_file(charlotte("ois/OfficerInvolved_Shootings__Individuals.csv"));
  people += "99999,Black,Male,30,Miss,73,2016,35.2,-80.8,,,,\n";
  d.write("people.csv", people);
  const CommandRun r = run_hotspot(command(d, d.file("people.csv")), d);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string md = read_file(d.file("ois.md"));
  EXPECT_NE(md.find("individuals row 73: INCIDENT_ID '99999' matches no incident"), std::string::npos) << md;
  EXPECT_NE(md.find("72 joined"), std::string::npos);
  EXPECT_EQ(read_tables(d.file("ois.csv")).at("Individuals by race and year").at({"Total", "Total"}).count, "72");
}

TEST(ShootingsCommandTest, MissingTablesAndABadReportAreUsageErrors) {
  TempDir d;
  CommandRun r = run_hotspot("shootings --incidents x.csv -o " + d.file("a.geojson") + " --report " + d.file("a.md"), d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("shootings: give --individuals"), std::string::npos) << r.err;
  r = run_hotspot("shootings --incidents x.csv --individuals y.csv --officers z.csv -o " + d.file("a.geojson") +
                      " --report " + d.file("a.txt"),
                  d);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("Markdown"), std::string::npos) << r.err;
  EXPECT_TRUE(d.entries().empty());
}

}  // namespace
}  // namespace hotspot::testing
