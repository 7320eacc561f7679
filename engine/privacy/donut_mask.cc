#include "engine/privacy/donut_mask.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "engine/core/parallel_for.h"

namespace hotspot {

namespace {

// SplitMix64 (Steele, Lea and Flood 2014): a counter-based generator, so each point's numbers come from (seed, i).
uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Uniform in [0, 1) from the top 53 bits.
double unit_uniform(uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

}  // namespace

std::vector<Point> donut_mask(PointSpan points, const DonutOptions& o, double crs_unit_m) {
  const double lo = o.min_displacement.in_crs_units(crs_unit_m), hi = o.max_displacement.in_crs_units(crs_unit_m);
  if (!(lo > 0.0 && hi > lo && std::isfinite(hi)))
    throw std::invalid_argument("donut geomasking needs 0 < minimum displacement < maximum displacement");
  std::vector<Point> out(points.begin(), points.end());
  const uint64_t stream = splitmix64(o.seed);
  parallel_for(points.size(), ParallelFor(o.threads, 4096), [&](const ChunkRange& c) {
    for (size_t i = c.begin; i < c.end; ++i) {
      const uint64_t a = splitmix64(stream ^ (2 * i)), b = splitmix64(stream ^ (2 * i + 1));
      const double r = std::sqrt(unit_uniform(a) * (hi * hi - lo * lo) + lo * lo);
      const double theta = 2.0 * std::numbers::pi * unit_uniform(b);
      out[i].x += r * std::cos(theta);
      out[i].y += r * std::sin(theta);
    }
  });
  return out;
}

}  // namespace hotspot
