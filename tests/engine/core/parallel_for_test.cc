#include "engine/core/parallel_for.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

namespace hotspot {
namespace {

using ChunkTuple = std::tuple<size_t, size_t, size_t>;  // index, begin, end

std::vector<ChunkTuple> chunks_seen(size_t n, size_t chunk_size, int threads) {
  std::mutex m;
  std::vector<ChunkTuple> seen;
  parallel_for(n, ParallelFor{threads, chunk_size}, [&](const ChunkRange& c) {
    std::lock_guard<std::mutex> lock(m);
    seen.emplace_back(c.index, c.begin, c.end);
  });
  std::sort(seen.begin(), seen.end());
  return seen;
}

TEST(ParallelForTest, EveryItemOnceInFixedChunksWhateverTheThreadCount) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{256}, size_t{1000}, size_t{4099}}) {
    for (size_t chunk : {size_t{1}, size_t{3}, size_t{256}}) {
      // The expected chunks, written out from the definition: chunk k covers [k * chunk, min(n, (k + 1) * chunk)).
      std::vector<ChunkTuple> expected;
      for (size_t b = 0, k = 0; b < n; b += chunk, ++k) expected.emplace_back(k, b, std::min(n, b + chunk));
      EXPECT_EQ(chunk_count(n, chunk), expected.size()) << n << " items, chunks of " << chunk;
      for (int threads : {1, 2, 3, 8}) {
        EXPECT_EQ(chunks_seen(n, chunk, threads), expected) << n << " items, chunks of " << chunk << ", " << threads;
        std::vector<std::atomic<int>> visits(n);
        parallel_for(n, ParallelFor{threads, chunk}, [&](const ChunkRange& c) {
          for (size_t i = c.begin; i < c.end; ++i) ++visits[i];
        });
        for (size_t i = 0; i < n; ++i) ASSERT_EQ(visits[i].load(), 1) << "item " << i << " of " << n;
      }
    }
  }
}

TEST(ParallelForTest, ZeroChunkSizeIsRefused) {
  EXPECT_THROW(chunk_count(10, 0), std::invalid_argument);
  EXPECT_THROW(parallel_for(10, ParallelFor{2, 0}, [](const ChunkRange&) {}), std::invalid_argument);
}

TEST(ParallelForTest, ResolveThreads) {
  EXPECT_EQ(resolve_threads(3), 3);
  EXPECT_GE(resolve_threads(0), 1);
  EXPECT_EQ(resolve_threads(0), std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
}

// Two chunks that each wait for the other to start can only both finish when two workers run at once.
TEST(ParallelForTest, TwoThreadsRunTwoChunksAtOnce) {
  std::atomic<int> started{0};
  std::atomic<int> met{0};
  std::mutex m;
  std::set<std::thread::id> ids;
  parallel_for(2, ParallelFor{2, 1}, [&](const ChunkRange&) {
    ++started;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (started.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
    if (started.load() == 2) ++met;
    std::lock_guard<std::mutex> lock(m);
    ids.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(met.load(), 2);
  EXPECT_EQ(ids.size(), 2u);
}

TEST(ParallelForTest, StateIsMadeOncePerWorkerAndNoMoreWorkersThanChunks) {
  for (int threads : {1, 3, 8}) {
    for (size_t n : {size_t{2}, size_t{100}}) {
      std::atomic<int> made{0};
      std::atomic<size_t> items{0};
      parallel_for(
          n, ParallelFor{threads, 1},
          [&]() {
            ++made;
            return std::vector<int>(16, 0);
          },
          [&](std::vector<int>& scratch, const ChunkRange& c) {
            scratch[0] += 1;
            items += c.end - c.begin;
          });
      EXPECT_GE(made.load(), 1);
      EXPECT_LE(made.load(), std::min(threads, static_cast<int>(n))) << threads << " threads, " << n << " chunks";
      EXPECT_EQ(items.load(), n);
    }
  }
}

TEST(ParallelForTest, TheFirstExceptionReachesTheCaller) {
  for (int threads : {1, 2, 4}) {
    std::atomic<size_t> after{0};
    try {
      parallel_for(10000, ParallelFor{threads, 1}, [&](const ChunkRange& c) {
        if (c.index == 5) throw std::runtime_error("chunk 5 failed");
        if (c.index > 5) {
          ++after;
          // Slow chunks, so the bound below holds unless the failing worker is held up for seconds: at 1 ms a chunk
          // three other workers could run 9,000 of them only if the throw took 3 s to reach the hand-out.
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      });
      FAIL() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "chunk 5 failed");
    }
    // Chunks stop being handed out after the failure (the other workers finish the ones they hold).
    EXPECT_LT(after.load(), 9000u) << threads << " threads";
  }
  EXPECT_THROW(parallel_for(
                   100, ParallelFor{2, 1}, []() -> int { throw std::length_error("no scratch"); },
                   [](int&, const ChunkRange&) {}),
               std::length_error);
}

class RecordingProgress final : public Progress {
 public:
  void update(const std::string& stage, int64_t done, int64_t total) override {
    if (inside_.exchange(true)) concurrent_ = true;
    std::this_thread::yield();
    calls_.push_back({stage, done, total});
    inside_ = false;
  }
  struct Call {
    std::string stage;
    int64_t done, total;
  };
  std::vector<Call> calls_;
  std::atomic<bool> inside_{false};
  bool concurrent_ = false;
};

TEST(ParallelForTest, ProgressFromOneThreadAtATimeEndingWithTheTotal) {
  RecordingProgress p;
  parallel_for(5000, ParallelFor{4, 7, &p, "counting"}, [](const ChunkRange& c) {
    volatile double s = 0;
    for (size_t i = c.begin; i < c.end; ++i) s = s + static_cast<double>(i);
  });
  ASSERT_FALSE(p.calls_.empty());
  EXPECT_FALSE(p.concurrent_);
  for (const auto& c : p.calls_) {
    EXPECT_EQ(c.stage, "counting");
    EXPECT_EQ(c.total, 5000);
    EXPECT_GE(c.done, 0);
    EXPECT_LE(c.done, 5000);
  }
  EXPECT_EQ(p.calls_.back().done, 5000);
  EXPECT_EQ(std::count_if(p.calls_.begin(), p.calls_.end(), [](const auto& c) { return c.done == 5000; }), 1);
}

}  // namespace
}  // namespace hotspot
