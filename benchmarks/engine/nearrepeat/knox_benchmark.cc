// The Knox near-repeat test on 50,000 incidents (benchmarks/bench_points.h's clustered Charlotte points, EPSG:2264
// US ft) with dates drawn uniformly over five years (fixed seed; whole days plus a time of day), bands 0, 400, 800,
// 1,200 ft x 0, 7, 14, 21 days, 999 date permutations: the spatial pairs through the KD-tree and every shuffle.
//
//   build/benchmarks/engine_benchmarks --benchmark_filter=Knox
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "benchmarks/bench_points.h"
#include "engine/nearrepeat/knox.h"

namespace hotspot {
namespace {

std::vector<double> five_years_of_days(size_t n) {
  std::mt19937_64 rng(20261204);
  std::uniform_int_distribution<int> day(0, 5 * 365);
  std::uniform_int_distribution<int> minute(0, 24 * 60 - 1);
  std::vector<double> days(n);
  for (double& d : days) d = day(rng) + minute(rng) / (24.0 * 60.0);
  return days;
}

void BM_Knox50kIncidents999Permutations(benchmark::State& state) {
  const std::vector<Point> pts = bench::benchmark_points(50'000);
  const std::vector<double> days = five_years_of_days(pts.size());
  KnoxOptions o;
  o.distance_edges_crs = {0, 400, 800, 1200};
  o.time_edges_days = {0, 7, 14, 21};
  o.permutations = 999;
  o.threads = static_cast<int>(state.range(0));
  int64_t pairs = 0;
  for (auto _ : state) {
    const KnoxResult r = knox_test(pts, days, o);
    pairs = r.spatial_pairs;
    benchmark::DoNotOptimize(r.pseudo_p.data());
  }
  state.counters["spatial_pairs"] = static_cast<double>(pairs);
  state.SetLabel(std::to_string(pts.size()) + " " + bench::benchmark_points_label());
}
BENCHMARK(BM_Knox50kIncidents999Permutations)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
