// Whole `hotspot` commands as a user runs them, I/O included: reading the 1,000,000-point CSV (with the record
// accounting), the computation and writing the output. The points are the benchmarks' own
// (benchmarks/bench_points.h), written once to a CSV in the build folder; HOTSPOT_BENCH_POINTS=FILE times that file.
//
//   build/benchmarks/cli_benchmarks --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "benchmarks/bench_points.h"

namespace hotspot {
namespace {

namespace fs = std::filesystem;

// A folder for one benchmark's outputs in the build folder, removed afterwards.
struct OutputDir {
  fs::path path = fs::path(HOTSPOT_BENCH_CACHE_DIR) / ("command-out-" + std::to_string(::getpid()));
  OutputDir() { fs::create_directories(path); }
  ~OutputDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// "--extent xmin,ymin,xmax,ymax" of the benchmark box.
std::string box_extent_flag() {
  const Extent& b = bench::kCharlotteBox;
  return "--extent " + std::to_string(b.min_x) + "," + std::to_string(b.min_y) + "," + std::to_string(b.max_x) + "," +
         std::to_string(b.max_y);
}

// Runs `hotspot COMMAND POINTS ARGS ... -o OUTPUT_NAME` once per iteration, with state.range(0) threads; a failing
// command stops the benchmark with its stderr as the error.
void time_command(benchmark::State& state, const std::string& command, const std::string& args,
                  const std::string& output_name) {
  const OutputDir out;
  const std::string input = bench::benchmark_points_file(1'000'000);
  const std::string log = (out.path / "stderr.txt").string();
  const std::string cmd = std::string(HOTSPOT_BINARY) + " " + command + " " + input + " " + args + " --x-col x --y-col y" +
                          " --source-crs EPSG:2264 --overwrite -q --threads " + std::to_string(state.range(0)) +
                          " " + box_extent_flag() + " -o " + (out.path / output_name).string() + " > /dev/null 2> " + log;
  for (auto _ : state) {
    const int status = std::system(cmd.c_str());
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::ifstream in(log);
      const std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      state.SkipWithError(("hotspot " + command + " failed: " + err).c_str());
      break;
    }
  }
  state.SetLabel(bench::benchmark_points_label());
}

// The KDE reference job: quartic, r = 2000 ft, 50 ft cells over the box (3,040 x 3,600), written as a COG.
void BM_KdeCommandReferenceJob(benchmark::State& state) {
  time_command(state, "kde", "-r 2000ft --cell-size 50ft --units per-sq-mile", "density.tif");
}
BENCHMARK(BM_KdeCommandReferenceJob)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Gi* on a 1,000 ft fishnet over the box (27,360 cells), 3,000 ft band, FDR bins, written as a GeoPackage.
void BM_GistarCommandFishnet1000ft(benchmark::State& state) {
  time_command(state, "gistar", "--cell-size 1000ft --band 3000ft", "gistar.gpkg");
}
BENCHMARK(BM_GistarCommandFishnet1000ft)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Optimized hot spot analysis: cell size and band chosen from the points, Gi* on the cells holding an incident,
// written as a GeoPackage with the choices in its metadata.
void BM_OhsaCommand(benchmark::State& state) { time_command(state, "ohsa", "", "ohsa.gpkg"); }
BENCHMARK(BM_OhsaCommand)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
