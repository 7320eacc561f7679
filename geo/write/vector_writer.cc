#include "geo/write/vector_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "geo/write/atomic_output.h"
#include "geo/gdal/gdal_handles.h"

namespace hotspot {

namespace {

std::string lower_ext(const std::string& path) {
  std::string e = std::filesystem::path(path).extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

OGRwkbGeometryType ogr_type(GeometryKind k) {
  switch (k) {
    case GeometryKind::kPoint: return wkbPoint;
    case GeometryKind::kPolygon: return wkbMultiPolygon;  // shapefile polygons may be multi; keep one type
    case GeometryKind::kLineString: return wkbMultiLineString;
    case GeometryKind::kUnknown: return wkbUnknown;
  }
  return wkbUnknown;
}

OgrGeometryPtr make_geometry(const Geometry& g, GeometryKind kind) {
  OgrGeometryPtr out;
  if (const auto* p = std::get_if<PointGeometry>(&g)) {
    out.reset(new OGRPoint(p->x, p->y));
  } else if (const auto* b = std::get_if<BoxGeometry>(&g)) {
    auto* ring = new OGRLinearRing();
    // Exterior ring clockwise for shapefiles; GDAL fixes orientation per driver (RFC 7946 wants CCW).
    ring->addPoint(b->box.min_x, b->box.min_y);
    ring->addPoint(b->box.min_x, b->box.max_y);
    ring->addPoint(b->box.max_x, b->box.max_y);
    ring->addPoint(b->box.max_x, b->box.min_y);
    ring->addPoint(b->box.min_x, b->box.min_y);
    auto* poly = new OGRPolygon();
    poly->addRingDirectly(ring);
    out.reset(poly);
  } else {
    const auto& w = std::get<WktGeometry>(g);
    OGRGeometry* geom = nullptr;
    if (OGRGeometryFactory::createFromWkt(w.wkt.c_str(), nullptr, &geom) != OGRERR_NONE || !geom)
      throw std::runtime_error("invalid WKT geometry: " + w.wkt.substr(0, 80));
    out.reset(geom);
  }
  if (kind == GeometryKind::kPolygon && wkbFlatten(out->getGeometryType()) == wkbPolygon)
    out.reset(OGRGeometryFactory::forceToMultiPolygon(out.release()));
  if (kind == GeometryKind::kLineString && wkbFlatten(out->getGeometryType()) == wkbLineString)
    out.reset(OGRGeometryFactory::forceToMultiLineString(out.release()));
  return out;
}


// A shapefile's field names are 10 characters at most; every feature has a value for each field.
void check_layer(const VectorLayer& layer, const std::string& driver_name, const std::string& path) {
  if (driver_name == "ESRI Shapefile") {
    for (const FieldDef& f : layer.fields)
      if (f.name.size() > 10)
        throw std::runtime_error(path + ": field name '" + f.name + "' is longer than the shapefile limit of 10 characters");
  }
  for (const VectorFeature& f : layer.features)
    if (f.values.size() != layer.fields.size())
      throw std::logic_error("write_vector: a feature has " + std::to_string(f.values.size()) + " values for " +
                             std::to_string(layer.fields.size()) + " fields");
}

// The driver's layer creation options: RFC 7946 GeoJSON with the coordinate precision; UTF-8 shapefiles.
std::vector<std::string> layer_creation_options(const std::string& driver_name, const VectorWriteOptions& o) {
  std::vector<std::string> lco;
  if (driver_name == "GeoJSON") {
    lco = {"RFC7946=YES", "COORDINATE_PRECISION=" + std::to_string(o.geojson_decimals), "WRITE_NAME=YES"};
  } else if (driver_name == "ESRI Shapefile") {
    lco = {"ENCODING=UTF-8"};
    // The .dbf header carries a "last update" date; SOURCE_DATE_EPOCH pins it for byte-identical outputs.
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
      const std::time_t t = static_cast<std::time_t>(std::atoll(sde));
      std::tm tm{};
      gmtime_r(&t, &tm);
      char buf[32];
      std::strftime(buf, sizeof buf, "DBF_DATE_LAST_UPDATE=%Y-%m-%d", &tm);
      lco.push_back(buf);
    }
  }
  return lco;
}

OGRLayer* create_layer(GDALDataset& ds, const VectorLayer& layer, const Crs& crs, const std::string& driver_name,
                       const VectorWriteOptions& o) {
  const std::vector<std::string> lco_store = layer_creation_options(driver_name, o);
  std::vector<const char*> lco;
  for (const std::string& s : lco_store) lco.push_back(s.c_str());
  lco.push_back(nullptr);
  OGRSpatialReference srs(crs.ogr());
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* lay = ds.CreateLayer(layer.name.c_str(), &srs, ogr_type(layer.kind), const_cast<char**>(lco.data()));
  if (!lay) throw std::runtime_error(o.path + ": cannot create layer: " + last_gdal_error());
  for (const FieldDef& f : layer.fields) {
    OGRFieldDefn def(f.name.c_str(), f.type == FieldType::kInteger ? OFTInteger64 : f.type == FieldType::kReal ? OFTReal : OFTString);
    if (f.width > 0) def.SetWidth(f.width);
    if (f.precision > 0) def.SetPrecision(f.precision);
    if (driver_name == "ESRI Shapefile" && f.type == FieldType::kReal && f.width == 0) {
      def.SetWidth(24);
      def.SetPrecision(15);
    }
    if (lay->CreateField(&def) != OGRERR_NONE)
      throw std::runtime_error(o.path + ": cannot create field " + f.name + ": " + last_gdal_error());
  }
  return lay;
}

// A null for a missing value and for a real that is not finite.
void set_field_value(OGRFeature& f, int idx, const FieldValue& v) {
  if (std::holds_alternative<std::monostate>(v)) f.SetFieldNull(idx);
  else if (const auto* iv = std::get_if<int64_t>(&v)) f.SetField(idx, static_cast<GIntBig>(*iv));
  else if (const auto* dv = std::get_if<double>(&v)) {
    if (std::isfinite(*dv)) f.SetField(idx, *dv);
    else f.SetFieldNull(idx);
  } else f.SetField(idx, std::get<std::string>(v).c_str());
}

// Writes the features in one transaction when the driver has them.
void write_features(GDALDataset& ds, OGRLayer& lay, const VectorLayer& layer, const std::string& path) {
  const bool transaction = ds.StartTransaction() == OGRERR_NONE;
  for (const VectorFeature& vf : layer.features) {
    OgrFeaturePtr f(OGRFeature::CreateFeature(lay.GetLayerDefn()));
    for (size_t i = 0; i < vf.values.size(); ++i) set_field_value(*f, static_cast<int>(i), vf.values[i]);
    f->SetGeometryDirectly(make_geometry(vf.geometry, layer.kind).release());
    if (lay.CreateFeature(f.get()) != OGRERR_NONE)
      throw std::runtime_error(path + ": cannot write feature: " + last_gdal_error());
  }
  if (transaction && ds.CommitTransaction() != OGRERR_NONE)
    throw std::runtime_error(path + ": cannot commit: " + last_gdal_error());
}

}  // namespace

std::string vector_driver_for(const std::string& path) {
  const std::string e = lower_ext(path);
  if (e == ".geojson" || e == ".json") return "GeoJSON";
  if (e == ".shp") return "ESRI Shapefile";
  if (e == ".gpkg") return "GPKG";
  throw std::runtime_error(path + ": unknown vector format '" + e + "' (use .geojson, .shp or .gpkg)");
}

void write_vector(const VectorLayer& layer, const Crs& crs, const VectorWriteOptions& o) {
  ensure_gdal();
  const std::string driver_name = vector_driver_for(o.path);
  check_layer(layer, driver_name, o.path);
  AtomicOutput out(o.path, o.overwrite);
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (!drv) throw std::runtime_error(o.path + ": GDAL driver " + driver_name + " is not available");
  CPLErrorReset();
  {
    GdalDatasetPtr ds(drv->Create(out.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error(o.path + ": cannot create: " + last_gdal_error());
    OGRLayer* lay = create_layer(*ds, layer, crs, driver_name, o);
    write_features(*ds, *lay, layer, o.path);
    ds.reset();  // close = flush
    if (CPLGetLastErrorType() == CE_Failure) throw std::runtime_error(o.path + ": write failed: " + last_gdal_error());
  }
  if (!o.qml_style.empty()) {
    std::filesystem::path tp(out.temp_path());
    std::ofstream q(tp.replace_extension(".qml"), std::ios::binary);
    q << o.qml_style;
    if (!q) throw std::runtime_error(o.path + ": cannot write the .qml style");
  }
  out.commit();
}

}  // namespace hotspot
