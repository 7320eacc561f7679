#include "cli/commands/stderr_progress.h"

#include <cstdio>
#include <unistd.h>

namespace hotspot::cli {

StderrProgress::~StderrProgress() {
  if (open_line_) std::fputc('\n', stderr);
}

void StderrProgress::update(const std::string& stage, int64_t done, int64_t total) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool finished = total > 0 && done >= total;
  if (stage == stage_ && !finished && now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  if (stage != stage_ && open_line_) std::fputc('\n', stderr);
  stage_ = stage;
  if (total > 0)
    std::fprintf(stderr, "%s%s: %lld / %lld (%.0f%%)", tty ? "\r" : "", stage.c_str(), static_cast<long long>(done),
                 static_cast<long long>(total), 100.0 * static_cast<double>(done) / static_cast<double>(total));
  else
    std::fprintf(stderr, "%s%s: %lld", tty ? "\r" : "", stage.c_str(), static_cast<long long>(done));
  if (tty && !finished) {
    open_line_ = true;
  } else {
    std::fputc('\n', stderr);
    open_line_ = false;
  }
  std::fflush(stderr);
}

}  // namespace hotspot::cli
