// Small helpers shared by the test binaries: a temporary folder removed at the end of the test, file writing,
// and the path of the bundled data.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <vector>
#include <unistd.h>

namespace hotspot::testing {

inline std::string source_dir() { return HOTSPOT_SOURCE_DIR; }
inline std::string charlotte(const std::string& file) { return source_dir() + "/data/charlotte/" + file; }

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("hotspot-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(file(name), std::ios::binary) << content;
    return file(name);
  }
  // Names of the entries in the folder (to check that nothing partial is left behind).
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(path_)) out.push_back(e.path().filename().string());
    return out;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Whether PyQGIS (Debian's python3-qgis, installed by scripts/setup.sh) imports.
inline bool pyqgis_installed() {
  return std::system("QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1") == 0;
}

// The documented opt-out for local runs on a machine without the peer tools; CI never sets it.
inline bool missing_peers_allowed() {
  const char* allow = std::getenv("HOTSPOT_ALLOW_MISSING_PEERS");
  return allow && std::string(allow) == "1";
}

#ifdef HOTSPOT_BINARY
struct CommandRun {
  int code;
  std::string out;
  std::string err;
};

// Runs the real `hotspot` binary with `args` (shell syntax), capturing stdout and stderr via files in `d`; standard
// input is `stdin_path`.
inline CommandRun run_hotspot(const std::string& args, const TempDir& d, const std::string& stdin_path = "/dev/null") {
  const std::string out = d.file(".stdout.txt"), err = d.file(".stderr.txt");
  const std::string cmd = std::string(HOTSPOT_BINARY) + " " + args + " > " + out + " 2> " + err + " < " + stdin_path;
  const int status = std::system(cmd.c_str());
  CommandRun r{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_file(out), read_file(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}
#endif

}  // namespace hotspot::testing
