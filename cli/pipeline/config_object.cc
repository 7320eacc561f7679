#include "cli/pipeline/config_object.h"

#include <algorithm>
#include <filesystem>

#include "engine/core/closest_names.h"

namespace hotspot::cli {

std::string resolve_config_path(const std::string& value, const std::string& base) {
  namespace fs = std::filesystem;
  if (value.empty()) return value;
  return fs::path(value).is_absolute() ? value : (fs::path(base) / value).lexically_normal().string();
}

ConfigObject::ConfigObject(const nlohmann::json& j, std::string path, const std::string& file)
    : j_(j), path_(std::move(path)), file_(file) {
  if (!j_.is_object()) fail(path_.empty() ? "the config must be a JSON object" : "must be an object");
}

void ConfigObject::fail(const std::string& msg, const std::string& key) const {
  std::string where = path_;
  if (!key.empty()) where += (where.empty() ? "" : ".") + key;
  throw ConfigError(file_ + ": " + (where.empty() ? "" : where + ": ") + msg);
}

const nlohmann::json* ConfigObject::get(const std::string& key) {
  known_.insert(key);
  auto it = j_.find(key);
  return it == j_.end() || it->is_null() ? nullptr : &*it;
}

void ConfigObject::str(const std::string& key, std::string& out) {
  if (const nlohmann::json* v = get(key)) {
    if (!v->is_string()) fail("must be a string", key);
    out = v->get<std::string>();
  }
}

void ConfigObject::path(const std::string& key, std::string& out, const std::string& base) {
  std::string s;
  str(key, s);
  if (!s.empty()) out = resolve_config_path(s, base);
}

void ConfigObject::boolean(const std::string& key, bool& out) {
  if (const nlohmann::json* v = get(key)) {
    if (!v->is_boolean()) fail("must be true or false", key);
    out = v->get<bool>();
  }
}

void ConfigObject::integer(const std::string& key, int& out, int lo, int hi) {
  if (const nlohmann::json* v = get(key)) {
    if (!v->is_number_integer()) fail("must be a whole number", key);
    const auto x = v->get<int64_t>();
    if (x < lo || x > hi) fail("must be between " + std::to_string(lo) + " and " + std::to_string(hi), key);
    out = static_cast<int>(x);
  }
}

void ConfigObject::strings(const std::string& key, std::vector<std::string>& out) {
  if (const nlohmann::json* v = get(key)) {
    if (!v->is_array()) fail("must be a list of strings", key);
    out.clear();
    for (const nlohmann::json& e : *v) {
      if (!e.is_string()) fail("must be a list of strings", key);
      out.push_back(e.get<std::string>());
    }
  }
}

std::optional<ConfigObject> ConfigObject::object(const std::string& key) {
  if (const nlohmann::json* v = get(key)) return ConfigObject(*v, key_path(key), file_);
  return std::nullopt;
}

void ConfigObject::finish() const {
  for (auto it = j_.begin(); it != j_.end(); ++it) {
    if (known_.count(it.key())) continue;
    std::string best;
    size_t best_d = 3;
    for (const std::string& k : known_) {
      const size_t d = edit_distance_ignoring_case(it.key(), k);
      if (d < best_d) {
        best_d = d;
        best = k;
      }
    }
    fail(std::string("unknown key") + (best.empty() ? "" : " (did you mean '" + best + "'?)"), it.key());
  }
}

}  // namespace hotspot::cli
