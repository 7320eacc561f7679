#include "cli/pipeline/outputs.h"

#include <filesystem>

#include "cli/pipeline/errors.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

std::string Outputs::path(const std::string& given, const std::string& fixed_name) {
  const std::string p = is_folder() ? (fs::path(folder_) / fixed_name).string() : given;
  written_.push_back(p);
  return p;
}

std::string Outputs::find(const std::string& fixed_name) const {
  for (const std::string& p : written_)
    if (fs::path(p).filename() == fixed_name) return p;
  return "";
}

void Outputs::check_free(const std::string& path) const {
  std::error_code ec;
  if (!is_folder() && overwrite_ == Overwrite::refuse && fs::exists(path, ec))
    throw UsageError(path + ": already exists (pass --overwrite to replace it)");
}

std::vector<std::string> Outputs::written_names() const {
  std::vector<std::string> out;
  for (const std::string& p : written_) out.push_back(fs::path(p).filename().string());
  return out;
}

}  // namespace hotspot::cli
