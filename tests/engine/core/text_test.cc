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
