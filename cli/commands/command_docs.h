// README's command table, generated from the registered subcommands (name, positional arguments, required flags,
// description) so it cannot drift from `hotspot --help` (tests/cli/commands/command_docs_test.cc compares them).
#pragma once

#include <string>

namespace hotspot::cli {

// "| command | what it does |" rows, one per subcommand in the order `hotspot --help` lists them.
std::string commands_markdown();

// `text` with the block between "<!-- commands -->" and "<!-- /commands -->" replaced by commands_markdown().
std::string with_command_docs(const std::string& text);

}  // namespace hotspot::cli
