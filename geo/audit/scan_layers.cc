// OGR layers of an output folder: point geometries (in the layer's CRS, brought to the analysis CRS), count fields,
// and pairs of numeric fields of one feature.
#include <memory>
#include <optional>
#include <vector>

#include "engine/core/text.h"
#include "geo/audit/scan_sink.h"
#include "geo/gdal/gdal_handles.h"

namespace hotspot {

namespace {

// The layer's CRS, or WGS 84 when it states none (GeoJSON's).
Crs layer_crs(OGRLayer& layer) {
  if (const OGRSpatialReference* s = layer.GetSpatialRef()) return Crs::from_ogr(*s);
  return Crs::from_user_input("EPSG:4326");
}

void add_point(const OGRPoint& p, const CrsTransform& to_analysis, const std::string& file, const std::string& where,
               ScanSink& sink) {
  double x = p.getX(), y = p.getY();
  if (!to_analysis.transform(x, y)) return;
  sink.analysis(file, where, format_significant(p.getX(), 12) + "," + format_significant(p.getY(), 12), x, y);
}

void add_points(const OGRGeometry* g, const CrsTransform& to_analysis, const std::string& file,
                const std::string& where, ScanSink& sink) {
  if (!g) return;
  const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
  if (type == wkbPoint) return add_point(*g->toPoint(), to_analysis, file, where, sink);
  if (type == wkbMultiPoint || type == wkbGeometryCollection)
    for (const OGRGeometry* part : *g->toGeometryCollection()) add_points(part, to_analysis, file, where, sink);
}

void scan_fields(OGRFeature& f, const std::string& file, const std::string& where, ScanSink& sink) {
  std::vector<double> numbers;
  for (int i = 0; i < f.GetFieldCount(); ++i) {
    if (!f.IsFieldSetAndNotNull(i)) continue;
    const OGRFieldType t = f.GetFieldDefnRef(i)->GetType();
    double v = 0.0;
    if (t == OFTInteger || t == OFTInteger64 || t == OFTReal) v = f.GetFieldAsDouble(i);
    else if (t == OFTString) v = number_or_nan(f.GetFieldAsString(i));
    else continue;
    sink.field(file, where, f.GetFieldDefnRef(i)->GetNameRef(), v);
    numbers.push_back(v);
  }
  offer_pairs(file, where, numbers, sink);
}

void scan_layer(OGRLayer& layer, const std::string& file, ScanSink& sink) {
  const CrsTransform to_analysis(layer_crs(layer), sink.analysis_crs());
  const std::string lname = layer.GetName();
  for (auto& f : layer) {
    const std::string where = "layer " + lname + " feature " + std::to_string(f->GetFID());
    add_points(f->GetGeometryRef(), to_analysis, file, where, sink);
    scan_fields(*f, file, where, sink);
  }
}

}  // namespace

void scan_layers(const std::string& path, const std::string& name, ScanSink& sink) {
  GdalDatasetPtr ds = open_vector(path);
  for (int i = 0; i < ds->GetLayerCount(); ++i)
    if (OGRLayer* layer = ds->GetLayer(i)) scan_layer(*layer, name, sink);
}

}  // namespace hotspot
