// Outputs are written under a temporary name beside the final one and renamed only when complete, so a failed or
// interrupted run never leaves a half-written file. One AtomicOutput covers a file and any sidecars that share its
// stem (a shapefile's .shx/.dbf/.prj/.cpg, a .qml style, a GeoTIFF's .aux.xml) or a whole output folder.
#pragma once

#include <string>
#include <vector>

namespace hotspot {

class AtomicOutput {
 public:
  // Refuses (std::runtime_error naming the path) when the final path exists and overwrite is false, or when its
  // folder does not exist or is not writable. Nothing is created until the caller writes to temp_path().
  AtomicOutput(const std::string& final_path, bool overwrite);
  ~AtomicOutput();  // removes every temporary file or folder that was not committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Where to write: same folder and extension, hidden stem ".<stem>.partial-<pid>-<n>".
  const std::string& temp_path() const { return temp_path_; }
  const std::string& final_path() const { return final_path_; }

  // Renames the temporary file (and each sidecar sharing its stem) or folder to the final name.
  void commit();

 private:
  void cleanup() noexcept;
  std::string final_path_;
  std::string temp_path_;
  std::string temp_stem_;   // folder + "/" + hidden stem, no extension
  std::string final_stem_;  // folder + "/" + stem, no extension
  bool overwrite_ = false;
  bool committed_ = false;
};

// Blocks SIGINT/SIGTERM/SIGHUP in the calling thread (call first thing in main, before any thread starts) and
// starts a watcher thread that, on such a signal, removes every uncommitted temporary output, prints
// "hotspot: interrupted by SIGINT; no partial outputs left" on stderr and exits with 128 + signal.
void install_interrupt_cleanup();

// Removes every registered temporary output now (used by the watcher and by tests).
void remove_all_partial_outputs() noexcept;

}  // namespace hotspot
