// The disparity regression at scale: 1,000,000 synthetic stops and 40 parameters (intercept; driver group, 6 levels;
// stop purpose, 10; division, 13; month, 12; sex, 2; age band, 2), each outcome drawn from a known logistic model
// (fixed seed). Times fit_logistic from the categorical values to the odds ratios with their intervals.
//
//   build/benchmarks/engine_benchmarks --benchmark_filter=Logistic --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "benchmarks/bench_points.h"
#include "engine/disparity/logistic_regression.h"

namespace hotspot {
namespace {

struct SyntheticStops {
  std::vector<uint8_t> outcome;
  std::vector<CategoricalTerm> terms;
};

// Levels named "<term> <i>"; level 0 of each term is the most frequent (the reference), the others share the rest.
SyntheticStops synthetic_stops(size_t n) {
  const std::vector<std::pair<std::string, int>> shape = {{"group", 6}, {"reason", 10}, {"division", 13},
                                                          {"month", 12}, {"sex", 2}, {"age_band", 2}};
  std::mt19937_64 rng(20261204);
  SyntheticStops s;
  std::vector<std::vector<double>> effect;  // per term and level, on the log-odds scale
  for (const auto& [name, levels] : shape) {
    s.terms.push_back({name, {}, ""});
    s.terms.back().values.reserve(n);
    std::vector<double> e(static_cast<size_t>(levels), 0.0);
    for (int l = 1; l < levels; ++l) e[static_cast<size_t>(l)] = 0.08 * ((l * 7) % 11) - 0.4;
    effect.push_back(e);
  }
  std::uniform_real_distribution<double> u(0, 1);
  s.outcome.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    double eta = -2.5;
    for (size_t t = 0; t < shape.size(); ++t) {
      const int levels = shape[t].second;
      const int level = u(rng) < 0.4 ? 0 : 1 + static_cast<int>(u(rng) * (levels - 1));
      s.terms[t].values.push_back(shape[t].first + " " + std::to_string(level));
      eta += effect[t][static_cast<size_t>(level)];
    }
    s.outcome.push_back(u(rng) < 1 / (1 + std::exp(-eta)) ? 1 : 0);
  }
  return s;
}

void BM_LogisticRegression40Parameters(benchmark::State& state) {
  const SyntheticStops stops = synthetic_stops(bench::benchmark_cap(static_cast<size_t>(state.range(0))));
  size_t parameters = 0;
  for (auto _ : state) {
    const LogisticFit fit = fit_logistic(stops.outcome, stops.terms);
    parameters = fit.coefficients.size();
    benchmark::DoNotOptimize(fit.deviance);
  }
  if (parameters != 40) state.SkipWithError("the model does not have 40 parameters");
  state.SetLabel(std::to_string(stops.outcome.size()) + " stops, " + std::to_string(parameters) + " parameters");
}
BENCHMARK(BM_LogisticRegression40Parameters)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
