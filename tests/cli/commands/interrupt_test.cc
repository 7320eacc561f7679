// An interrupted run (SIGINT, SIGTERM) leaves no partial output and says so.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

int run_and_signal(const std::string& rejects, int sig, std::string& err_text, const TempDir& d) {
  const std::string err = d.file("err.txt");
  const pid_t pid = fork();
  if (pid == 0) {
    setenv("HOTSPOT_TEST_COMMIT_DELAY_MS", "5000", 1);
    freopen(err.c_str(), "w", stderr);
    freopen("/dev/null", "w", stdout);
    const std::string input = testing::charlotte("cmpd_incidents_sample.csv");
    execl(HOTSPOT_BINARY, HOTSPOT_BINARY, "info", input.c_str(), "--rejects", rejects.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the temporary rejects file exists (the run is holding it before the rename), then interrupt.
  bool seen = false;
  for (int i = 0; i < 400 && !seen; ++i) {
    for (const std::string& e : d.entries())
      if (e.find(".partial-") != std::string::npos && e.ends_with(".csv")) seen = true;  // the held rejects file
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_TRUE(seen) << "the run never wrote its temporary output";
  kill(pid, sig);
  int status = 0;
  waitpid(pid, &status, 0);
  err_text = testing::read_file(err);
  std::filesystem::remove(err);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(InterruptTest, SigintAndSigtermLeaveNoPartialOutput) {
  for (int sig : {SIGINT, SIGTERM}) {
    TempDir d;
    std::string err;
    const int code = run_and_signal(d.file("rejects.csv"), sig, err, d);
    EXPECT_EQ(code, 128 + sig);
    EXPECT_NE(err.find("interrupted by"), std::string::npos) << err;
    EXPECT_NE(err.find("no partial outputs left"), std::string::npos) << err;
    EXPECT_TRUE(d.entries().empty()) << "left behind: " << (d.entries().empty() ? "" : d.entries()[0]);
  }
}

}  // namespace
}  // namespace hotspot
