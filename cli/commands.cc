#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include "cli/geocode_command.h"
#include "cli/gistar_command.h"
#include "cli/info_command.h"
#include "cli/run_command.h"
#include "cli/kde_command.h"
#include "cli/map_command.h"

namespace hotspot::cli {

void register_all_commands(CLI::App& app, CommandAction& action) {
  register_geocode(app, action);
  register_gistar(app, action);
  register_info(app, action);
  register_run(app, action);
  register_kde(app, action);
  register_map(app, action);
}

}  // namespace hotspot::cli
