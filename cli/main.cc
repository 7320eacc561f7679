// The `hotspot` command: dispatches to a subcommand and reports errors once.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands/commands.h"
#include "cli/pipeline/config_object.h"
#include "cli/pipeline/errors.h"
#include "geo/write/atomic_output.h"

int main(int argc, char** argv) {
  hotspot::install_interrupt_cleanup();
  CLI::App app{"hotspot: geospatial hotspot analysis for police incident data (kernel density, Getis-Ord Gi*, "
               "priority-area reports)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("hotspot ") + HOTSPOT_VERSION);
  hotspot::cli::CommandAction action;
  hotspot::cli::register_all_commands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : hotspot::cli::kExitUsage;
  }
  try {
    return action ? action() : hotspot::cli::kExitUsage;
  } catch (const hotspot::cli::UsageError& e) {
    hotspot::remove_all_partial_outputs();
    std::cerr << "hotspot: error: " << e.what() << "\n";
    return hotspot::cli::kExitUsage;
  } catch (const std::exception& e) {
    hotspot::remove_all_partial_outputs();
    std::cerr << "hotspot: error: " << e.what() << "\n";
    return hotspot::cli::kExitFailure;
  }
}
