// README's command table is generated from the registered subcommands; this fails when they drift.
// To update README.md after changing a command: HOTSPOT_UPDATE_README=1 build/tests/cli_tests --gtest_filter='CommandDocs*'
#include "cli/commands/command_docs.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

TEST(CommandDocsTest, ReadmeCommandTableComesFromTheRegisteredCommands) {
  const std::string path = testing::source_dir() + "/README.md";
  const std::string readme = testing::read_file(path);
  const std::string expected = with_command_docs(readme);
  if (std::getenv("HOTSPOT_UPDATE_README") && expected != readme) std::ofstream(path, std::ios::binary) << expected;
  EXPECT_NE(readme.find("<!-- commands -->"), std::string::npos) << "README has no generated command table";
  EXPECT_EQ(readme, expected) << "README.md's command table is stale: run HOTSPOT_UPDATE_README=1 "
                                 "build/tests/cli_tests --gtest_filter='CommandDocs*'";
}

TEST(CommandDocsTest, EveryCommandIsListedWithWhatItNeeds) {
  const std::string md = commands_markdown();
  for (const char* usage : {"`hotspot run CONFIG`", "`hotspot info INPUT...`", "`hotspot kde INPUT...`",
                            "`hotspot gistar INPUT...`", "`hotspot geocode INPUT... --address-col ADDRESS_COL -o OUTPUT`",
                            "`hotspot map -o OUT`"})
    EXPECT_NE(md.find(usage), std::string::npos) << usage << "\n" << md;
}

}  // namespace
}  // namespace hotspot::cli
