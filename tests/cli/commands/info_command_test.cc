#include "cli/commands/info_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;

TEST(InfoCommandTest, SummarisesBundledSample) {
  InfoOptions o;
  o.ingest.input_path = hotspot::testing::charlotte("cmpd_incidents_sample.csv");
  o.ingest.analysis_crs = "EPSG:2264";
  std::ostringstream out, err;
  EXPECT_EQ(run_info(o, out, err), kExitOk);
  const std::string s = out.str();
  EXPECT_NE(s.find("records:   5000 in, 5000 accepted, 0 rejected"), std::string::npos) << s;
  EXPECT_NE(s.find("EPSG:2264"), std::string::npos);
  EXPECT_NE(s.find("dates:     2017-"), std::string::npos);
  EXPECT_NE(s.find("categories ("), std::string::npos);
}

TEST(InfoCommandTest, BinaryReportsBadInputWithFileRowAndExitCode) {
  TempDir d;
  d.write("bad.csv", "lon,lat\n-80.8,35.2\n-80.8,oops\n");
  auto r = run_hotspot("info " + d.file("bad.csv") + " --crs EPSG:2264 --rejects " + d.file("rej.csv"), d);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("1 accepted, 1 rejected"), std::string::npos) << r.out;
  EXPECT_NE(testing::read_file(d.file("rej.csv")).find("2,unparseable_coordinate,lat"), std::string::npos);

  auto missing = run_hotspot("info " + d.file("nope.csv"), d);
  EXPECT_EQ(missing.code, kExitFailure);
  EXPECT_NE(missing.err.find("nope.csv: no such file"), std::string::npos) << missing.err;

  auto usage = run_hotspot("info", d);
  EXPECT_EQ(usage.code, kExitUsage);
}

TEST(InfoCommandTest, RefusesToOverwriteRejectsWithoutFlag) {
  TempDir d;
  d.write("ok.csv", "lon,lat\n-80.8,35.2\n");
  d.write("rej.csv", "keep me");
  auto r = run_hotspot("info " + d.file("ok.csv") + " --rejects " + d.file("rej.csv"), d);
  EXPECT_EQ(r.code, kExitUsage);  // refused before any input is read, as by every command
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(testing::read_file(d.file("rej.csv")), "keep me");
  auto ok = run_hotspot("info " + d.file("ok.csv") + " --rejects " + d.file("rej.csv") + " --overwrite", d);
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(testing::read_file(d.file("rej.csv")).find("source_row,reason"), std::string::npos);
}

}  // namespace
}  // namespace hotspot::cli
