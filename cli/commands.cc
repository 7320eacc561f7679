#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include "cli/info_command.h"

namespace hotspot::cli {

void register_all_commands(CLI::App& app, CommandAction& action) {
  register_info(app, action);
}

}  // namespace hotspot::cli
