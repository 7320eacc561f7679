#include "cli/commands/commands.h"

#include <CLI/CLI.hpp>

#include "cli/commands/check_public_command.h"
#include "cli/commands/disparity_command.h"
#include "cli/commands/emerging_command.h"
#include "cli/commands/geocode_command.h"
#include "cli/commands/gistar_command.h"
#include "cli/commands/info_command.h"
#include "cli/commands/run_command.h"
#include "cli/commands/shootings_command.h"
#include "cli/commands/kde_command.h"
#include "cli/commands/map_command.h"
#include "cli/commands/moran_command.h"
#include "cli/commands/near_repeat_command.h"
#include "cli/commands/ohsa_command.h"

namespace hotspot::cli {

void register_all_commands(CLI::App& app, CommandAction& action) {
  // In the order `hotspot --help` and README list them: the whole job first, then each step.
  register_run(app, action);
  register_info(app, action);
  register_kde(app, action);
  register_gistar(app, action);
  register_ohsa(app, action);
  register_emerging(app, action);
  register_moran(app, action);
  register_near_repeat(app, action);
  register_disparity(app, action);
  register_shootings(app, action);
  register_geocode(app, action);
  register_map(app, action);
  register_check_public(app, action);
}

}  // namespace hotspot::cli
