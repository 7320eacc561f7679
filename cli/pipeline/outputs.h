// Where stages write. A subcommand writes to the paths its user gave (Outputs::explicit_paths); `hotspot run` writes
// fixed names into one folder that the caller commits atomically and lists in the manifest (Outputs::in_folder).
// Either way every path written is recorded, in order.
#pragma once

#include <string>
#include <vector>

namespace hotspot::cli {

enum class Overwrite { refuse, allow };

class Outputs {
 public:
  static Outputs explicit_paths(Overwrite overwrite) { return Outputs("", overwrite); }
  // The folder must exist and be empty (a temporary folder the caller renames when every stage is done).
  static Outputs in_folder(std::string folder) { return Outputs(std::move(folder), Overwrite::allow); }

  bool is_folder() const { return !folder_.empty(); }
  Overwrite overwrite() const { return overwrite_; }
  bool overwrite_allowed() const { return overwrite_ == Overwrite::allow; }

  // The path to write: `given` for explicit paths, folder/fixed_name in a folder. Recorded as written.
  std::string path(const std::string& given, const std::string& fixed_name);
  // The path of a file already recorded under `fixed_name` (folder) or `given`; empty when none was written.
  std::string find(const std::string& fixed_name) const;
  // Throws UsageError when `path` exists and overwriting is refused (checked before any input is read).
  void check_free(const std::string& path) const;
  // Records a file a writer produced beside another (a .qml sidecar, say).
  void record(const std::string& path) { written_.push_back(path); }
  const std::vector<std::string>& written() const { return written_; }  // full paths, in order
  std::vector<std::string> written_names() const;                        // file names, in order

 private:
  Outputs(std::string folder, Overwrite o) : folder_(std::move(folder)), overwrite_(o) {}
  std::string folder_;
  Overwrite overwrite_;
  std::vector<std::string> written_;
};

}  // namespace hotspot::cli
