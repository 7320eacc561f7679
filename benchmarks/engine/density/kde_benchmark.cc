// Kernel density on the reference job of the project: 1,000,000 clustered points, quartic, r = 2000 ft, 50 ft
// cells over x 1,384,000-1,536,000, y 460,000-640,000 (EPSG:2264): a 3,040 x 3,600 grid.
//
// Points: benchmarks/bench_points.h (synthetic points clustered around the bundled incidents, or HOTSPOT_BENCH_POINTS
// for the peers' file). Only the computation is timed.
#include <benchmark/benchmark.h>

#include <vector>

#include "benchmarks/bench_points.h"
#include "engine/density/kde.h"

namespace {

using hotspot::Point;

void run(benchmark::State& state, hotspot::KdeKernel kernel, size_t n_points) {
  const std::vector<Point> pts = hotspot::bench::benchmark_points(n_points);
  const hotspot::GridSpec grid = hotspot::GridSpec::covering(hotspot::bench::kCharlotteBox, 50.0);
  hotspot::KdeOptions o;
  o.kernel = kernel;
  o.radius_crs = 2000.0;
  o.sigma_crs = 707.0;  // per-axis s.d. of the quartic with r = 2000
  o.gaussian_truncation_sigmas = 8.0;
  o.threads = static_cast<int>(state.range(0));
  double checksum = 0.0;
  for (auto _ : state) {
    hotspot::Raster r = hotspot::kernel_density(pts, grid, o);
    checksum = r.values[r.values.size() / 2];
    benchmark::DoNotOptimize(r.values.data());
  }
  state.counters["points"] = static_cast<double>(pts.size());
  state.counters["cells"] = static_cast<double>(grid.cell_count());
  state.counters["mid_cell"] = checksum;
  state.SetLabel(hotspot::bench::benchmark_points_label());
}

void BM_KdeReferenceJobQuartic(benchmark::State& s) { run(s, hotspot::KdeKernel::kQuartic, 1'000'000); }
void BM_KdeEpanechnikov1M(benchmark::State& s) { run(s, hotspot::KdeKernel::kEpanechnikov, 1'000'000); }
void BM_KdeTriweight1M(benchmark::State& s) { run(s, hotspot::KdeKernel::kTriweight, 1'000'000); }
void BM_KdeUniform1M(benchmark::State& s) { run(s, hotspot::KdeKernel::kUniform, 1'000'000); }
void BM_KdeTriangular100k(benchmark::State& s) { run(s, hotspot::KdeKernel::kTriangular, 100'000); }
void BM_KdeGaussian8Sigma100k(benchmark::State& s) { run(s, hotspot::KdeKernel::kGaussian, 100'000); }

}  // namespace

BENCHMARK(BM_KdeReferenceJobQuartic)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeEpanechnikov1M)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeTriweight1M)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeUniform1M)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeTriangular100k)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeGaussian8Sigma100k)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
