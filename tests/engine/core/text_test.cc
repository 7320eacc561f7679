#include "engine/core/text.h"

#include <gtest/gtest.h>

namespace hotspot {
namespace {

TEST(TextTest, LowerTrimAndEscape) {
  EXPECT_EQ(lower("Beatties FORD Rd \xC3\x89"), "beatties ford rd \xC3\x89");  // UTF-8 bytes untouched
  EXPECT_EQ(trim(" \t LOCATION \r\n"), "LOCATION");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(markup_escape(R"(<a href="x">Tom's & Jerry's</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;");
}

}  // namespace
}  // namespace hotspot

namespace hotspot {
namespace {

TEST(TextTest, FormatSignificantWritesAsIostreamsDo) {
  EXPECT_EQ(format_significant(2000.0), "2000");
  EXPECT_EQ(format_significant(1968.503937007874), "1968.5");
  EXPECT_EQ(format_significant(3.0 / (3.14159265358979 * 4e6), 3), "2.39e-07");
  EXPECT_EQ(format_significant(0.1 + 0.2, 15), "0.3");
  EXPECT_EQ(format_significant(0.1 + 0.2, 17), "0.30000000000000004");
}

}  // namespace
}  // namespace hotspot
