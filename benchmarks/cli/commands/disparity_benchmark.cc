// `hotspot disparity` on the bundled 127,192 CMPD traffic stops, as a user runs it: reading the tab-separated stops,
// the tables by division, stop purpose and officer race, the result mix, the logistic regression with five controls,
// the report, the CSVs and the division layer. The stops are decompressed once into the build folder (gzip -dc).
//
//   build/benchmarks/cli_benchmarks --benchmark_filter=Disparity --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace hotspot {
namespace {

namespace fs = std::filesystem;

const fs::path kCache = fs::path(HOTSPOT_BENCH_CACHE_DIR);

// The decompressed stops, written once; empty when gzip failed.
std::string stops_tsv() {
  const fs::path tsv = kCache / "cmpd_traffic_stops_2016_2017.tsv";
  if (fs::exists(tsv)) return tsv.string();
  const std::string gz = std::string(HOTSPOT_SOURCE_DIR) + "/data/charlotte/cmpd_traffic_stops_2016_2017.tsv.gz";
  const fs::path partial = kCache / (".stops-" + std::to_string(::getpid()) + ".tsv");
  if (std::system(("gzip -dc " + gz + " > " + partial.string()).c_str()) != 0) return "";
  fs::rename(partial, tsv);
  return tsv.string();
}

void BM_DisparityCommandBundledStops(benchmark::State& state) {
  const std::string stops = stops_tsv();
  if (stops.empty()) {
    state.SkipWithError("could not decompress the bundled stops with gzip");
    return;
  }
  const fs::path out = kCache / ("disparity-out-" + std::to_string(::getpid()));
  fs::create_directories(out);
  const std::string cmd =
      std::string(HOTSPOT_BINARY) + " disparity " + stops +
      " --group driver_race --group-rule hispanic-first --reference-group White --outcome search_conducted=Yes"
      " --by cmpd_division --zones " + HOTSPOT_SOURCE_DIR + "/data/charlotte/police_divisions/CMPD_Police_Divisions.shp"
      " --zone-key DNAME --controls reason,cmpd_division,driver_gender,driver_age:age-band,officer_race"
      " --overwrite -q --threads " + std::to_string(state.range(0)) + " -o " + (out / "disparity.gpkg").string() +
      " --report " + (out / "disparity.md").string() + " > /dev/null 2> /dev/null";
  for (auto _ : state) {
    const int status = std::system(cmd.c_str());
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("hotspot disparity failed");
      break;
    }
  }
  std::error_code ec;
  fs::remove_all(out, ec);
  state.SetLabel("127,192 stops");
}
BENCHMARK(BM_DisparityCommandBundledStops)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
