// What `hotspot run` does to its output folder: refuses an existing one without --overwrite and leaves it as it
// was, replaces it with --overwrite, and leaves nothing behind when interrupted in the middle of the run.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "cli/commands/command.h"
#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

namespace fs = std::filesystem;

// Names and contents of every file under `dir`, relative to it.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out[fs::relative(e.path(), dir).string()] = e.is_regular_file() ? read_file(e.path().string()) : "(folder)";
  return out;
}

// A folder that already holds a file, as a previous run's folder would.
std::map<std::string, std::string> make_existing(const std::string& out) {
  fs::create_directories(out + "/sub");
  std::ofstream(out + "/report.md") << "an earlier report\n";
  std::ofstream(out + "/sub/notes.txt") << "kept by hand\n";
  return snapshot(out);
}

CommandRun run_into_existing(const TempDir& d, const std::string& out) {
  return run_config(charlotte_config(out), d, "-q");
}

TEST(RunFolderTest, ExistingFolderWithoutOverwriteIsRefusedAndLeftUntouched) {
  TempDir d;
  const std::string out = d.file("out");
  const auto before = make_existing(out);
  const CommandRun r = run_into_existing(d, out);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("already exists (pass --overwrite to replace it)"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(out), before);
  EXPECT_EQ(d.entries().size(), 2u);  // run.json and out: no temporary folder beside it
}

// An existing output without --overwrite is a usage error (exit 2) in `hotspot run` as in every other command.
TEST(RunFolderTest, ExistingFolderWithoutOverwriteExitsWithTheUsageCode) {
  TempDir d;
  const std::string out = d.file("out");
  make_existing(out);
  EXPECT_EQ(run_into_existing(d, out).code, cli::kExitUsage);
}

TEST(RunFolderTest, OverwriteReplacesTheWholeFolder) {
  TempDir d;
  const std::string out = d.file("out");
  make_existing(out);
  nlohmann::json cfg = charlotte_config(out);
  cfg["gistar"]["permutations"] = 0;
  cfg["map"]["enabled"] = false;
  const CommandRun r = run_config(cfg, d, "-q --overwrite");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(fs::exists(out + "/sub"));
  EXPECT_NE(read_file(out + "/report.md"), "an earlier report\n");
  EXPECT_TRUE(fs::exists(out + "/report.json"));
  EXPECT_TRUE(fs::exists(out + "/manifest.json"));
  EXPECT_EQ(d.entries().size(), 2u);
}

// The temporary folder of a run writing `out`: a hidden sibling ".out.partial-*", or "" when there is none.
std::string partial_folder(const TempDir& d) {
  for (const std::string& e : d.entries())
    if (e.rfind(".out.partial-", 0) == 0) return d.file(e);
  return "";
}

TEST(RunFolderTest, SigintInTheMiddleOfARunLeavesNoFolderAndNoTemporaryFiles) {
  TempDir d, logs;
  const std::string out = d.file("out");
  nlohmann::json cfg = charlotte_config(out);
  cfg["kde"]["cell_size"] = "40ft";  // some 9 million density cells: seconds of work after the first file is written
  const std::string config = d.write("run.json", cfg.dump(2));
  const std::string err = logs.file("err.txt");
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(err.c_str(), "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(126);
    execl(HOTSPOT_BINARY, HOTSPOT_BINARY, "run", config.c_str(), "--threads", "1", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the run has put a first file (rejects.csv, written by the ingest stage) in its temporary folder.
  bool mid_run = false;
  for (int i = 0; i < 3000 && !mid_run; ++i) {
    const std::string p = partial_folder(d);
    std::error_code ec;
    mid_run = !p.empty() && fs::exists(p + "/rejects.csv", ec);
    if (!mid_run) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(mid_run) << "the run never wrote into its temporary folder";
  EXPECT_TRUE(fs::exists(partial_folder(d) + "/rejects.csv"));
  EXPECT_FALSE(fs::exists(partial_folder(d) + "/report.json")) << "the run was not in its middle";
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGINT);
  const std::string text = read_file(err);
  EXPECT_NE(text.find("interrupted by SIGINT; no partial outputs left"), std::string::npos) << text;
  EXPECT_EQ(d.entries(), std::vector<std::string>{"run.json"});
  const std::string mark = ".partial-" + std::to_string(pid) + "-";
  for (const auto& e : fs::directory_iterator(fs::temp_directory_path()))
    EXPECT_EQ(e.path().filename().string().find(mark), std::string::npos) << e.path();
}

}  // namespace
}  // namespace hotspot::testing
