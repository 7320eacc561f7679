#include "engine/core/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace hotspot {

namespace {

class SharedChunks final : public ChunkSource {
 public:
  SharedChunks(size_t n, const ParallelFor& how) : n_(n), how_(how), chunks_(chunk_count(n, how.chunk_size)) {}

  bool next(ChunkRange& c) override {
    if (c.end > c.begin) finished(c.end - c.begin);
    if (stopped_.load(std::memory_order_relaxed)) return false;
    const size_t k = next_.fetch_add(1, std::memory_order_relaxed);
    if (k >= chunks_) return false;
    c.index = k;
    c.begin = k * how_.chunk_size;
    c.end = std::min(n_, c.begin + how_.chunk_size);
    return true;
  }

  // Keeps the first exception and stops handing out chunks.
  void fail(std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(error_mutex_);
    if (!error_) error_ = e;
    stopped_ = true;
  }

  void rethrow_or_finish() {
    if (error_) std::rethrow_exception(error_);
    if (how_.progress) how_.progress->update(how_.stage, static_cast<int64_t>(n_), static_cast<int64_t>(n_));
  }

  size_t chunks() const { return chunks_; }

 private:
  void finished(size_t items) {
    const size_t done = done_.fetch_add(items, std::memory_order_relaxed) + items;
    if (!how_.progress || done >= n_ || !progress_mutex_.try_lock()) return;
    std::lock_guard<std::mutex> lock(progress_mutex_, std::adopt_lock);
    how_.progress->update(how_.stage, static_cast<int64_t>(done), static_cast<int64_t>(n_));
  }

  const size_t n_;
  const ParallelFor& how_;
  const size_t chunks_;
  std::atomic<size_t> next_{0};
  std::atomic<size_t> done_{0};
  std::atomic<bool> stopped_{false};
  std::mutex progress_mutex_;
  std::mutex error_mutex_;
  std::exception_ptr error_;
};

}  // namespace

int resolve_threads(int threads) {
  if (threads > 0) return threads;
  const unsigned h = std::thread::hardware_concurrency();
  return h == 0 ? 1 : static_cast<int>(h);
}

size_t chunk_count(size_t n, size_t chunk_size) {
  if (chunk_size == 0) throw std::invalid_argument("parallel_for: chunk size must be positive");
  return n / chunk_size + (n % chunk_size != 0 ? 1 : 0);
}

void run_workers(size_t n, const ParallelFor& how, const std::function<void(ChunkSource&)>& worker) {
  SharedChunks source(n, how);
  const size_t workers = std::min(static_cast<size_t>(resolve_threads(how.threads)), std::max<size_t>(1, source.chunks()));
  auto guarded = [&]() {
    try {
      worker(source);
    } catch (...) {
      source.fail(std::current_exception());
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t t = 1; t < workers; ++t) {
    try {
      pool.emplace_back(guarded);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the workers started so far (the caller at least) take every chunk
    }
  }
  guarded();
  for (std::thread& th : pool) th.join();
  source.rethrow_or_finish();
}

}  // namespace hotspot
