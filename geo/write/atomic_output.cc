#include "geo/write/atomic_output.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace hotspot {

namespace {

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}
std::set<std::string>& registry() {  // temp stems (files) or temp folders
  static std::set<std::string> r;
  return r;
}
std::atomic<int> counter{0};

// Removes "<stem>" itself (file or folder) and every "<stem>.*" sibling.
void remove_stem(const std::string& stem) noexcept {
  std::error_code ec;
  const fs::path p(stem);
  fs::remove_all(p, ec);
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string prefix = p.filename().string() + ".";
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove_all(it->path(), ec);
  }
}

}  // namespace

AtomicOutput::AtomicOutput(const std::string& final_path, bool overwrite) : final_path_(final_path), overwrite_(overwrite) {
  fs::path p(final_path);
  if (p.filename().empty()) p = p.parent_path();  // "out/" -> "out"
  final_path_ = p.string();
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error(final_path_ + ": output folder '" + dir.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    throw std::runtime_error(final_path_ + ": output folder '" + dir.string() + "' is not writable");
  if (fs::exists(p, ec) && !overwrite)
    throw std::runtime_error(final_path_ + ": already exists (pass --overwrite to replace it)");
  const std::string ext = p.extension().string();
  const std::string stem = p.stem().string();
  final_stem_ = (dir / stem).string();
  temp_stem_ = (dir / ("." + stem + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
  temp_path_ = temp_stem_ + ext;
  {
    std::lock_guard<std::mutex> lock(registry_mutex());
    registry().insert(temp_stem_);  // before anything exists on disk, so an interrupt can always clean up
  }
  // access() says yes to root everywhere; creating a file is the real test (read-only file systems, /proc, ...).
  const std::string probe = temp_stem_ + ".probe";
  const int fd = ::open(probe.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
  if (fd < 0) {
    const std::string why = std::strerror(errno);
    std::lock_guard<std::mutex> lock(registry_mutex());
    registry().erase(temp_stem_);
    throw std::runtime_error(final_path_ + ": cannot write in folder '" + dir.string() + "': " + why);
  }
  ::close(fd);
  ::unlink(probe.c_str());
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) cleanup();
  std::lock_guard<std::mutex> lock(registry_mutex());
  registry().erase(temp_stem_);
}

void AtomicOutput::cleanup() noexcept { remove_stem(temp_stem_); }

void AtomicOutput::commit() {
  // Test hook: hold the finished temporary output for a while so tests can interrupt a run at its last moment.
  if (const char* delay = std::getenv("HOTSPOT_TEST_COMMIT_DELAY_MS"))
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(delay)));
  std::error_code ec;
  const fs::path tp(temp_path_);
  if (!fs::exists(tp, ec)) throw std::runtime_error(final_path_ + ": nothing was written");
  // Collect the temp file/folder and its sidecars: "<temp_stem>.<rest>" -> "<final_stem>.<rest>".
  std::vector<std::pair<fs::path, fs::path>> moves;
  const fs::path dir = tp.parent_path().empty() ? fs::path(".") : tp.parent_path();
  const std::string tprefix = fs::path(temp_stem_).filename().string();
  const std::string fprefix = fs::path(final_stem_).filename().string();
  if (fs::path(temp_path_) == fs::path(temp_stem_)) moves.emplace_back(tp, fs::path(final_path_));
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(tprefix + ".", 0) == 0) moves.emplace_back(entry.path(), dir / (fprefix + name.substr(tprefix.size())));
  }
  for (const auto& [from, to] : moves) {
    if (fs::exists(to, ec)) {
      if (!overwrite_) throw std::runtime_error(to.string() + ": already exists (pass --overwrite to replace it)");
      fs::remove_all(to, ec);
    }
  }
  // A shapefile being replaced may leave sidecars of the old one (e.g. an old .cpg); remove stale siblings.
  for (const auto& [from, to] : moves) {
    fs::rename(from, to, ec);
    if (ec) throw std::runtime_error(to.string() + ": cannot move the finished output into place: " + ec.message());
  }
  committed_ = true;
}

void remove_all_partial_outputs() noexcept {
  std::lock_guard<std::mutex> lock(registry_mutex());
  for (const std::string& stem : registry()) remove_stem(stem);
}

void install_interrupt_cleanup() {
  static std::once_flag once;
  std::call_once(once, [] {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([set]() {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) return;
      remove_all_partial_outputs();
      const char* name = sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP";
      std::fprintf(stderr, "\nhotspot: interrupted by %s; no partial outputs left\n", name);
      std::fflush(stderr);
      ::_exit(128 + sig);
    }).detach();
  });
}

}  // namespace hotspot
