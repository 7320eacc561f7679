// README's option tables are generated from the stages' option declarations; this fails when they drift.
// To update README.md after changing an option: HOTSPOT_UPDATE_README=1 build/tests/cli_tests --gtest_filter='OptionDocs*'
#include "cli/pipeline/option_docs.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cli/pipeline/gistar_stage.h"
#include "cli/pipeline/kde_section.h"
#include "cli/pipeline/map_stage.h"
#include "cli/pipeline/references_stage.h"
#include "cli/pipeline/errors.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

TEST(OptionDocsTest, ReadmeTablesComeFromTheOptionDeclarations) {
  const std::string path = testing::source_dir() + "/README.md";
  const std::string readme = testing::read_file(path);
  const std::string expected = with_option_docs(readme);
  if (std::getenv("HOTSPOT_UPDATE_README") && expected != readme) std::ofstream(path, std::ios::binary) << expected;
  for (const OptionDoc& d : stage_option_docs())
    EXPECT_NE(readme.find("<!-- options:" + d.section + " -->"), std::string::npos) << "README has no table for " << d.section;
  EXPECT_EQ(readme, expected) << "README.md's option tables are stale: run HOTSPOT_UPDATE_README=1 "
                                 "build/tests/cli_tests --gtest_filter='OptionDocs*'";
}

TEST(OptionDocsTest, EveryConfigKeyIsAFlagOfTheSameNameAndBack) {
  KdeSectionOptions k;
  GistarStage::Options g;
  ReferencesStage::Options r;
  MapStage::Options m;
  OptionTable kt("kde"), gt("gistar"), rt("geocode"), mt("map");
  k.declare(kt);
  g.declare(gt);
  r.declare(rt);
  m.declare(mt);
  for (const OptionTable* t : {&kt, &gt, &rt, &mt})
    for (const Option& o : t->options()) {
      std::string key = o.flag().substr(2);
      for (char& c : key)
        if (c == '-') c = '_';
      EXPECT_EQ(key, o.key);
      // Only output paths are command-line only: a run writes fixed names into its folder.
      if (!o.config) {
        EXPECT_TRUE(o.key == "output" || o.key == "hot_zones" || o.key == "out" || o.key == "tiles") << o.key;
      }
      EXPECT_TRUE(o.command_line) << o.key;
      EXPECT_FALSE(o.help.empty()) << o.key;
    }
}

TEST(OptionDocsTest, CommandLineAndConfigFillTheSameValue) {
  // The same text through both doors gives the same typed value.
  KdeStage::Options a, b;
  OptionTable ta("kde"), tb("kde");
  a.declare(ta);
  b.declare(tb);
  ta.set("radius", "0.5mi");
  tb.set("radius", "0.5mi");
  ASSERT_TRUE(a.radius && b.radius);
  EXPECT_EQ(a.radius->in_crs_units(1.0), b.radius->in_crs_units(1.0));
  EXPECT_NEAR(a.radius->in_crs_units(1.0), 804.672, 1e-9);
  ta.set("kernel", "gaussian");
  EXPECT_EQ(a.kernel, KdeKernel::kGaussian);
  EXPECT_THROW(ta.set("kernel", "box"), UsageError);
  EXPECT_THROW(ta.set("radius", "-1ft"), UsageError);
  ta.set("extent", "1,2,3,4");
  ASSERT_TRUE(a.extent);
  EXPECT_EQ(a.extent->max_y, 4.0);
  EXPECT_THROW(ta.set("extent", "1 2 3 4"), UsageError);
  EXPECT_THROW(ta.set("extent", "3,2,1,4"), UsageError);
}

}  // namespace
}  // namespace hotspot::cli
