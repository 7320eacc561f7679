// Emerging hot spots on 1,000,000 points over 5 years: the benchmark points (benchmarks/bench_points.h) with dates
// drawn uniformly (seed 7) over 2020-01-01 .. 2024-12-31, a 1,000 ft fishnet over the Charlotte box (27,360 cells),
// monthly steps from a reference time of 2020-01-01 (60 steps), ArcGIS's defaults otherwise (band = the cell size,
// one earlier step, the whole cube as the global window, FDR). Each timed iteration bins the points into the cube,
// builds the location weights, and computes space-time Gi*, both Mann-Kendall trends and the 17 patterns.
//
//   build/benchmarks/engine_benchmarks --benchmark_filter=Emerging
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "benchmarks/bench_points.h"
#include "engine/core/timestamp.h"
#include "engine/hotspot/analysis_units.h"
#include "engine/spacetime/emerging.h"
#include "engine/spacetime/location_weights.h"
#include "engine/spacetime/space_time_cube.h"

namespace hotspot {
namespace {

constexpr int64_t kMsPerDay = 86400000LL;

void BM_Emerging_1M_Fishnet1000ft_60Months(benchmark::State& state) {
  const std::vector<Point> pts = bench::benchmark_points(1'000'000);
  const int64_t first = days_from_civil(2020, 1, 1), last = days_from_civil(2024, 12, 31);
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> day(first, last);
  std::vector<int64_t> times(pts.size());
  for (int64_t& t : times) t = day(rng) * kMsPerDay;
  times.front() = first * kMsPerDay;  // the whole span is covered, whatever the cap on points
  times.back() = last * kMsPerDay;
  const AnalysisGrid g = AnalysisGrid::square(bench::kCharlotteBox, 1000.0);
  TimeStepOptions to;
  to.length = TimeStepLength::kOneMonth;
  to.alignment = TimeAlignment::kReference;
  to.reference_day = first;
  WeightsOptions wo;
  wo.band_crs = 1000.0;
  wo.threads = static_cast<int>(state.range(0));
  size_t locations = 0, steps = 0;
  for (auto _ : state) {
    const SpaceTimeCube cube = build_space_time_cube(assign_to_grid(g, pts), times, to);
    const EmergingResult r = emerging_hot_spots(cube, location_weights(g, cube, wo), EmergingOptions{});
    benchmark::DoNotOptimize(r.locations.data());
    locations = cube.locations();
    steps = cube.steps();
  }
  state.counters["cells"] = static_cast<double>(g.size());
  state.counters["locations"] = static_cast<double>(locations);
  state.counters["steps"] = static_cast<double>(steps);
  state.SetLabel(bench::benchmark_points_label());
}
BENCHMARK(BM_Emerging_1M_Fishnet1000ft_60Months)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
