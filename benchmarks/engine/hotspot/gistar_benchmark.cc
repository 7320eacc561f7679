// Gi* on 1,000,000 clustered points over the Charlotte box (EPSG:2264, US ft).
//
// Points: benchmarks/bench_points.h (synthetic points clustered around the bundled incidents, or HOTSPOT_BENCH_POINTS
// for the peers' file). Aggregation into cells is outside the timed region; each timed iteration builds the spatial
// weights and computes the statistic (and the FDR bins / permutations).
//
//   build/benchmarks/engine_benchmarks --benchmark_filter=GiStar
#include <benchmark/benchmark.h>

#include <vector>

#include "benchmarks/bench_points.h"
#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/fdr.h"
#include "engine/hotspot/gistar.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot {
namespace {

// Incidents per cell of `g` for the benchmark points.
std::vector<double> counts(const AnalysisGrid& g) {
  const std::vector<Point> pts = bench::benchmark_points(1'000'000);
  return aggregate_units(assign_to_grid(g, pts), g.size(), {}, {}, {}).count;
}

// 250 ft fishnet (437,760 cells), 1000 ft band, analytic z and FDR bins.
void BM_GiStar_Fishnet250ft_Band1000ft_FdrBins(benchmark::State& state) {
  const AnalysisGrid g = AnalysisGrid::square(bench::kCharlotteBox, 250.0);
  const std::vector<double> x = counts(g);
  WeightsOptions wo;
  wo.band_crs = 1000.0;
  wo.threads = static_cast<int>(state.range(0));
  GiStarOptions go;
  go.threads = wo.threads;
  for (auto _ : state) {
    const SpatialWeights w = fishnet_weights(g.ncols(), g.nrows(), g.cell_size(), {}, wo);
    const GiStarResult r = gi_star(x, w, go);
    const std::vector<int> bins = confidence_bins(r.z, r.p, true);
    benchmark::DoNotOptimize(bins.data());
  }
  state.counters["cells"] = static_cast<double>(g.size());
  state.SetLabel(bench::benchmark_points_label());
}
BENCHMARK(BM_GiStar_Fishnet250ft_Band1000ft_FdrBins)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same job through the general KD-tree path (as zones and hexagons use), for comparison.
void BM_GiStar_Fishnet250ft_Band1000ft_KdTreePath(benchmark::State& state) {
  const AnalysisGrid g = AnalysisGrid::square(bench::kCharlotteBox, 250.0);
  const std::vector<double> x = counts(g);
  const std::vector<Point> c = g.centroids();
  WeightsOptions wo;
  wo.band_crs = 1000.0;
  for (auto _ : state) {
    const SpatialWeights w = distance_weights(c, wo);
    const GiStarResult r = gi_star(x, w);
    benchmark::DoNotOptimize(confidence_bins(r.z, r.p, true).data());
  }
}
BENCHMARK(BM_GiStar_Fishnet250ft_Band1000ft_KdTreePath)->Unit(benchmark::kMillisecond)->UseRealTime();

// 1000 ft fishnet (27,360 cells), 3000 ft band, 999 conditional permutations.
void BM_GiStar_Fishnet1000ft_Band3000ft_999Permutations(benchmark::State& state) {
  const AnalysisGrid g = AnalysisGrid::square(bench::kCharlotteBox, 1000.0);
  const std::vector<double> x = counts(g);
  WeightsOptions wo;
  wo.band_crs = 3000.0;
  wo.threads = static_cast<int>(state.range(0));
  GiStarOptions go;
  go.permutations = 999;
  go.seed = 42;
  go.threads = wo.threads;
  for (auto _ : state) {
    const SpatialWeights w = fishnet_weights(g.ncols(), g.nrows(), g.cell_size(), {}, wo);
    const GiStarResult r = gi_star(x, w, go);
    benchmark::DoNotOptimize(r.pseudo_p.data());
  }
  state.counters["cells"] = static_cast<double>(g.size());
  state.SetLabel(bench::benchmark_points_label());
}
BENCHMARK(BM_GiStar_Fishnet1000ft_Band3000ft_999Permutations)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
