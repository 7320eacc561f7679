// --strict (and "strict": true in a run config): a value given that matches nothing is an error, not a warning,
// raised before any output is written; without it the same run warns and goes on.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/commands/charlotte_run.h"

namespace hotspot {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(StrictTest, AnUnmatchedCategoryIsAWarningAndWithStrictAnError) {
  TempDir d;
  const std::string in = testing::source_dir() + "/tests/bad_input/semicolon.csv --crs EPSG:2264 --category Robery ";
  const std::string message = "category 'Robery' matches no record in offense; did you mean 'Robbery'?";
  auto warned = testing::run_hotspot("info " + in + "--rejects " + d.file("r.csv"), d);
  EXPECT_EQ(warned.code, 0) << warned.err;
  EXPECT_TRUE(has(warned.err, "warning: " + message)) << warned.err;
  fs::remove(d.file("r.csv"));
  auto strict = testing::run_hotspot("kde " + in + "--strict -o " + d.file("d.tif") + " --rejects " + d.file("r.csv"), d);
  EXPECT_EQ(strict.code, 1);
  EXPECT_TRUE(has(strict.err, "ingest: " + message + " (an error with --strict)")) << strict.err;
  EXPECT_EQ(d.entries().size(), 0u);  // neither the density nor the rejects
}

TEST(StrictTest, ARunConfigWithStrictRefusesAnUnmatchedViolentCategoryAndWritesNoFolder) {
  TempDir d;
  nlohmann::json c = testing::charlotte_config(d.file("out"));
  c["report"]["violent_categories"].push_back("Agravated Assault");
  auto warned = testing::run_config(c, d);
  EXPECT_EQ(warned.code, 0) << warned.err;
  EXPECT_TRUE(has(warned.err, "violent category 'Agravated Assault' matches no record; did you mean 'Aggravated Assault'?"))
      << warned.err;
  c["output"]["folder"] = d.file("strict_out");
  c["strict"] = true;
  auto strict = testing::run_config(c, d);
  EXPECT_EQ(strict.code, 1);
  EXPECT_TRUE(has(strict.err, "priority areas: violent category 'Agravated Assault' matches no record")) << strict.err;
  EXPECT_TRUE(has(strict.err, "(an error with --strict)")) << strict.err;
  EXPECT_FALSE(fs::exists(d.file("strict_out")));
}

}  // namespace
}  // namespace hotspot
