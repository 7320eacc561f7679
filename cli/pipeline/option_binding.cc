#include "cli/pipeline/option_binding.h"

#include <CLI/CLI.hpp>
#include <sstream>

#include "cli/pipeline/config_object.h"
#include "cli/pipeline/errors.h"

namespace hotspot::cli {

namespace {

std::string flag_names(const Option& o) {
  std::string names;
  if (!o.short_flag.empty()) names = "-" + o.short_flag + ",";
  names += o.flag();
  for (const std::string& a : o.aliases) names += ",--" + a;
  return names;
}

// A JSON scalar as the text the option parsers read.
std::string scalar_text(const nlohmann::json& v, ConfigObject& obj, const std::string& key, const Option& o) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number() && o.value_name == "LENGTH")
    obj.fail("must be a length with a unit in quotes, e.g. \"2000ft\", \"600m\", \"0.5mi\"", key);
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return format_number(v.get<double>());
  obj.fail("must be a single value", key);
}

}  // namespace

std::string help_line(const Option& o) {
  std::string h = o.help;
  if (!o.choices.empty()) {
    std::string all;
    for (const std::string& c : o.choices) all += (all.empty() ? "" : ", ") + c;
    h += " (" + all + ")";
  }
  if (!o.default_text.empty() && o.arity != Option::Arity::kFlag) h += " [default: " + o.default_text + "]";
  return h;
}

void CliOptions::bind(CLI::App& app, OptionTable& table) {
  for (Option& o : table.options()) {
    if (!o.command_line) continue;
    Bound b{&o, std::make_shared<std::vector<std::string>>(), std::make_shared<int>(0)};
    if (o.positional) {
      app.add_option(o.value_name, *b.values, help_line(o))->required(o.required);
    } else if (o.arity == Option::Arity::kFlag) {
      auto values = b.values;
      app.add_flag_callback(flag_names(o), [values]() { values->push_back("true"); }, help_line(o));
      auto negated = b.negated;
      if (o.default_text == "true")
        app.add_flag_callback("--no-" + o.flag().substr(2), [negated]() { ++*negated; }, "Turn off: " + o.help);
    } else {
      CLI::Option* opt = app.add_option(flag_names(o), *b.values, help_line(o));
      opt->type_name(o.value_name);
      if (o.arity == Option::Arity::kOne) opt->expected(1);
      else opt->expected(1, -1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
      opt->required(o.required);
    }
    bound_.push_back(b);
  }
}

void CliOptions::apply() {
  for (Bound& b : bound_) {
    Option& o = *b.option;
    const std::string name = o.positional ? o.value_name : o.flag();
    try {
      if (*b.negated > 0) {
        o.assign("false");
        continue;
      }
      if (b.values->empty()) continue;
      if (o.arity == Option::Arity::kList && o.clear) o.clear();
      if (o.arity == Option::Arity::kOne && b.values->size() > 1)
        throw std::invalid_argument("given " + std::to_string(b.values->size()) + " times; give it once");
      for (const std::string& v : *b.values) o.assign(v);
    } catch (const UsageError&) {
      throw;
    } catch (const std::invalid_argument& e) {
      throw UsageError(name + ": " + e.what());
    }
  }
}

void fill_from_config(ConfigObject& obj, OptionTable& table, const std::string& base_dir) {
  for (Option& o : table.options()) {
    if (!o.config) continue;
    const nlohmann::json* v = obj.get(o.key);
    if (!v) continue;
    try {
      auto one = [&](const nlohmann::json& e) {
        std::string text = scalar_text(e, obj, o.key, o);
        if (o.value_name == "PATH" || o.value_name == "INPUT") text = resolve_config_path(text, base_dir);
        o.assign(text);
      };
      if (o.arity == Option::Arity::kList) {
        if (o.clear) o.clear();
        if (v->is_array()) {
          for (const nlohmann::json& e : *v) one(e);
        } else {
          one(*v);
        }
      } else {
        if (v->is_array()) obj.fail("must be a single value, not a list", o.key);
        if (o.arity == Option::Arity::kFlag && !v->is_boolean()) obj.fail("must be true or false", o.key);
        one(*v);
      }
    } catch (const std::invalid_argument& e) {
      obj.fail(e.what(), o.key);
    }
  }
}

std::string options_markdown(const OptionTable& table, ConfigColumn column) {
  std::ostringstream md;
  const std::string prefix = table.section().empty() ? "" : table.section() + ".";
  const bool keys = column == ConfigColumn::shown;
  md << (keys ? "| config key | flag | default | what |\n|---|---|---|---|\n" : "| flag | default | what |\n|---|---|---|\n");
  for (const Option& o : table.options()) {
    std::string key = o.config ? "`" + prefix + o.key + "`" : "(command line only)";
    std::string flag;
    if (!o.command_line) flag = "(config only)";
    else if (o.positional) flag = "`" + o.value_name + "...`";
    else {
      flag = "`" + o.flag() + "`";
      if (!o.short_flag.empty()) flag = "`-" + o.short_flag + "`, " + flag;
      for (const std::string& a : o.aliases) flag += ", `--" + a + "`";
      if (o.arity == Option::Arity::kFlag && o.default_text == "true") flag += ", `--no-" + o.flag().substr(2) + "`";
    }
    std::string what = o.help;
    if (!o.choices.empty()) {
      std::string all;
      for (const std::string& c : o.choices) all += (all.empty() ? "" : ", ") + c;
      what += ": " + all;
    }
    if (o.arity == Option::Arity::kList) what += o.config ? " (repeatable; a list in the config)" : " (repeatable)";
    for (char& c : what)
      if (c == '|') c = '/';
    md << "| " << (keys ? key + " | " : "") << flag << " | " << (o.default_text.empty() ? "" : "`" + o.default_text + "`")
       << " | " << what << " |\n";
  }
  return md.str();
}

}  // namespace hotspot::cli
