// One parallel loop for the engine: [0, n) cut into fixed chunks that a fixed number of workers take by index.
//
// Chunk k is always [k * chunk_size, min(n, (k + 1) * chunk_size)), whatever the number of threads, so code that
// writes each chunk's results to its own slot (or each item's to its own place) gives identical results for any
// thread count. The calling thread is one of the workers. The first exception thrown by a body stops the handing
// out of further chunks and is rethrown by parallel_for once every worker has finished.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>

#include "engine/core/progress.h"

namespace hotspot {

struct ParallelFor {
  int threads = 0;               // workers; 0: every hardware thread. Never more workers than chunks.
  size_t chunk_size = 256;       // items per chunk; required > 0
  Progress* progress = nullptr;  // optional: told the items finished after chunks (one thread at a time), n at the end
  std::string stage;             // the progress stage name; required with progress

  ParallelFor() = default;
  ParallelFor(int workers, size_t items_per_chunk, Progress* reporter = nullptr, std::string stage_name = {})
      : threads(workers), chunk_size(items_per_chunk), progress(reporter), stage(std::move(stage_name)) {}
};

// One chunk of the range: its index (0, 1, ...) and its items [begin, end).
struct ChunkRange {
  size_t index = 0;
  size_t begin = 0;
  size_t end = 0;
};

// The worker count `threads` asks for: itself when positive, else the hardware's thread count (at least 1).
int resolve_threads(int threads);

// The number of chunks [0, n) is cut into: ceil(n / chunk_size). Throws std::invalid_argument for chunk_size 0.
size_t chunk_count(size_t n, size_t chunk_size);

// Hands out the chunks of one loop; each worker calls next() until it returns false.
class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  virtual bool next(ChunkRange& chunk) = 0;
};

// Runs worker(source) on each of the loop's workers (the caller included); the building block of parallel_for.
void run_workers(size_t n, const ParallelFor& how, const std::function<void(ChunkSource&)>& worker);

// body(chunk) for every chunk of [0, n).
template <class Body>
void parallel_for(size_t n, const ParallelFor& how, Body&& body) {
  run_workers(n, how, [&](ChunkSource& source) {
    for (ChunkRange c; source.next(c);) body(c);
  });
}

// The same with scratch state: each worker calls make_state() once and passes the state to body(state, chunk).
template <class MakeState, class Body>
void parallel_for(size_t n, const ParallelFor& how, MakeState&& make_state, Body&& body) {
  run_workers(n, how, [&](ChunkSource& source) {
    auto state = make_state();
    for (ChunkRange c; source.next(c);) body(state, c);
  });
}

}  // namespace hotspot
