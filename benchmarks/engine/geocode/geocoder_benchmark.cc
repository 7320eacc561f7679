// Geocoder throughput on a synthetic city: 100,000 ranged centreline segments on 5,000 streets, 20,000 named
// intersections and a 50,000-block gazetteer. Figures go to benchmarks/RESULTS.md ("Geocoder").
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "engine/geocode/geocode_index.h"

namespace hotspot {
namespace {

const char* kFirst[] = {"OAK", "PINE", "MAPLE", "CEDAR", "ELM", "BIRCH", "WILLOW", "ASH", "HICKORY", "POPLAR",
                        "SUGAR", "BEATTIES", "NATIONS", "ARROWOOD", "CENTRAL", "SHARON", "TRYON", "MOREHEAD",
                        "PROVIDENCE", "ALBEMARLE", "FREEDOM", "GRAHAM", "MALLARD", "CREEK", "RIVER", "LAKE", "HILL",
                        "VALLEY", "MEADOW", "FOREST", "SPRING", "STONE", "BROOK", "GLEN", "RIDGE", "FIELD", "WOOD",
                        "PARK", "MILL", "FARM", "CHURCH", "SCHOOL", "COUNTRY", "CLUB", "HARBOR", "BRIDGE", "GATE",
                        "TOWER", "MARKET", "UNION"};
const char* kSecond[] = {"VIEW", "FORD", "POINT", "CROSSING", "TRACE", "RUN", "BEND", "HOLLOW", "GROVE", "HEIGHTS"};
const char* kTypes[] = {"RD", "ST", "DR", "AVE", "BLVD", "LN", "CT", "PKWY", "WAY", "CIR"};
const char* kTypesCmpd[] = {"RD", "ST", "DR", "AV", "BV", "LN", "CT", "PY", "WY", "CR"};

constexpr int kStreets = 5000;
constexpr int kSegmentsPerStreet = 20;

StreetName street_name(int i) {
  StreetName s;
  s.name = std::string(kFirst[i % 50]) + " " + kSecond[(i / 50) % 10] + (i >= 500 ? " " + std::to_string(i / 500) : "");
  s.type = kTypes[(i / 7) % 10];
  return s;
}

std::string street_text(int i) {
  const StreetName s = street_name(i);
  return s.name + " " + kTypesCmpd[(i / 7) % 10];
}

struct City {
  std::vector<StreetName> streets;
  std::vector<std::pair<int, RangedSegment>> segments;  // (street, segment)
};

const City& city() {
  static const City built = [] {
    City c;
    for (int i = 0; i < kStreets; ++i) c.streets.push_back(street_name(i));
    // Street i runs east at y = 100 * i (CRS units), each segment 100 units and one block of house numbers.
    for (int i = 0; i < kStreets; ++i)
      for (int k = 0; k < kSegmentsPerStreet; ++k) {
        RangedSegment s;
        const double x0 = 100.0 * k, y = 100.0 * i;
        s.line = {{x0, y}, {x0 + 50.0, y + 3.0}, {x0 + 100.0, y}};
        const int64_t b = 100 * (k + 1);
        s.left = {b + 1, b + 99};
        s.right = {b, b + 98};
        s.id = std::to_string(i * kSegmentsPerStreet + k);
        c.segments.emplace_back(i, std::move(s));
      }
    return c;
  }();
  return built;
}

GeocodeIndex build_index() {
  const City& c = city();
  GeocodeOptions o;
  o.side_offset_crs = 10.0;
  o.tie_cluster_crs = 300.0;
  GeocodeIndex g(o);
  for (const auto& [i, s] : c.segments) g.add_segment(c.streets[static_cast<size_t>(i)], s);
  // Cross streets: street i meets street i+1 at every fifth segment boundary (named intersections).
  for (int i = 0; i + 1 < kStreets; ++i)
    for (int k = 0; k < 4; ++k) {
      if (k > 0) continue;
      g.add_intersection({c.streets[static_cast<size_t>(i)], c.streets[static_cast<size_t>(i + 1)]},
                         {500.0 * (k + 1), 100.0 * i + 50.0}, "x" + std::to_string(i));
    }
  // A gazetteer of 10 learnt blocks per street, on the streets' second half.
  for (int i = 0; i < kStreets; ++i)
    for (int k = 0; k < 10; ++k)
      g.add_known_block(c.streets[static_cast<size_t>(i)], 100 * (k + 21), {2000.0 + 100.0 * k, 100.0 * i});
  g.finalize();
  return g;
}

// Loading: building the index from 100,000 segments (plus intersections and gazetteer).
void BM_BuildIndex100kSegments(benchmark::State& state) {
  city();
  for (auto _ : state) {
    GeocodeIndex g = build_index();
    benchmark::DoNotOptimize(g.segment_count());
  }
  state.counters["segments"] = static_cast<double>(kStreets * kSegmentsPerStreet);
}
BENCHMARK(BM_BuildIndex100kSegments)->Unit(benchmark::kMillisecond);

std::vector<std::string> queries(int mix) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> street(0, kStreets - 1), number(100, 2099), block(1, 30);
  std::vector<std::string> q;
  for (int i = 0; i < 100000; ++i) {
    const int s = street(rng);
    const int kind = mix == 0 ? i % 4 : mix;
    if (kind == 1) q.push_back(std::to_string(number(rng)) + " " + street_text(s));                     // house: range
    else if (kind == 2) q.push_back(std::to_string(100 * block(rng)) + " BLOCK OF " + street_text(s));  // block
    else if (kind == 3) q.push_back(street_text(s) + " & " + street_text(s + 1 < kStreets ? s + 1 : s - 1));
    else q.push_back(std::to_string(number(rng)) + " N " + street_text(s));  // extra directional: tolerant tier
  }
  return q;
}

void geocode_loop(benchmark::State& state, int mix) {
  static const GeocodeIndex g = build_index();
  const std::vector<std::string> q = queries(mix);
  size_t i = 0, placed = 0;
  for (auto _ : state) {
    const GeocodeResult r = g.geocode(q[i]);
    placed += r.placed();
    benchmark::DoNotOptimize(r.point.x);
    if (++i == q.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["placed_share"] = static_cast<double>(placed) / static_cast<double>(state.iterations());
}

void BM_GeocodeMixed(benchmark::State& state) { geocode_loop(state, 0); }
void BM_GeocodeHouseRange(benchmark::State& state) { geocode_loop(state, 1); }
void BM_GeocodeBlock(benchmark::State& state) { geocode_loop(state, 2); }
void BM_GeocodeIntersection(benchmark::State& state) { geocode_loop(state, 3); }
BENCHMARK(BM_GeocodeMixed);
BENCHMARK(BM_GeocodeHouseRange);
BENCHMARK(BM_GeocodeBlock);
BENCHMARK(BM_GeocodeIntersection);

}  // namespace
}  // namespace hotspot
