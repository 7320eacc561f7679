// The main job of the README (data/charlotte/charlotte_run.json) run through the real binary into a temporary
// folder, and readers the command tests use to check its outputs on their own: the input CSV projected with OGR,
// polygon layers through OGR, rasters through GDAL, checksums through sha256sum. Nothing here calls the engine.
#pragma once

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "geo/read/csv_reader.h"
#include "tests/test_support.h"

namespace hotspot::testing {

// 0.5 mile, the priority areas' default radius, in US survey feet (EPSG:2264's unit).
inline constexpr double kFeetPerMetre = 3937.0 / 1200.0;
inline constexpr double kHalfMileFt = 0.5 * 1609.344 * kFeetPerMetre;

// charlotte_run.json as a JSON object (its comments dropped), every input path made absolute and the output
// folder set to `out`.
inline nlohmann::json charlotte_config(const std::string& out) {
  nlohmann::json c = nlohmann::json::parse(read_file(charlotte("charlotte_run.json")), nullptr, true, true);
  const auto abs = [](nlohmann::json& v) { v = charlotte(v.get<std::string>()); };
  abs(c["input"]["path"]);
  abs(c["input"]["study_area"]);
  c["geocode"]["reference"] = {"intersections=" + charlotte("cdot_signals.csv") + "?intersection=UNITDESC"};
  abs(c["priority_areas"]["file"]);
  abs(c["context"]["city_limits"]);
  abs(c["context"]["divisions"]["path"]);
  abs(c["context"]["neighborhoods"]["path"]);
  c["output"]["folder"] = out;
  c["output"]["overwrite"] = false;
  return c;
}

// Writes `config` into `d` and runs `hotspot run` on it; `extra` goes on the command line.
inline CommandRun run_config(const nlohmann::json& config, const TempDir& d, const std::string& extra = "-q") {
  const std::string path = d.write("run.json", config.dump(2));
  return run_hotspot("run " + path + " " + extra, d);
}

// One run of the main job shared by the tests of a suite (one process, so one run per test under ctest): started
// in SetUpTestSuite with the config `adjust` leaves, removed with the suite.
class SharedRun {
 public:
  // Returns the run's result; its folder is out().
  CommandRun start(const std::function<void(nlohmann::json&)>& adjust) {
    dir_ = std::make_unique<TempDir>();
    out_ = dir_->file("out");
    config_ = charlotte_config(out_);
    adjust(config_);
    return run_config(config_, *dir_);
  }
  void stop() { dir_.reset(); }
  const std::string& out() const { return out_; }
  std::string file(const std::string& name) const { return out_ + "/" + name; }
  const nlohmann::json& config() const { return config_; }

 private:
  std::unique_ptr<TempDir> dir_;
  std::string out_;
  nlohmann::json config_;
};

// A suite whose tests share one run, made with the config `Adjust` leaves (use through an alias:
// `using RunFooTest = SharedRunTest<foo_config>;`).
template <void (*Adjust)(nlohmann::json&)>
class SharedRunTest : public ::testing::Test {
 public:
  static inline SharedRun run;

 protected:
  // A failed run fails every test of the suite: an assertion in SetUpTestSuite alone would leave them reported as
  // skipped, which CTest counts as passing.
  static void SetUpTestSuite() {
    const CommandRun r = run.start(Adjust);
    run_error = r.code == 0 ? "" : "the shared run exited " + std::to_string(r.code) + ":\n" + r.err;
  }
  static void TearDownTestSuite() { run.stop(); }
  void SetUp() override { ASSERT_TRUE(run_error.empty()) << run_error; }
  static inline std::string run_error;
  static std::string file(const std::string& name) { return run.file(name); }
};

// `sha256sum FILE`, the hex digest.
inline std::string sha256sum(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(("sha256sum '" + path + "'").c_str(), "r"), ::pclose);
  if (!p) return "";
  char buf[65] = {};
  return std::fread(buf, 1, 64, p.get()) == 64 ? std::string(buf, 64) : "";
}

// EPSG:4326 (lon, lat) -> EPSG:2264 (US survey feet) with OGR, or any pair of EPSG codes.
class Projector {
 public:
  Projector(int from_epsg, int to_epsg) {
    from_.importFromEPSG(from_epsg);
    to_.importFromEPSG(to_epsg);
    from_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ct_.reset(OGRCreateCoordinateTransformation(&from_, &to_));
  }
  std::pair<double, double> operator()(double x, double y) const {
    ct_->Transform(1, &x, &y);
    return {x, y};
  }
  const OGRSpatialReference& target() const { return to_; }

 private:
  OGRSpatialReference from_, to_;
  std::unique_ptr<OGRCoordinateTransformation> ct_;
};

struct GdalDataset {
  explicit GdalDataset(const std::string& path, unsigned flags = GDAL_OF_VECTOR,
                       const char* const* drivers = nullptr) {
    GDALAllRegister();
    ds.reset(static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), flags | GDAL_OF_READONLY, drivers, nullptr, nullptr)));
  }
  std::unique_ptr<GDALDataset> ds;
};

// A feature of a layer, its geometry in EPSG:2264 and its fields as text.
struct Feature {
  std::unique_ptr<OGRGeometry> geometry;
  std::map<std::string, std::string> fields;
  double real(const std::string& f) const { return std::stod(fields.at(f)); }
  int64_t integer(const std::string& f) const { return std::stoll(fields.at(f)); }
};

// Every feature of the first layer of `path`, reprojected to EPSG:2264.
inline std::vector<Feature> read_features(const std::string& path) {
  std::vector<Feature> out;
  GdalDataset g(path);
  if (!g.ds || g.ds->GetLayerCount() < 1) return out;
  OGRLayer* layer = g.ds->GetLayer(0);
  OGRSpatialReference sp;
  sp.importFromEPSG(2264);
  sp.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(layer->GetSpatialRef(), &sp));
  for (auto& f : *layer) {
    Feature feat;
    if (OGRGeometry* geom = f->GetGeometryRef()) {
      feat.geometry.reset(geom->clone());
      feat.geometry->transform(ct.get());
    }
    for (int i = 0; i < f->GetFieldCount(); ++i)
      feat.fields[f->GetFieldDefnRef(i)->GetNameRef()] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
    out.push_back(std::move(feat));
  }
  return out;
}

// The signal named `unitdesc` in data/charlotte/cdot_signals.csv, projected to EPSG:2264.
inline std::pair<double, double> signal_ft(const std::string& unitdesc) {
  CsvReader csv(charlotte("cdot_signals.csv"));
  const int x = csv.column("X"), y = csv.column("Y"), name = csv.column("UNITDESC");
  const Projector to_ft(4326, 2264);
  while (auto r = csv.next())
    if (r->fields[name] == unitdesc) return to_ft(std::stod(r->fields[x]), std::stod(r->fields[y]));
  ADD_FAILURE() << unitdesc << " is not in cdot_signals.csv";
  return {0, 0};
}

// The four priority areas' centres, in the order of vrf_priority_areas.csv, from the signals that
// data/charlotte/vrf_priority_intersections.csv names (Sugar Creek Rd & I-85: the midpoint of its two ramp signals).
inline std::vector<std::pair<double, double>> priority_centres_ft() {
  std::vector<std::pair<double, double>> c = {signal_ft("BEATTIES FORD RD_LASALLE ST"), signal_ft("CENTRAL AV_N SHARON AMITY RD"),
                                              signal_ft("E ARROWOOD RD_NATIONS FORD RD_W ARROWOOD RD")};
  const auto s = signal_ft("S I-85 EXIT 41 RA_W SUGAR CREEK RD"), n = signal_ft("N I-85 EXIT 41 RA_W SUGAR CREEK RD");
  c.push_back({(s.first + n.first) / 2, (s.second + n.second) / 2});
  return c;
}

// An incident of the bundled CSV as the test reads it: LONGITUDE_PUBLIC/LATITUDE_PUBLIC projected with OGR.
struct Incident {
  double x = 0, y = 0;
  std::string category;
  int year = 0;
  bool in_city = false;  // inside (or on) the city limits, the run's study area
};

// The city limits (the run's study area) as one OGR geometry in EPSG:2264.
inline std::unique_ptr<OGRGeometry> city_limits_ft() {
  auto all = std::make_unique<OGRMultiPolygon>();
  for (const Feature& f : read_features(charlotte("charlotte_city_limits.geojson"))) {
    if (const auto* mp = dynamic_cast<const OGRMultiPolygon*>(f.geometry.get())) {
      for (const OGRPolygon* p : *mp) all->addGeometry(p);
    } else {
      all->addGeometry(f.geometry.get());
    }
  }
  return all;
}

inline std::vector<Incident> charlotte_incidents() {
  std::vector<Incident> out;
  const std::unique_ptr<OGRGeometry> limits = city_limits_ft();
  OGRPreparedGeometryUniquePtr prepared(OGRCreatePreparedGeometry(OGRGeometry::ToHandle(limits.get())));
  CsvReader csv(charlotte("cmpd_incidents_sample.csv"));
  const int lon = csv.column("LONGITUDE_PUBLIC"), lat = csv.column("LATITUDE_PUBLIC"),
            cat = csv.column("HIGHEST_NIBRS_DESCRIPTION"), year = csv.column("YEAR");
  const Projector to_ft(4326, 2264);
  while (auto r = csv.next()) {
    Incident i;
    std::tie(i.x, i.y) = to_ft(std::stod(r->fields[lon]), std::stod(r->fields[lat]));
    i.category = r->fields[cat];
    i.year = std::stoi(r->fields[year]);
    OGRPoint p(i.x, i.y);
    i.in_city = OGRPreparedGeometryIntersects(prepared.get(), OGRGeometry::ToHandle(&p));
    out.push_back(std::move(i));
  }
  return out;
}

// A single-band raster as doubles, row-major from the top, with its geotransform; nodata cells are NaN.
struct RasterCells {
  int ncols = 0, nrows = 0;
  double gt[6] = {};
  std::vector<double> values;
  double centre_x(int c) const { return gt[0] + (c + 0.5) * gt[1]; }
  double centre_y(int r) const { return gt[3] + (r + 0.5) * gt[5]; }
};

inline RasterCells read_raster(const std::string& path) {
  RasterCells r;
  GdalDataset g(path, GDAL_OF_RASTER);
  if (!g.ds) return r;
  r.ncols = g.ds->GetRasterXSize();
  r.nrows = g.ds->GetRasterYSize();
  g.ds->GetGeoTransform(r.gt);
  GDALRasterBand* b = g.ds->GetRasterBand(1);
  r.values.resize(static_cast<size_t>(r.ncols) * static_cast<size_t>(r.nrows));
  if (b->RasterIO(GF_Read, 0, 0, r.ncols, r.nrows, r.values.data(), r.ncols, r.nrows, GDT_Float64, 0, 0) != CE_None)
    r.values.clear();
  int has_nodata = 0;
  const double nodata = b->GetNoDataValue(&has_nodata);
  if (has_nodata)
    for (double& v : r.values)
      if (v == nodata) v = std::numeric_limits<double>::quiet_NaN();
  return r;
}

}  // namespace hotspot::testing
