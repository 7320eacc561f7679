// Optimized Hot Spot Analysis's choices on 1,000,000 clustered points over the Charlotte box (EPSG:2264, US ft):
// the incidents' nearest-neighbour distances and outliers (distinct locations, KD-tree), the cell size, the
// aggregation into the cells holding an incident, and the band from ten bands of Incremental Spatial
// Autocorrelation. The Gi* that follows is BM_GiStar_* (gistar_benchmark.cc); the whole command is
// BM_OhsaCommand (benchmarks/cli/commands/whole_command_benchmark.cc).
//
//   build/benchmarks/engine_benchmarks --benchmark_filter=Ohsa
#include <benchmark/benchmark.h>

#include <vector>

#include "benchmarks/bench_points.h"
#include "engine/hotspot/analysis_units.h"
#include "engine/hotspot/optimized_scale.h"

namespace hotspot {
namespace {

struct Units {
  AnalysisGrid grid;
  std::vector<int64_t> unit_of_cell;
  std::vector<Point> centroids;
  std::vector<double> counts;
};

Units occupied_cells(const std::vector<Point>& pts, double cell) {
  Units u{AnalysisGrid::square(bench::kCharlotteBox, cell), {}, {}, {}};
  const UnitAggregation agg = aggregate_units(assign_to_grid(u.grid, pts), u.grid.size(), {}, {}, {});
  u.unit_of_cell.assign(u.grid.size(), -1);
  for (size_t c = 0; c < u.grid.size(); ++c)
    if (agg.count[c] > 0) {
      u.unit_of_cell[c] = static_cast<int64_t>(u.counts.size());
      u.centroids.push_back(u.grid.centroid(static_cast<int64_t>(c)));
      u.counts.push_back(agg.count[c]);
    }
  return u;
}

// Outliers and cell size from the incidents.
void BM_OhsaCellSize(benchmark::State& state) {
  const std::vector<Point> pts = bench::benchmark_points(1'000'000);
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const NearestNeighbourSummary nn = nearest_neighbour_summary(pts, 3.0, threads);
    const CellSizeChoice c = optimized_cell_size(nn, bench::kCharlotteBox);
    benchmark::DoNotOptimize(c.cell_size_crs);
    state.counters["cell_ft"] = c.cell_size_crs;
  }
  state.SetLabel(bench::benchmark_points_label());
}
BENCHMARK(BM_OhsaCellSize)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The band: ten bands of Moran's I over the cells holding an incident at the chosen cell size, each band's weights
// from the fishnet stencil (as the command builds them; Arg 0 = the KD-tree path instead, 2 threads).
void BM_OhsaBand(benchmark::State& state) {
  const std::vector<Point> pts = bench::benchmark_points(1'000'000);
  const double cell = optimized_cell_size(nearest_neighbour_summary(pts), bench::kCharlotteBox).cell_size_crs;
  const Units u = occupied_cells(pts, cell);
  OptimizedBandOptions o;
  o.threads = state.range(0) == 0 ? 2 : static_cast<int>(state.range(0));
  BandWeights stencil;
  if (state.range(0) > 0)
    stencil = [&u](const WeightsOptions& wo) {
      return fishnet_weights(u.grid.ncols(), u.grid.nrows(), u.grid.cell_size(), u.unit_of_cell, wo);
    };
  for (auto _ : state) {
    const BandChoice b = optimized_band(u.centroids, u.counts, o, stencil);
    benchmark::DoNotOptimize(b.band_crs);
    state.counters["band_ft"] = b.band_crs;
  }
  state.counters["units"] = static_cast<double>(u.counts.size());
  state.SetLabel(bench::benchmark_points_label());
}
BENCHMARK(BM_OhsaBand)->Arg(1)->Arg(2)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
