#include "cli/commands/command_docs.h"

#include <CLI/CLI.hpp>
#include <cctype>

#include "cli/commands/commands.h"

namespace hotspot::cli {

namespace {

// "hotspot kde INPUT... -o OUTPUT": the positional arguments and the required flags, as a user types them.
std::string usage(const CLI::App& sub) {
  std::string u = "hotspot " + sub.get_name();
  for (const CLI::Option* o : sub.get_options()) {
    if (!o->get_positional()) continue;
    std::string name;
    for (char c : o->get_name(true, false)) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (o->get_expected_max() > 1) name += "...";
    u += " " + name;
  }
  for (const CLI::Option* o : sub.get_options()) {
    if (o->get_positional() || !o->get_required()) continue;
    const std::vector<std::string>& shorts = o->get_snames();
    const std::string flag = shorts.empty() ? "--" + o->get_lnames().front() : "-" + shorts.front();
    std::string value;
    for (char c : o->get_lnames().front()) value += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    u += " " + flag + " " + value;
  }
  return u;
}

}  // namespace

std::string commands_markdown() {
  CLI::App app;
  CommandAction action;
  register_all_commands(app, action);
  std::string md = "| command | what it does |\n|---|---|\n";
  for (const CLI::App* sub : app.get_subcommands({})) {
    std::string what;
    for (char c : sub->get_description()) what += c == '*' ? std::string("\\*") : std::string(1, c);  // Gi\* in Markdown
    md += "| `" + usage(*sub) + "` | " + what + " |\n";
  }
  return md;
}

std::string with_command_docs(const std::string& text) {
  const std::string open = "<!-- commands -->\n", close = "<!-- /commands -->";
  const size_t a = text.find(open), b = text.find(close);
  if (a == std::string::npos || b == std::string::npos || b < a) return text;
  std::string out = text;
  out.replace(a + open.size(), b - a - open.size(), commands_markdown());
  return out;
}

}  // namespace hotspot::cli
