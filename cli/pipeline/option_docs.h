// The README's option tables, generated from the stages' OptionTables so the documentation cannot drift from the
// flags and config keys (tests/cli/pipeline/option_docs_test.cc compares them with README.md).
#pragma once

#include <string>
#include <vector>

namespace hotspot::cli {

struct OptionDoc {
  std::string section;   // "kde", "gistar"
  std::string markdown;  // the table
};

std::vector<OptionDoc> stage_option_docs();

// `text` with the block between "<!-- options:SECTION -->" and "<!-- /options:SECTION -->" replaced by each table.
std::string with_option_docs(const std::string& text);

}  // namespace hotspot::cli
