// How subcommands plug into the `hotspot` command. Each subcommand lives in its own <name>_command.{h,cc} with an
// options struct, a run function that takes the options and streams (so tests can call it directly), and a
// register function that adds its flags to CLI11 and sets the action main() runs after parsing.
#pragma once

#include <functional>
#include <ostream>

namespace CLI {
class App;
}

namespace hotspot::cli {

// What main() runs once the command line is parsed; returns the process exit code.
using CommandAction = std::function<int()>;

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // environment or input failure (named in the message)
inline constexpr int kExitUsage = 2;     // bad command line

}  // namespace hotspot::cli
