// The two ways an OptionTable is filled, and the documentation generated from it:
// - CliOptions binds every option to CLI11 flags (--key, -short, aliases; --key and --no-key for flags; the command's
//   positional INPUT...); apply() then parses every given value with the table's parsers, after CLI11 has parsed.
// - fill_from_config reads one JSON object of the run config with the same parsers; unknown keys are errors with a
//   "did you mean" (see ConfigObject).
// - options_markdown renders the README table of a set of options.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"

namespace CLI {
class App;
}

namespace hotspot::cli {

class ConfigObject;

class CliOptions {
 public:
  // Adds every command-line option of `table` to `app`. The table (and what it fills) must outlive the parse.
  void bind(CLI::App& app, OptionTable& table);
  // Parses the values given on the command line into the table's targets. Throws UsageError naming the flag.
  void apply();

 private:
  struct Bound {
    Option* option;
    std::shared_ptr<std::vector<std::string>> values;
    std::shared_ptr<int> negated;  // flags: how often --no-key was given
  };
  std::vector<Bound> bound_;
};

// Fills `table` from `obj`, resolving PATH values against `base_dir`. Throws ConfigError naming the key.
void fill_from_config(ConfigObject& obj, OptionTable& table, const std::string& base_dir);

// A Markdown table: key (config) | flag | default | help. `columns` names the section for the key column.
// ConfigColumn::none: a subcommand's own options, which no run-config section takes (flag, default, what).
enum class ConfigColumn { shown, none };
std::string options_markdown(const OptionTable& table, ConfigColumn column = ConfigColumn::shown);

// The help line CLI11 shows: help, allowed values and the default.
std::string help_line(const Option& o);

}  // namespace hotspot::cli
