#include "cli/pipeline/reference_spec.h"

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "engine/core/text.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

void read_query(const std::string& spec, const std::string& query, ReferenceSource& s) {
  std::stringstream qs(query);
  std::string kv;
  while (std::getline(qs, kv, '&')) {
    if (kv.empty()) continue;
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
      throw std::invalid_argument("'" + spec + "': '" + kv + "' is not key=value");
    const std::string k = lower(kv.substr(0, eq)), v = kv.substr(eq + 1);
    if (k == "layer") s.layer = v;
    else if (k == "crs" || k == "source_crs") s.source_crs = v;
    else if (k == "x") s.x_column = v;
    else if (k == "y") s.y_column = v;
    else s.fields[k] = v;  // roles are checked when the reference is loaded
  }
}

}  // namespace

ReferenceSource parse_reference_spec(const std::string& spec) {
  ReferenceSource s;
  std::string rest = spec;
  std::string query;
  if (const size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (const size_t eq = rest.find('='); eq != std::string::npos && eq > 0 && rest.find('/') > eq) {
    try {
      s.kind = parse_reference_kind(rest.substr(0, eq));
      rest = rest.substr(eq + 1);
    } catch (const std::invalid_argument&) {
      if (!fs::exists(rest)) throw;  // neither a kind nor a file named with '='
    }
  }
  if (rest.empty()) throw std::invalid_argument("'" + spec + "': no path");
  s.path = rest;
  read_query(spec, query, s);
  return s;
}

std::string reference_spec_text(const ReferenceSource& s) {
  std::string text = s.kind == ReferenceKind::kAuto ? s.path : std::string(to_string(s.kind)) + "=" + s.path;
  std::string query;
  auto add = [&query](const std::string& k, const std::string& v) {
    if (!v.empty()) query += (query.empty() ? "?" : "&") + k + "=" + v;
  };
  add("layer", s.layer);
  add("crs", s.source_crs);
  add("x", s.x_column);
  add("y", s.y_column);
  for (const auto& [role, column] : s.fields) add(role, column);
  return text + query;
}

}  // namespace hotspot::cli
