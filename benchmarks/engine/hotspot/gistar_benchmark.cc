// Gi* on 1,000,000 clustered points over the Charlotte box (EPSG:2264, US ft).
//
// Points: HOTSPOT_GISTAR_POINTS=path to `gen_points.py -n 1000000 --seed 42 -o pts_1m.csv` (id,x,y). Without it
// the benchmarks are skipped (the 1M file is not committed). Aggregation into cells is outside the timed region;
// each timed iteration builds the spatial weights and computes the statistic (and the FDR bins / permutations).
//
//   HOTSPOT_GISTAR_POINTS=/tmp/pts_1m.csv build/benchmarks/engine_benchmarks --benchmark_filter=GiStar
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/fdr.h"
#include "engine/hotspot/gistar.h"
#include "engine/hotspot/spatial_weights.h"

namespace hotspot {
namespace {

const Extent kBox{1384000.0, 460000.0, 1536000.0, 640000.0};

const std::vector<Point>* points_1m() {
  static const std::vector<Point>* pts = []() -> const std::vector<Point>* {
    const char* path = std::getenv("HOTSPOT_GISTAR_POINTS");
    if (!path) return nullptr;
    std::ifstream in(path);
    if (!in) return nullptr;
    auto* out = new std::vector<Point>();
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const size_t a = line.find(','), b = line.find(',', a + 1);
      out->push_back({std::stod(line.substr(a + 1, b - a - 1)), std::stod(line.substr(b + 1)), 1.0});
    }
    return out;
  }();
  return pts;
}

std::vector<double> counts(const AnalysisGrid& g, const std::vector<Point>& pts) {
  return aggregate_units(assign_to_grid(g, pts), g.size(), {}, {}, {}).count;
}

// 250 ft fishnet (437,760 cells), 1000 ft band, analytic z and FDR bins.
void BM_GiStar_Fishnet250ft_Band1000ft_FdrBins(benchmark::State& state) {
  const auto* pts = points_1m();
  if (!pts) {
    state.SkipWithError("set HOTSPOT_GISTAR_POINTS to gen_points.py -n 1000000 --seed 42 output");
    return;
  }
  const AnalysisGrid g = AnalysisGrid::square(kBox, 250.0);
  const std::vector<double> x = counts(g, *pts);
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
}
BENCHMARK(BM_GiStar_Fishnet250ft_Band1000ft_FdrBins)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same job through the general KD-tree path (as zones and hexagons use), for comparison.
void BM_GiStar_Fishnet250ft_Band1000ft_KdTreePath(benchmark::State& state) {
  const auto* pts = points_1m();
  if (!pts) {
    state.SkipWithError("set HOTSPOT_GISTAR_POINTS");
    return;
  }
  const AnalysisGrid g = AnalysisGrid::square(kBox, 250.0);
  const std::vector<double> x = counts(g, *pts);
  const std::vector<Point> c = g.centroids();
  WeightsOptions wo;
  wo.band_crs = 1000.0;
  for (auto _ : state) {
    const SpatialWeights w = distance_weights(c, wo);
    const GiStarResult r = gi_star(x, w);
    benchmark::DoNotOptimize(confidence_bins(r.z, r.p, true).data());
  }
}
BENCHMARK(BM_GiStar_Fishnet250ft_Band1000ft_KdTreePath)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// 1000 ft fishnet (27,360 cells), 3000 ft band, 999 conditional permutations.
void BM_GiStar_Fishnet1000ft_Band3000ft_999Permutations(benchmark::State& state) {
  const auto* pts = points_1m();
  if (!pts) {
    state.SkipWithError("set HOTSPOT_GISTAR_POINTS");
    return;
  }
  const AnalysisGrid g = AnalysisGrid::square(kBox, 1000.0);
  const std::vector<double> x = counts(g, *pts);
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
}
BENCHMARK(BM_GiStar_Fishnet1000ft_Band3000ft_999Permutations)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace
}  // namespace hotspot
