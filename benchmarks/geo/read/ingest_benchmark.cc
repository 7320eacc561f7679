// Whole-file ingest of a CSV export of 1,000,000 incidents (the benchmarks' points, bench_points.h, in EPSG:2264,
// each with a date and a category; one row in 1,000 has no x and is rejected), with 1 and 2 threads parsing.
// The file is written once to the temporary folder and kept, so `hotspot info` can be measured on it too:
//
//   build/benchmarks/geo_benchmarks --benchmark_filter=Ingest
//   /usr/bin/time -v build/cli/hotspot info /tmp/hotspot-ingest-bench-1000000.csv --x-col x --y-col y --source-crs EPSG:2264
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "benchmarks/bench_points.h"
#include "geo/read/ingest.h"

namespace hotspot {
namespace {

namespace fs = std::filesystem;

// The CSV of benchmark_points(n): id,x,y,date,category, written once.
std::string incidents_csv(size_t n) {
  const std::vector<Point> pts = bench::benchmark_points(n);
  const fs::path path = fs::temp_directory_path() / ("hotspot-ingest-bench-" + std::to_string(pts.size()) + ".csv");
  if (fs::exists(path)) return path.string();
  const char* categories[] = {"Larceny From Motor Vehicle", "Simple Assault", "\"Burglary, Breaking & Entering\"",
                              "Vandalism", "Aggravated Assault"};
  const fs::path temp = path.string() + ".part";
  {
    std::ofstream out(temp, std::ios::binary);
    out << "id,x,y,DATE_REPORTED,HIGHEST_NIBRS_DESCRIPTION\n";
    char line[256];
    for (size_t i = 0; i < pts.size(); ++i) {
      const int day = static_cast<int>(i % 28) + 1, month = static_cast<int>(i / 28 % 12) + 1;
      const int year = 2019 + static_cast<int>(i % 6);
      if (i % 1000 == 999)
        std::snprintf(line, sizeof line, "%zu,,%.1f,%04d-%02d-%02d 12:00:00,%s\n", i + 1, pts[i].y, year, month, day,
                      categories[i % 5]);
      else
        std::snprintf(line, sizeof line, "%zu,%.1f,%.1f,%04d-%02d-%02d 12:00:00,%s\n", i + 1, pts[i].x, pts[i].y, year,
                      month, day, categories[i % 5]);
      out << line;
    }
  }
  fs::rename(temp, path);
  return path.string();
}

void BM_IngestCsv1M(benchmark::State& state) {
  IngestOptions o;
  o.input_path = incidents_csv(1'000'000);
  o.x_column = "x";
  o.y_column = "y";
  o.source_crs = "EPSG:2264";
  o.threads = static_cast<int>(state.range(0));
  int64_t accepted = 0;
  for (auto _ : state) {
    const IngestResult r = ingest(o);
    accepted = r.accounting.accepted();
    benchmark::DoNotOptimize(r.records.data());
  }
  state.counters["accepted"] = static_cast<double>(accepted);
  state.SetLabel(bench::benchmark_points_label());
}
BENCHMARK(BM_IngestCsv1M)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hotspot
