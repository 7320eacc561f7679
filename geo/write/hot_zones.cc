#include "geo/write/hot_zones.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <gdal_alg.h>
#include <map>
#include <stdexcept>

#include "engine/core/length.h"
#include "geo/gdal/gdal_handles.h"
#include "geo/write/vector_writer.h"

namespace hotspot {

namespace {

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// 4-connected labels (1..n) of the cells at or above `threshold`; 0 elsewhere.
std::vector<int32_t> label_components(const Raster& r, double threshold, int32_t& count) {
  const int64_t nc = r.spec.ncols, nr = r.spec.nrows;
  std::vector<int32_t> label(r.values.size(), 0);
  std::vector<int64_t> stack;
  count = 0;
  for (int64_t start = 0; start < nc * nr; ++start) {
    const double v = r.values[static_cast<size_t>(start)];
    if (label[static_cast<size_t>(start)] || !(v >= threshold)) continue;
    ++count;
    label[static_cast<size_t>(start)] = count;
    stack.push_back(start);
    while (!stack.empty()) {
      const int64_t k = stack.back();
      stack.pop_back();
      const int64_t i = k / nc, j = k % nc;
      const int64_t nb[4] = {i > 0 ? k - nc : -1, i + 1 < nr ? k + nc : -1, j > 0 ? k - 1 : -1, j + 1 < nc ? k + 1 : -1};
      for (int64_t n : nb) {
        if (n < 0 || label[static_cast<size_t>(n)] || !(r.values[static_cast<size_t>(n)] >= threshold)) continue;
        label[static_cast<size_t>(n)] = count;
        stack.push_back(n);
      }
    }
  }
  return label;
}

}  // namespace

std::vector<HotZoneLevel> hot_zone_levels(const Raster& density, const std::vector<double>& top_percents,
                                          const std::vector<double>& thresholds) {
  std::vector<HotZoneLevel> levels;
  std::vector<double> positive;
  if (!top_percents.empty()) {
    for (double v : density.values)
      if (v > 0.0) positive.push_back(v);
    std::sort(positive.begin(), positive.end(), std::greater<>());
  }
  for (double p : top_percents) {
    if (!(p > 0.0 && p <= 100.0))
      throw std::invalid_argument("hot-zone share must be a percentage in (0, 100], got " + number(p));
    HotZoneLevel l;
    l.top_percent = p;
    l.label = "top " + number(p) + "%";
    if (positive.empty()) {
      l.threshold = INFINITY;  // no cell qualifies
    } else {
      const size_t k = std::max<size_t>(1, static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(positive.size()))));
      l.threshold = positive[std::min(k, positive.size()) - 1];
    }
    levels.push_back(l);
  }
  for (double t : thresholds) {
    if (!std::isfinite(t)) throw std::invalid_argument("hot-zone threshold must be a finite density");
    levels.push_back({">= " + number(t), t, 0.0});
  }
  return levels;
}

std::vector<HotZone> hot_zones(const Raster& density, const std::vector<HotZoneLevel>& levels) {
  ensure_gdal();
  const GridSpec& g = density.spec;
  std::vector<HotZone> all;
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDriver* vmem = GetGDALDriverManager()->GetDriverByName("Memory");
  if (!mem || !vmem) throw std::runtime_error("GDAL lacks the MEM/Memory drivers needed for hot zones");
  for (size_t li = 0; li < levels.size(); ++li) {
    int32_t count = 0;
    std::vector<int32_t> labels = label_components(density, levels[li].threshold, count);
    if (count == 0) continue;
    // Per-component statistics.
    std::vector<HotZone> zones(static_cast<size_t>(count));
    std::vector<double> sum(static_cast<size_t>(count), 0.0);
    for (size_t k = 0; k < labels.size(); ++k) {
      if (!labels[k]) continue;
      HotZone& z = zones[static_cast<size_t>(labels[k] - 1)];
      ++z.cells;
      z.peak = std::max(z.peak, density.values[k]);
      sum[static_cast<size_t>(labels[k] - 1)] += density.values[k];
    }
    // Polygonize the labels (the label band is its own mask: 0 is skipped).
    GdalDatasetPtr ras(mem->Create("", static_cast<int>(g.ncols), static_cast<int>(g.nrows), 1, GDT_Int32, nullptr));
    if (!ras) throw std::runtime_error("cannot create the hot-zone label raster: " + last_gdal_error());
    double gt[6] = {g.x_min, g.cell_size, 0.0, g.y_max(), 0.0, -g.cell_size};
    ras->SetGeoTransform(gt);
    GDALRasterBand* band = ras->GetRasterBand(1);
    if (band->RasterIO(GF_Write, 0, 0, static_cast<int>(g.ncols), static_cast<int>(g.nrows), labels.data(),
                       static_cast<int>(g.ncols), static_cast<int>(g.nrows), GDT_Int32, 0, 0) != CE_None)
      throw std::runtime_error("cannot fill the hot-zone label raster: " + last_gdal_error());
    GdalDatasetPtr vec(vmem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = vec->CreateLayer("zones", nullptr, wkbPolygon, nullptr);
    OGRFieldDefn fd("label", OFTInteger);
    layer->CreateField(&fd);
    if (GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr) != CE_None)
      throw std::runtime_error("GDALPolygonize failed: " + last_gdal_error());
    layer->ResetReading();
    for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
      const int lab = f->GetFieldAsInteger(0);
      if (lab < 1 || lab > count || !f->GetGeometryRef()) continue;
      HotZone& z = zones[static_cast<size_t>(lab - 1)];
      char* wkt = nullptr;
      f->GetGeometryRef()->exportToWkt(&wkt);
      if (!z.wkt.empty()) {
        // One 4-connected component is one polygon; keep any extra part as a multipolygon just in case.
        OGRGeometry* a = nullptr;
        OGRGeometryFactory::createFromWkt(z.wkt.c_str(), nullptr, &a);
        OgrGeometryPtr ap(a);
        OgrGeometryPtr u(ap->Union(f->GetGeometryRef()));
        CPLFree(wkt);
        wkt = nullptr;
        u->exportToWkt(&wkt);
      }
      z.wkt = wkt ? wkt : "";
      CPLFree(wkt);
    }
    for (int32_t c = 0; c < count; ++c) {
      HotZone& z = zones[static_cast<size_t>(c)];
      z.level_index = static_cast<int>(li);
      z.area_crs2 = static_cast<double>(z.cells) * g.cell_area();
      z.mean = sum[static_cast<size_t>(c)] / static_cast<double>(z.cells);
    }
    std::stable_sort(zones.begin(), zones.end(), [](const HotZone& a, const HotZone& b) { return a.peak > b.peak; });
    for (size_t k = 0; k < zones.size(); ++k) zones[k].zone_id = static_cast<int>(k + 1);
    for (auto& z : zones) all.push_back(std::move(z));
  }
  return all;
}

void write_hot_zones(const std::vector<HotZone>& zones, const std::vector<HotZoneLevel>& levels, const Crs& crs,
                     const std::string& unit_label, const std::string& path, bool overwrite) {
  VectorLayer layer;
  layer.name = "hot_zones";
  layer.kind = GeometryKind::kPolygon;
  layer.fields = {{"zone_id", FieldType::kInteger},  {"level", FieldType::kString, 24},
                  {"threshold", FieldType::kReal},    {"unit", FieldType::kString, 64},
                  {"cells", FieldType::kInteger},     {"area_km2", FieldType::kReal, 0, 6},
                  {"area_sqmi", FieldType::kReal, 0, 6}, {"peak", FieldType::kReal},
                  {"mean", FieldType::kReal}};
  const double m2 = crs.linear_unit_m() * crs.linear_unit_m();
  for (const HotZone& z : zones) {
    const HotZoneLevel& l = levels[static_cast<size_t>(z.level_index)];
    const double area_m2 = z.area_crs2 * m2;
    layer.features.push_back({WktGeometry{z.wkt},
                              {int64_t{z.zone_id}, l.label, l.threshold, unit_label, z.cells, area_m2 / kSquareKilometreM2,
                               area_m2 / kSquareMileM2, z.peak, z.mean}});
  }
  VectorWriteOptions o;
  o.path = path;
  o.overwrite = overwrite;
  write_vector(layer, crs, o);
}

}  // namespace hotspot
