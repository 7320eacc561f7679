// Loading a centreline reference of 100,000 ranged segments through OGR (GeoJSON and CSV with a WKT column) into
// the geocoder, with and without reprojection. Figures go to benchmarks/RESULTS.md ("Geocoder").
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "geo/geocode/geocoder.h"
#include "geo/write/vector_writer.h"

namespace hotspot {
namespace {

constexpr int kSegments = 100000;

std::string temp_base() {
  return (std::filesystem::temp_directory_path() / ("hotspot-geocoder-bench-" + std::to_string(::getpid()))).string();
}

const std::string& geojson_path() {
  static const std::string p = [] {
    const std::string path = temp_base() + ".geojson";
    std::ofstream f(path);
    f << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32617"}},"features":[)";
    for (int i = 0; i < kSegments; ++i) {
      const int street = i / 20, k = i % 20;
      const double x0 = 500000.0 + 100.0 * k, y = 3900000.0 + 100.0 * street;
      const int b = 100 * (k + 1);
      f << (i ? "," : "") << R"({"type":"Feature","properties":{"TLID":)" << i << R"(,"FULLNAME":"STREET )" << street
        << R"( RD","LFROMADD":)" << b + 1 << R"(,"LTOADD":)" << b + 99 << R"(,"RFROMADD":)" << b << R"(,"RTOADD":)"
        << b + 98 << R"(},"geometry":{"type":"LineString","coordinates":[[)" << x0 << "," << y << "],[" << x0 + 50
        << "," << y + 3 << "],[" << x0 + 100 << "," << y << "]]}}";
    }
    f << "]}";
    return path;
  }();
  return p;
}

const std::string& csv_path() {
  static const std::string p = [] {
    const std::string path = temp_base() + ".csv";
    std::ofstream f(path);
    f << "WKT,TLID,FULLNAME,LFROMADD,LTOADD,RFROMADD,RTOADD\n";
    for (int i = 0; i < kSegments; ++i) {
      const int street = i / 20, k = i % 20;
      const double x0 = 500000.0 + 100.0 * k, y = 3900000.0 + 100.0 * street;
      const int b = 100 * (k + 1);
      f << "\"LINESTRING (" << x0 << " " << y << "," << x0 + 50 << " " << y + 3 << "," << x0 + 100 << " " << y << ")\","
        << i << ",STREET " << street << " RD," << b + 1 << "," << b + 99 << "," << b << "," << b + 98 << "\n";
    }
    return path;
  }();
  return p;
}

const std::string& gpkg_path() {
  static const std::string p = [] {
    const std::string path = temp_base() + ".gpkg";
    VectorLayer layer;
    layer.name = "streets";
    layer.kind = GeometryKind::kLineString;
    layer.fields = {{"TLID", FieldType::kInteger}, {"FULLNAME", FieldType::kString}, {"LFROMADD", FieldType::kInteger},
                    {"LTOADD", FieldType::kInteger}, {"RFROMADD", FieldType::kInteger}, {"RTOADD", FieldType::kInteger}};
    for (int i = 0; i < kSegments; ++i) {
      const int street = i / 20, k = i % 20;
      const double x0 = 500000.0 + 100.0 * k, y = 3900000.0 + 100.0 * street;
      const int64_t b = 100 * (k + 1);
      VectorFeature f;
      f.geometry = WktGeometry{"LINESTRING (" + std::to_string(x0) + " " + std::to_string(y) + "," + std::to_string(x0 + 50) +
                               " " + std::to_string(y + 3) + "," + std::to_string(x0 + 100) + " " + std::to_string(y) + ")"};
      f.values = {int64_t{i}, "STREET " + std::to_string(street) + " RD", b + 1, b + 99, b, b + 98};
      layer.features.push_back(std::move(f));
    }
    VectorWriteOptions o;
    o.path = path;
    o.overwrite = true;
    write_vector(layer, Crs::from_user_input("EPSG:32617"), o);
    return path;
  }();
  return p;
}

void load(benchmark::State& state, const std::string& path, const char* crs, const char* source_crs) {
  const Crs analysis = Crs::from_user_input(crs);
  for (auto _ : state) {
    Geocoder g(analysis);
    ReferenceSource s;
    s.kind = ReferenceKind::kCentrelines;
    s.path = path;
    s.source_crs = source_crs;
    const ReferenceLoadReport r = g.load(s);
    g.finalize();
    if (r.loaded != kSegments) state.SkipWithError(("loaded " + std::to_string(r.loaded)).c_str());
    benchmark::DoNotOptimize(g.index().segment_count());
  }
  state.counters["segments"] = kSegments;
}

void BM_LoadCentrelines100kGeoJson(benchmark::State& state) { load(state, geojson_path(), "EPSG:32617", ""); }
void BM_LoadCentrelines100kGeoJsonReprojected(benchmark::State& state) { load(state, geojson_path(), "EPSG:2264", ""); }
void BM_LoadCentrelines100kCsvWkt(benchmark::State& state) { load(state, csv_path(), "EPSG:32617", "EPSG:32617"); }
void BM_LoadCentrelines100kGpkg(benchmark::State& state) { load(state, gpkg_path(), "EPSG:32617", ""); }
BENCHMARK(BM_LoadCentrelines100kGpkg)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadCentrelines100kGeoJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadCentrelines100kGeoJsonReprojected)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadCentrelines100kCsvWkt)->Unit(benchmark::kMillisecond);

// Computing the intersections of those 100,000 segments with GEOS (not part of the 1 s loading target).
void BM_ComputeIntersections100k(benchmark::State& state) {
  Geocoder g(Crs::from_user_input("EPSG:32617"));
  ReferenceSource s;
  s.kind = ReferenceKind::kCentrelines;
  s.path = geojson_path();
  g.load(s);
  for (auto _ : state) {
    state.PauseTiming();
    Geocoder fresh(Crs::from_user_input("EPSG:32617"));
    fresh.load(s);
    state.ResumeTiming();
    benchmark::DoNotOptimize(fresh.compute_centreline_intersections());
  }
}
BENCHMARK(BM_ComputeIntersections100k)->Unit(benchmark::kMillisecond)->Iterations(1);

struct Cleanup {
  ~Cleanup() {
    std::error_code ec;
    std::filesystem::remove(temp_base() + ".geojson", ec);
    std::filesystem::remove(temp_base() + ".csv", ec);
    std::filesystem::remove(temp_base() + ".gpkg", ec);
  }
} cleanup;

}  // namespace
}  // namespace hotspot
