#include "cli/commands/near_repeat_command.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::read_file;
using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;

// Five incidents in UTM metres with ISO dates. Pairs (distance m, days):
//   a-b 100 m 3 d; a-c 300 m 10 d; b-c 200 m 7 d; d-e 50 m 30 d; a-d, a-e, ... more than 1000 m apart.
const char* kIncidents =
    "x,y,date\n"
    "500000,3900000,2024-01-01\n"
    "500100,3900000,2024-01-04\n"
    "500300,3900000,2024-01-11\n"
    "505000,3900000,2024-02-01\n"
    "505050,3900000,2024-03-02\n";

std::string job(const TempDir& d, const std::string& bands) {
  return "near-repeat " + d.file("in.csv") + " --source-crs EPSG:32617 --date-col date " + bands +
         " --permutations 99 -q -o " + d.file("nr.csv");
}

TEST(NearRepeatCommandTest, TableCountsThePairsByBand) {
  TempDir d;
  d.write("in.csv", kIncidents);
  const auto r = run_hotspot(job(d, "--distance-bands 0,150m,400m --time-bands 0,7d,14d"), d);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(d.file("nr.csv"));
  // 0-150 m: a-b (3 d) in 0-7d; d-e (30 d) beyond the last time edge. 150-400 m: b-c (7 d, on the edge) in 0-7d,
  // a-c (10 d) in 7d-14d.
  EXPECT_NE(csv.find("0-150m,0-7d,1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("0-150m,7d-14d,0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("150m-400m,0-7d,1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("150m-400m,7d-14d,1,"), std::string::npos) << csv;
  EXPECT_NE(read_file(d.file("nr.md")).find("| distance \\ time | 0-7d | 7d-14d |"), std::string::npos);
  EXPECT_NE(r.out.find("4 pairs within 400m"), std::string::npos) << r.out;
}

TEST(NearRepeatCommandTest, BadBandsAreClearErrorsAndWriteNothing) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--distance-bands 0,400m,200m --time-bands 0,7d", "not increasing"},
      {"--distance-bands 0,400m --time-bands 0,-7d,14d", "negative"},
      {"--distance-bands 0,400m --time-bands 0,7x", "is not a time"},
      {"--distance-bands 400m --time-bands 0,7d", "at least two"}};
  for (const auto& [bands, message] : cases) {
    TempDir d;
    d.write("in.csv", kIncidents);
    const auto r = run_hotspot(job(d, bands), d);
    EXPECT_NE(r.code, 0) << bands;
    EXPECT_NE(r.err.find(message), std::string::npos) << bands << ": " << r.err;
    EXPECT_EQ(d.entries(), std::vector<std::string>{"in.csv"}) << bands;
  }
}

TEST(NearRepeatCommandTest, UndatedIncidentsAreAClearError) {
  TempDir d;
  d.write("in.csv", std::string(kIncidents) + "500010,3900000,\n");
  const auto r = run_hotspot(job(d, "--distance-bands 0,150m --time-bands 0,7d"), d);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("have no date"), std::string::npos) << r.err;
  EXPECT_EQ(d.entries(), std::vector<std::string>{"in.csv"});
}

}  // namespace
}  // namespace hotspot::cli
