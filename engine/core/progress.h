// Progress reporting for long work. The engine calls a Progress; the command line prints it on stderr.
#pragma once

#include <cstdint>
#include <string>

namespace hotspot {

class Progress {
 public:
  virtual ~Progress() = default;
  // `done` of `total` units of `stage` are finished. Called from one thread at a time, at a modest rate.
  virtual void update(const std::string& stage, int64_t done, int64_t total) = 0;
};

// Does nothing; the default everywhere.
class NullProgress final : public Progress {
 public:
  void update(const std::string&, int64_t, int64_t) override {}
};

}  // namespace hotspot
