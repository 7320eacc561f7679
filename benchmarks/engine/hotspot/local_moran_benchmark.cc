// Anselin Local Moran's I (Cluster and Outlier Analysis) on the counts of 1,000,000 clustered points in a 1,000 ft
// fishnet over the Charlotte box (27,360 cells), 3,000 ft band without self, row-standardised weights, conditional
// moments and 999 conditional permutations. Aggregation is outside the timed region; each iteration builds the
// weights and computes the statistic, the permutations and COType.
//
//   build/benchmarks/engine_benchmarks --benchmark_filter=LocalMoran
#include <benchmark/benchmark.h>

#include <vector>

#include "benchmarks/bench_points.h"
#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/local_moran.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot {
namespace {

void BM_LocalMoran_Fishnet1000ft_Band3000ft_999Permutations(benchmark::State& state) {
  const AnalysisGrid g = AnalysisGrid::square(bench::kCharlotteBox, 1000.0);
  const std::vector<Point> pts = bench::benchmark_points(1'000'000);
  const std::vector<double> x = aggregate_units(assign_to_grid(g, pts), g.size(), {}, {}, {}).count;
  WeightsOptions wo;
  wo.band_crs = 3000.0;
  wo.include_self = false;
  wo.threads = static_cast<int>(state.range(0));
  LocalMoranOptions lo;
  lo.permutations = 999;
  lo.seed = 42;
  lo.threads = wo.threads;
  for (auto _ : state) {
    const SpatialWeights w = fishnet_weights(g.ncols(), g.nrows(), g.cell_size(), {}, wo);
    const LocalMoranResult r = local_moran(x, w, lo);
    benchmark::DoNotOptimize(r.type.data());
  }
  state.counters["cells"] = static_cast<double>(g.size());
  state.SetLabel(bench::benchmark_points_label());
}
BENCHMARK(BM_LocalMoran_Fishnet1000ft_Band3000ft_999Permutations)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
