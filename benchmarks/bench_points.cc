#include "benchmarks/bench_points.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "geo/read/csv_reader.h"

namespace hotspot::bench {
namespace {

constexpr size_t kReferenceCount = 1'000'000;
constexpr uint64_t kReferenceSeed = 42;

bool inside_box(double x, double y) {
  const Extent& b = kCharlotteBox;
  return x >= b.min_x && x < b.max_x && y >= b.min_y && y < b.max_y;
}

double parse_number(const std::string& text, const std::string& where) {
  double v = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || stop != end) throw std::runtime_error(where + ": not a number: '" + text + "'");
  return v;
}

// Points of the columns x_col, y_col of a CSV; rows whose coordinates are empty, zero or outside kCharlotteBox are
// left out when `keep_inside_box_only`, else they are an error.
std::vector<Point> read_xy(const std::string& path, const std::string& x_col, const std::string& y_col,
                           bool keep_inside_box_only) {
  CsvReader in(path);
  const int xi = in.column(x_col), yi = in.column(y_col);
  if (xi < 0 || yi < 0) throw std::runtime_error(path + ": needs columns " + x_col + " and " + y_col);
  std::vector<Point> pts;
  while (auto rec = in.next()) {
    const std::string where = path + " row " + std::to_string(rec->row);
    const auto n = static_cast<size_t>(std::max(xi, yi));
    if (!rec->error.empty() || rec->fields.size() <= n) {
      if (keep_inside_box_only) continue;
      throw std::runtime_error(where + ": malformed record " + rec->error);
    }
    const std::string& xs = rec->fields[static_cast<size_t>(xi)];
    const std::string& ys = rec->fields[static_cast<size_t>(yi)];
    if (keep_inside_box_only && (xs.empty() || ys.empty())) continue;
    const double x = parse_number(xs, where), y = parse_number(ys, where);
    if (keep_inside_box_only && !inside_box(x, y)) continue;
    pts.push_back({x, y, 1.0});
  }
  return pts;
}

const std::vector<Point>& bundled_incidents() {
  static const std::vector<Point> pts = [] {
    const std::string path = std::string(HOTSPOT_SOURCE_DIR) + "/data/charlotte/cmpd_incidents_sample.csv";
    std::vector<Point> p = read_xy(path, "X_COORD_PUBLIC", "Y_COORD_PUBLIC", true);
    if (p.empty()) throw std::runtime_error(path + ": no incident inside the benchmark box");
    return p;
  }();
  return pts;
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

size_t max_points() {
  const char* cap = env("HOTSPOT_BENCH_MAX_POINTS");
  if (!cap) return kReferenceCount;
  const double n = parse_number(cap, "HOTSPOT_BENCH_MAX_POINTS");
  if (n < 1) throw std::runtime_error("HOTSPOT_BENCH_MAX_POINTS must be at least 1");
  return static_cast<size_t>(n);
}

}  // namespace

size_t benchmark_cap(size_t wanted) { return std::min(wanted, max_points()); }

namespace {

// Every point the process may use: the HOTSPOT_BENCH_POINTS file, or the synthetic set (only as many as the cap
// lets a benchmark use; the points are drawn one after the other, so a shorter set is a prefix of the longer).
const std::vector<Point>& all_points() {
  static const std::vector<Point> pts = [] {
    if (const char* path = env("HOTSPOT_BENCH_POINTS")) return read_xy(path, "x", "y", false);
    SyntheticPointsOptions o;
    o.count = std::min(kReferenceCount, max_points());
    o.seed = kReferenceSeed;
    return synthetic_points(o);
  }();
  return pts;
}

void write_points_csv(const std::vector<Point>& pts, const std::string& path) {
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp);
    out << "id,x,y\n";
    out.setf(std::ios::fixed);
    out.precision(3);
    for (size_t i = 0; i < pts.size(); ++i) out << i + 1 << ',' << pts[i].x << ',' << pts[i].y << '\n';
    if (!out) throw std::runtime_error(tmp + ": cannot write");
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace

std::vector<Point> synthetic_points(const SyntheticPointsOptions& options) {
  const std::vector<Point>& incidents = bundled_incidents();
  const Extent& b = kCharlotteBox;
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  std::normal_distribution<double> offset_ft(0.0, options.scatter_ft);
  std::uniform_int_distribution<size_t> pick(0, incidents.size() - 1);
  std::vector<Point> pts;
  pts.reserve(options.count);
  while (pts.size() < options.count) {
    double x = 0.0, y = 0.0;
    if (u01(rng) < options.background_share) {
      x = b.min_x + b.width() * u01(rng);
      y = b.min_y + b.height() * u01(rng);
    } else {
      const Point& c = incidents[pick(rng)];
      x = c.x + offset_ft(rng);
      y = c.y + offset_ft(rng);
    }
    if (inside_box(x, y)) pts.push_back({x, y, 1.0});
  }
  return pts;
}

std::vector<Point> benchmark_points(size_t wanted) {
  const std::vector<Point>& all = all_points();
  const size_t n = std::min({wanted, max_points(), all.size()});
  return std::vector<Point>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
}

std::string benchmark_points_label() {
  return env("HOTSPOT_BENCH_POINTS") ? "points from HOTSPOT_BENCH_POINTS" : "synthetic points";
}

std::string benchmark_points_file(size_t wanted) {
  const size_t n = std::min({wanted, max_points(), all_points().size()});
  const char* given = env("HOTSPOT_BENCH_POINTS");
  if (given && n == all_points().size()) return given;
  // The synthetic set depends only on (n, seed, generator), so its file is reused (change the "v1" in its name with
  // the generator or the bundled incidents); a cut of a given file is rewritten every time.
  const std::string name = given ? "bench_points_cut_" + std::to_string(n) + ".csv"
                                 : "bench_points_v1_seed" + std::to_string(kReferenceSeed) + "_" + std::to_string(n) + ".csv";
  const std::string path = std::string(HOTSPOT_BENCH_CACHE_DIR) + "/" + name;
  if (given || !std::filesystem::exists(path)) write_points_csv(benchmark_points(n), path);
  return path;
}

}  // namespace hotspot::bench
