// Kernel density on the reference job of the project: 1,000,000 clustered points, quartic, r = 2000 ft, 50 ft
// cells over x 1,384,000-1,536,000, y 460,000-640,000 (EPSG:2264): a 3,040 x 3,600 grid.
//
// Points: when HOTSPOT_KDE_POINTS names a CSV with columns id,x,y (for example the output of
// `/usr/bin/python3 shared/peers/gen_points.py -n 1000000 --seed 42 -o pts_1m.csv`, the file the peers are timed
// on), it is read; otherwise an equivalent set is generated here deterministically (six Gaussian clusters with
// s.d. 1.5k-9k ft plus 20 % uniform background in the same box, fixed seed). Only the computation is timed.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "engine/density/kde.h"

namespace {

using hotspot::Point;

constexpr double kXmin = 1'384'000, kYmin = 460'000, kXmax = 1'536'000, kYmax = 640'000;

std::vector<Point> read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open (HOTSPOT_KDE_POINTS)");
  std::string line;
  std::getline(in, line);  // header id,x,y[,weight]
  std::vector<Point> pts;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string id, x, y;
    std::getline(ls, id, ',');
    std::getline(ls, x, ',');
    std::getline(ls, y, ',');
    pts.push_back({std::stod(x), std::stod(y), 1.0});
  }
  return pts;
}

std::vector<Point> generate(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  const double w = kXmax - kXmin, h = kYmax - kYmin;
  struct Cluster {
    double cx, cy, sx, sy, rho;
  };
  std::vector<Cluster> cl;
  for (int k = 0; k < 6; ++k) {
    const double sx = 1500 + 7500 * u01(rng);
    cl.push_back({kXmin + (0.15 + 0.7 * u01(rng)) * w, kYmin + (0.15 + 0.7 * u01(rng)) * h, sx,
                  sx * (0.5 + u01(rng)), -0.5 + u01(rng)});
  }
  std::normal_distribution<double> nd(0.0, 1.0);
  std::vector<Point> pts;
  pts.reserve(n);
  const size_t n_bg = n / 5;
  while (pts.size() < n - n_bg) {
    const Cluster& c = cl[static_cast<size_t>(u01(rng) * 6.0) % 6];
    const double a = nd(rng), b = nd(rng);
    const double x = c.cx + c.sx * a, y = c.cy + c.sy * (c.rho * a + std::sqrt(1 - c.rho * c.rho) * b);
    if (x >= kXmin && x < kXmax && y >= kYmin && y < kYmax) pts.push_back({x, y, 1.0});
  }
  while (pts.size() < n) pts.push_back({kXmin + w * u01(rng), kYmin + h * u01(rng), 1.0});
  std::shuffle(pts.begin(), pts.end(), rng);
  return pts;
}

const std::vector<Point>& reference_points() {
  static const std::vector<Point> pts = [] {
    const char* path = std::getenv("HOTSPOT_KDE_POINTS");
    return path && *path ? read_csv(path) : generate(1'000'000, 42);
  }();
  return pts;
}

void run(benchmark::State& state, hotspot::KdeKernel kernel, size_t n_points) {
  const auto& all = reference_points();
  const std::span<const Point> pts(all.data(), std::min(n_points, all.size()));
  const hotspot::GridSpec grid = hotspot::GridSpec::covering({kXmin, kYmin, kXmax, kYmax}, 50.0);
  hotspot::KdeOptions o;
  o.kernel = kernel;
  o.radius_crs = 2000.0;
  o.sigma_crs = 707.0;  // per-axis s.d. of the quartic with r = 2000
  o.gaussian_truncation_sigmas = 8.0;
  o.threads = static_cast<int>(state.range(0));
  double checksum = 0.0;
  for (auto _ : state) {
    hotspot::Raster r = hotspot::kernel_density(pts, grid, o);
    checksum = r.values[r.values.size() / 2];
    benchmark::DoNotOptimize(r.values.data());
  }
  state.counters["points"] = static_cast<double>(pts.size());
  state.counters["cells"] = static_cast<double>(grid.cell_count());
  state.counters["mid_cell"] = checksum;
  state.SetLabel(std::getenv("HOTSPOT_KDE_POINTS") ? "points from HOTSPOT_KDE_POINTS" : "generated points");
}

void BM_KdeReferenceJobQuartic(benchmark::State& s) { run(s, hotspot::KdeKernel::kQuartic, 1'000'000); }
void BM_KdeEpanechnikov1M(benchmark::State& s) { run(s, hotspot::KdeKernel::kEpanechnikov, 1'000'000); }
void BM_KdeTriweight1M(benchmark::State& s) { run(s, hotspot::KdeKernel::kTriweight, 1'000'000); }
void BM_KdeUniform1M(benchmark::State& s) { run(s, hotspot::KdeKernel::kUniform, 1'000'000); }
void BM_KdeTriangular100k(benchmark::State& s) { run(s, hotspot::KdeKernel::kTriangular, 100'000); }
void BM_KdeGaussian8Sigma100k(benchmark::State& s) { run(s, hotspot::KdeKernel::kGaussian, 100'000); }

}  // namespace

BENCHMARK(BM_KdeReferenceJobQuartic)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_KdeEpanechnikov1M)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeTriweight1M)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeUniform1M)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeTriangular100k)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KdeGaussian8Sigma100k)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
