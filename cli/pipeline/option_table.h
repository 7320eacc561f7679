// Options declared once. Each stage describes its options in an OptionTable: the key (the JSON config key, and the
// command-line flag --key with '_' written '-'), one line of help, the default as users read it, the allowed values,
// and the typed member it fills. The same text parser fills the member whether the value came from the command line
// or from the config file, so the two can never drift; `--help` and the README tables are generated from the table.
//
// A bad value throws UsageError naming the flag (`--radius: ...`) or the config key (`kde.radius: ...`).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/extent.h"
#include "engine/core/length.h"

namespace hotspot::cli {

struct Option {
  enum class Arity { kOne, kList, kFlag };

  std::string key;            // "radius", "cell_size": config key; the flag is --radius, --cell-size
  std::string short_flag;     // "r" for -r; empty = none
  std::vector<std::string> aliases;  // further long flags, e.g. "crs" for --analysis-crs
  std::string help;           // one line
  std::string default_text;   // as written in --help and the README; empty = none (or derived, said in help)
  std::vector<std::string> choices;  // allowed values, empty = any
  std::string value_name;     // "LENGTH", "PATH", "N", ...: the metavariable in --help
  Arity arity = Arity::kOne;
  bool required = false;
  bool positional = false;    // the command's INPUT...: a list given without a flag (config key still `key`)
  bool command_line = true;   // false: config only (the flag would make no sense, e.g. a folder layout)
  bool config = true;         // false: command line only (e.g. -q, which concerns the terminal)
  std::function<void(const std::string&)> assign;  // parses one value; throws std::invalid_argument
  std::function<void()> clear;                     // lists: drop the default before the first given value
  std::function<std::string()> show;               // the current value as text (manifests); lists comma-separated

  std::string flag() const;   // "--cell-size"
};

class OptionTable {
 public:
  // `section` is the config object the options live in ("kde"); empty = the top level.
  explicit OptionTable(std::string section = "") : section_(std::move(section)) {}

  const std::string& section() const { return section_; }
  const std::vector<Option>& options() const { return options_; }
  std::vector<Option>& options() { return options_; }
  const Option* find(const std::string& key) const;

  // Declarations. Each returns the option so a caller can set short_flag, required, etc.
  Option& text(const std::string& key, const std::string& help, std::string& target, const std::string& value_name = "TEXT");
  Option& path(const std::string& key, const std::string& help, std::string& target) { return text(key, help, target, "PATH"); }
  Option& texts(const std::string& key, const std::string& help, std::vector<std::string>& target,
                const std::string& value_name = "TEXT");
  Option& length(const std::string& key, const std::string& help, std::optional<Length>& target);
  Option& length(const std::string& key, const std::string& help, Length& target);
  Option& integer(const std::string& key, const std::string& help, int& target, int lo, int hi);
  Option& integer(const std::string& key, const std::string& help, int64_t& target, int64_t lo, int64_t hi);
  Option& seed(const std::string& key, const std::string& help, uint64_t& target);
  Option& number(const std::string& key, const std::string& help, double& target, double lo, double hi);
  Option& numbers(const std::string& key, const std::string& help, std::vector<double>& target, double lo, double hi);
  Option& flag(const std::string& key, const std::string& help, bool& target);
  // A flag that sets a two-value enum: `on` when given (or true), `off` with --no-key (or false).
  template <typename Enum>
  Option& flag(const std::string& key, const std::string& help, Enum& target, Enum off, Enum on);
  // "xmin,ymin,xmax,ymax" in analysis CRS units.
  Option& extent(const std::string& key, const std::string& help, std::optional<Extent>& target);
  template <typename Enum>
  Option& choice(const std::string& key, const std::string& help, Enum& target,
                 std::vector<std::pair<std::string, Enum>> names);

  // A list of values each read by `parse` (which throws std::invalid_argument) and written back by `write`.
  template <typename T, typename Parse, typename Text>
  Option& list(const std::string& key, const std::string& help, std::vector<T>& target, const std::string& value_name,
               Parse parse, Text write);

  // An option with its own parser (assign and show set by the caller).
  Option& add(Option o);

  // Assigns one value to `key` as the parsers do (tests, and settings a command derives from another option).
  void set(const std::string& key, const std::string& value);

 private:
  std::string section_;
  std::vector<Option> options_;
};

// Formatting helpers shared by the declarations.
std::string format_number(double v);

template <typename Enum>
Option& OptionTable::choice(const std::string& key, const std::string& help, Enum& target,
                            std::vector<std::pair<std::string, Enum>> names) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "NAME";
  for (const auto& [name, value] : names) {
    o.choices.push_back(name);
    if (value == target && o.default_text.empty()) o.default_text = name;
  }
  o.assign = [&target, names, key](const std::string& v) {
    for (const auto& [name, value] : names)
      if (name == v) {
        target = value;
        return;
      }
    std::string all;
    for (const auto& [name, value] : names) all += (all.empty() ? "" : ", ") + name;
    throw std::invalid_argument("'" + v + "' is not one of " + all);
  };
  o.show = [&target, names]() {
    for (const auto& [name, value] : names)
      if (value == target) return name;
    return std::string();
  };
  return add(std::move(o));
}

template <typename T, typename Parse, typename Text>
Option& OptionTable::list(const std::string& key, const std::string& help, std::vector<T>& target,
                          const std::string& value_name, Parse parse, Text write) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = value_name;
  o.arity = Option::Arity::kList;
  o.assign = [&target, parse](const std::string& v) { target.push_back(parse(v)); };
  o.clear = [&target]() { target.clear(); };
  o.show = [&target, write]() {
    std::string all;
    for (const T& v : target) all += (all.empty() ? "" : ",") + write(v);
    return all;
  };
  return add(std::move(o));
}

template <typename Enum>
Option& OptionTable::flag(const std::string& key, const std::string& help, Enum& target, Enum off, Enum on) {
  Option o;
  o.key = key;
  o.help = help;
  o.arity = Option::Arity::kFlag;
  o.default_text = target == on ? "true" : "false";
  o.assign = [&target, off, on](const std::string& v) {
    if (v == "true" || v == "1") target = on;
    else if (v == "false" || v == "0") target = off;
    else throw std::invalid_argument("must be true or false, got '" + v + "'");
  };
  o.show = [&target, on]() { return std::string(target == on ? "true" : "false"); };
  return add(std::move(o));
}

}  // namespace hotspot::cli
