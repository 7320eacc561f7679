// Progress on stderr: one line per stage, updated in place on a terminal, at most a few times a second.
#pragma once

#include <chrono>
#include <string>

#include "engine/core/progress.h"

namespace hotspot::cli {

class StderrProgress final : public Progress {
 public:
  explicit StderrProgress(bool quiet = false) : quiet_(quiet) {}
  ~StderrProgress() override;
  void update(const std::string& stage, int64_t done, int64_t total) override;

 private:
  bool quiet_;
  std::string stage_;
  std::chrono::steady_clock::time_point last_{};
  bool open_line_ = false;
};

}  // namespace hotspot::cli
