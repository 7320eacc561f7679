// The incident points every benchmark runs on, from one place.
//
// By default a synthetic set is generated (fixed seed, so every run and every machine with the same standard library
// times the same points): a smoothed bootstrap of the bundled CMPD incidents (data/charlotte/cmpd_incidents_sample.csv,
// EPSG:2264 US ft), i.e. each point is a randomly drawn real incident moved by a Gaussian offset, plus a uniform
// background, so the clusters sit where Charlotte's incidents do. HOTSPOT_BENCH_POINTS=FILE (a CSV with columns
// id,x,y in EPSG:2264, such as `gen_points.py -n 1000000 --seed 42` writes for the peer tools) replaces the synthetic
// set. HOTSPOT_BENCH_MAX_POINTS=N caps the number of points every benchmark uses (the CTest smoke run sets it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/extent.h"
#include "engine/core/point.h"

namespace hotspot::bench {

// The reference job's box over Charlotte (EPSG:2264, US ft): 152,000 x 180,000 ft.
inline const Extent kCharlotteBox{1'384'000.0, 460'000.0, 1'536'000.0, 640'000.0};

struct SyntheticPointsOptions {
  size_t count = 1'000'000;          // points generated; required > 0
  uint64_t seed = 42;                // random seed
  double scatter_ft = 600.0;         // s.d. of each point's Gaussian offset from its incident (per axis)
  double background_share = 0.10;    // share of points uniform over kCharlotteBox, in [0, 1]
};

// Points inside kCharlotteBox clustered around the bundled incidents (see above). Throws std::runtime_error when the
// bundled file cannot be read.
std::vector<Point> synthetic_points(const SyntheticPointsOptions& options);

// The points for this run: the HOTSPOT_BENCH_POINTS file (columns id,x,y; a bad record throws std::runtime_error
// naming the file and row) or the synthetic 1,000,000, at most `wanted` of them and never more than
// HOTSPOT_BENCH_MAX_POINTS. Read or generated once per process.
std::vector<Point> benchmark_points(size_t wanted);

// `wanted`, or HOTSPOT_BENCH_MAX_POINTS when that is smaller: the size of any synthetic input (records, stops).
size_t benchmark_cap(size_t wanted);

// "points from HOTSPOT_BENCH_POINTS" or "synthetic points", for a benchmark's label.
std::string benchmark_points_label();

// A CSV file (id,x,y) holding benchmark_points(wanted), for benchmarks of whole commands: the HOTSPOT_BENCH_POINTS
// file itself when it is set and no cap applies, else a file written once into the build folder and reused.
std::string benchmark_points_file(size_t wanted);

}  // namespace hotspot::bench
