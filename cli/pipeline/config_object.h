// One JSON object of the run config being read: every key must be read once, or finish() reports it as unknown with
// the closest known key ("kde.radiuss: unknown key (did you mean 'radius'?)"). Errors name the file and key path.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace hotspot::cli {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ConfigObject {
 public:
  ConfigObject(const nlohmann::json& j, std::string path, const std::string& file);

  [[noreturn]] void fail(const std::string& msg, const std::string& key = "") const;
  // The value of `key` (marking it known), or nullptr when absent or null.
  const nlohmann::json* get(const std::string& key);
  std::string key_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  void str(const std::string& key, std::string& out);
  void path(const std::string& key, std::string& out, const std::string& base);
  void boolean(const std::string& key, bool& out);
  void integer(const std::string& key, int& out, int lo, int hi);
  void strings(const std::string& key, std::vector<std::string>& out);
  std::optional<ConfigObject> object(const std::string& key);
  // Reports the first key that was never read.
  void finish() const;

 private:
  const nlohmann::json& j_;
  std::string path_;
  std::string file_;
  std::set<std::string> known_;
};

// A relative path resolved against the config file's folder.
std::string resolve_config_path(const std::string& value, const std::string& base);

}  // namespace hotspot::cli
