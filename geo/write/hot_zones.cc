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

namespace {

// Cells, peak and mean of each labelled component (labels 1..count; 0 = not hot).
std::vector<HotZone> zone_statistics(const Raster& density, const std::vector<int32_t>& labels, int32_t count) {
  std::vector<HotZone> zones(static_cast<size_t>(count));
  std::vector<double> sum(static_cast<size_t>(count), 0.0);
  for (size_t k = 0; k < labels.size(); ++k) {
    if (!labels[k]) continue;
    HotZone& z = zones[static_cast<size_t>(labels[k] - 1)];
    ++z.cells;
    z.peak = std::max(z.peak, density.values[k]);
    sum[static_cast<size_t>(labels[k] - 1)] += density.values[k];
  }
  for (int32_t c = 0; c < count; ++c) {
    HotZone& z = zones[static_cast<size_t>(c)];
    z.area_crs2 = static_cast<double>(z.cells) * density.spec.cell_area();
    z.mean = sum[static_cast<size_t>(c)] / static_cast<double>(z.cells);
  }
  return zones;
}

// The labels as an in-memory Int32 raster on the density grid.
GdalDatasetPtr label_raster(const GridSpec& g, std::vector<int32_t>& labels) {
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  if (!mem) throw std::runtime_error("GDAL lacks the MEM driver needed for hot zones");
  GdalDatasetPtr ras(mem->Create("", static_cast<int>(g.ncols), static_cast<int>(g.nrows), 1, GDT_Int32, nullptr));
  if (!ras) throw std::runtime_error("cannot create the hot-zone label raster: " + last_gdal_error());
  double gt[6] = {g.x_min, g.cell_size, 0.0, g.y_max(), 0.0, -g.cell_size};
  ras->SetGeoTransform(gt);
  if (ras->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, static_cast<int>(g.ncols), static_cast<int>(g.nrows), labels.data(),
                                      static_cast<int>(g.ncols), static_cast<int>(g.nrows), GDT_Int32, 0, 0) != CE_None)
    throw std::runtime_error("cannot fill the hot-zone label raster: " + last_gdal_error());
  return ras;
}

// Adds a polygon to a zone's geometry: one 4-connected component is one polygon; any extra part makes a multipolygon.
void add_zone_polygon(HotZone& z, OGRGeometry* polygon) {
  char* wkt = nullptr;
  if (z.wkt.empty()) {
    polygon->exportToWkt(&wkt);
  } else {
    OGRGeometry* a = nullptr;
    OGRGeometryFactory::createFromWkt(z.wkt.c_str(), nullptr, &a);
    OgrGeometryPtr ap(a);
    OgrGeometryPtr u(ap->Union(polygon));
    u->exportToWkt(&wkt);
  }
  z.wkt = wkt ? wkt : "";
  CPLFree(wkt);
}

// Polygonizes the labels (the label band is its own mask: 0 is skipped) into each zone's WKT.
void polygonize_zones(const GridSpec& g, std::vector<int32_t>& labels, std::vector<HotZone>& zones) {
  GDALDriver* vmem = GetGDALDriverManager()->GetDriverByName("Memory");
  if (!vmem) throw std::runtime_error("GDAL lacks the Memory driver needed for hot zones");
  GdalDatasetPtr ras = label_raster(g, labels);
  GDALRasterBand* band = ras->GetRasterBand(1);
  GdalDatasetPtr vec(vmem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  OGRLayer* layer = vec->CreateLayer("zones", nullptr, wkbPolygon, nullptr);
  OGRFieldDefn fd("label", OFTInteger);
  layer->CreateField(&fd);
  if (GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr) != CE_None)
    throw std::runtime_error("GDALPolygonize failed: " + last_gdal_error());
  layer->ResetReading();
  const int count = static_cast<int>(zones.size());
  for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
    const int lab = f->GetFieldAsInteger(0);
    if (lab < 1 || lab > count || !f->GetGeometryRef()) continue;
    add_zone_polygon(zones[static_cast<size_t>(lab - 1)], f->GetGeometryRef());
  }
}

}  // namespace

std::vector<HotZone> hot_zones(const Raster& density, const std::vector<HotZoneLevel>& levels) {
  ensure_gdal();
  std::vector<HotZone> all;
  for (size_t li = 0; li < levels.size(); ++li) {
    int32_t count = 0;
    std::vector<int32_t> labels = label_components(density, levels[li].threshold, count);
    if (count == 0) continue;
    std::vector<HotZone> zones = zone_statistics(density, labels, count);
    polygonize_zones(density.spec, labels, zones);
    for (HotZone& z : zones) z.level_index = static_cast<int>(li);
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
