// The list of subcommands; each adds itself to the app.
#pragma once

#include "cli/commands/command.h"

namespace hotspot::cli {

void register_all_commands(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
