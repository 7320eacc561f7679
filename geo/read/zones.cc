#include "geo/read/zones.h"

#include <stdexcept>

#include "geo/gdal/gdal_handles.h"

namespace hotspot {

ZoneLayer::ZoneLayer() : ctx_(std::make_unique<GeosContext>()) {}
ZoneLayer::ZoneLayer(ZoneLayer&&) noexcept = default;
ZoneLayer& ZoneLayer::operator=(ZoneLayer&&) noexcept = default;
ZoneLayer::~ZoneLayer() {
  // Geometries must go before their context.
  prepared_.clear();
  geoms_.clear();
}

void ZoneLayer::add(std::string id, std::string name, GeosGeomPtr geom, std::vector<std::string>* warnings) {
  GEOSContextHandle_t h = ctx_->get();
  const std::string label = "zone '" + id + "'";
  if (!geom) {
    if (warnings) warnings->push_back(label + ": unreadable geometry, skipped");
    return;
  }
  if (GEOSisEmpty_r(h, geom.get()) == 1) {
    if (warnings) warnings->push_back(label + ": empty geometry, skipped");
    return;
  }
  const int type = GEOSGeomTypeId_r(h, geom.get());
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON && type != GEOS_GEOMETRYCOLLECTION) {
    if (warnings) warnings->push_back(label + ": not a polygon, skipped");
    return;
  }
  if (GEOSisValid_r(h, geom.get()) != 1) {
    char* reason = GEOSisValidReason_r(h, geom.get());
    std::string why = reason ? reason : "invalid";
    GEOSFree_r(h, reason);
    GEOSGeometry* fixed = GEOSMakeValid_r(h, geom.get());
    if (!fixed) {
      if (warnings) warnings->push_back(label + ": invalid geometry (" + why + ") could not be repaired, skipped");
      return;
    }
    geom.reset(fixed);
    if (warnings) warnings->push_back(label + ": invalid geometry (" + why + ") repaired with GEOSMakeValid");
  }
  double area = 0.0;
  GEOSArea_r(h, geom.get(), &area);
  if (!(area > 0.0)) {
    if (warnings) warnings->push_back(label + ": zero area, skipped");
    return;
  }
  Zone z;
  z.id = std::move(id);
  z.name = name.empty() ? z.id : std::move(name);
  z.area = area;
  double xmin, ymin, xmax, ymax;
  if (GEOSGeom_getXMin_r(h, geom.get(), &xmin) && GEOSGeom_getYMin_r(h, geom.get(), &ymin) &&
      GEOSGeom_getXMax_r(h, geom.get(), &xmax) && GEOSGeom_getYMax_r(h, geom.get(), &ymax))
    z.bbox = Extent{xmin, ymin, xmax, ymax};
  prepared_.push_back(GeosPreparedPtr(GEOSPrepare_r(h, geom.get()), GeosPreparedDeleter{h}));
  geoms_.push_back(std::move(geom));
  zones_.push_back(std::move(z));
}

namespace {

// The layer's CRS, or the one the options give; refuses a layer with neither.
Crs zone_source_crs(OGRLayer& layer, const ZoneLayerOptions& options) {
  if (!options.source_crs.empty()) return Crs::from_user_input(options.source_crs);
  if (const OGRSpatialReference* s = layer.GetSpatialRef()) return Crs::from_ogr(*s);
  throw std::runtime_error(options.path + ": layer has no CRS (no .prj?); give the zones' source CRS");
}

// The index of a named field (-1 when no name is given); refuses a name the layer lacks.
int zone_field_index(OGRLayer& layer, const ZoneLayerOptions& options, const std::string& field, const char* role) {
  if (field.empty()) return -1;
  const int idx = layer.GetLayerDefn()->GetFieldIndex(field.c_str());
  if (idx < 0) throw std::runtime_error(options.path + ": no field '" + field + "' for zone " + role);
  return idx;
}

// Transforms every vertex through `t` (which keeps axis order explicit); false when any vertex fails.
bool transform_vertices(OGRGeometry& g, const CrsTransform& t) {
  struct Visitor : public OGRDefaultGeometryVisitor {
    const CrsTransform* t;
    bool ok = true;
    using OGRDefaultGeometryVisitor::visit;
    void visit(OGRPoint* p) override {
      double x = p->getX(), y = p->getY();
      if (!t->transform(x, y)) ok = false;
      p->setX(x);
      p->setY(y);
    }
    void visit(OGRLineString* ls) override {
      for (int i = 0; i < ls->getNumPoints(); ++i) {
        double x = ls->getX(i), y = ls->getY(i);
        if (!t->transform(x, y)) ok = false;
        ls->setPoint(i, x, y);
      }
    }
    void visit(OGRLinearRing* r) override { visit(static_cast<OGRLineString*>(r)); }
  } v;
  v.t = &t;
  g.accept(&v);
  return v.ok;
}

// The 2D geometry as a GEOS geometry of context `h`, through WKB.
GeosGeomPtr to_geos(OGRGeometry& g, GEOSContextHandle_t h, GEOSWKBReader* reader) {
  g.flattenTo2D();
  std::vector<unsigned char> wkb(static_cast<size_t>(g.WkbSize()));
  g.exportToWkb(wkbNDR, wkb.data());
  return GeosGeomPtr(GEOSWKBReader_read_r(h, reader, wkb.data(), wkb.size()), GeosGeomDeleter{h});
}

}  // namespace

ZoneLayer ZoneLayer::load(const ZoneLayerOptions& options, const Crs& target, std::vector<std::string>* warnings) {
  GdalDatasetPtr ds = open_vector(options.path);
  OGRLayer* layer = options.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(options.layer.c_str());
  if (!layer)
    throw std::runtime_error(options.path + ": no layer" + (options.layer.empty() ? "" : " named '" + options.layer + "'"));
  const Crs src = zone_source_crs(*layer, options);
  const int id_idx = zone_field_index(*layer, options, options.id_field, "ids");
  const int name_idx = zone_field_index(*layer, options, options.name_field, "names");
  CrsTransform ct(src, target);
  ZoneLayer out;
  GEOSContextHandle_t h = out.ctx_->get();
  GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
  layer->ResetReading();
  for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
    std::string id = id_idx >= 0 ? f->GetFieldAsString(id_idx) : std::to_string(f->GetFID());
    std::string name = name_idx >= 0 ? f->GetFieldAsString(name_idx) : std::string();
    OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) {
      if (warnings) warnings->push_back(options.path + ": zone '" + id + "': empty geometry, skipped");
      continue;
    }
    OgrGeometryPtr copy(g->clone());
    copy->assignSpatialReference(nullptr);
    if (!ct.identity() && !transform_vertices(*copy, ct)) {
      if (warnings) warnings->push_back(options.path + ": zone '" + id + "': could not be transformed, skipped");
      continue;
    }
    out.add(std::move(id), std::move(name), to_geos(*copy, h, reader), warnings);
  }
  GEOSWKBReader_destroy_r(h, reader);
  if (out.zones_.empty()) throw std::runtime_error(options.path + ": no usable polygon in the layer");
  return out;
}

ZoneLayer ZoneLayer::from_wkt(const std::vector<std::pair<std::string, std::string>>& id_and_wkt,
                              std::vector<std::string>* warnings) {
  ZoneLayer out;
  GEOSContextHandle_t h = out.ctx_->get();
  GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
  for (const auto& [id, wkt] : id_and_wkt) {
    GeosGeomPtr g(GEOSWKTReader_read_r(h, reader, wkt.c_str()), GeosGeomDeleter{h});
    out.add(id, id, std::move(g), warnings);
  }
  GEOSWKTReader_destroy_r(h, reader);
  return out;
}

Extent ZoneLayer::extent() const {
  Extent e;
  for (const Zone& z : zones_) {
    e.include(z.bbox.min_x, z.bbox.min_y);
    e.include(z.bbox.max_x, z.bbox.max_y);
  }
  return e;
}

int ZoneLayer::locate(double x, double y) const {
  GEOSContextHandle_t h = ctx_->get();
  GEOSGeometry* pt = nullptr;
  for (size_t i = 0; i < zones_.size(); ++i) {
    if (!zones_[i].bbox.contains(x, y)) continue;
    if (!pt) pt = GEOSGeom_createPointFromXY_r(h, x, y);
    if (GEOSPreparedIntersects_r(h, prepared_[i].get(), pt) == 1) {
      GEOSGeom_destroy_r(h, pt);
      return static_cast<int>(i);
    }
  }
  if (pt) GEOSGeom_destroy_r(h, pt);
  return -1;
}

std::vector<int> ZoneLayer::locate_all(double x, double y) const {
  std::vector<int> out;
  GEOSContextHandle_t h = ctx_->get();
  GEOSGeometry* pt = nullptr;
  for (size_t i = 0; i < zones_.size(); ++i) {
    if (!zones_[i].bbox.contains(x, y)) continue;
    if (!pt) pt = GEOSGeom_createPointFromXY_r(h, x, y);
    if (GEOSPreparedIntersects_r(h, prepared_[i].get(), pt) == 1) out.push_back(static_cast<int>(i));
  }
  if (pt) GEOSGeom_destroy_r(h, pt);
  return out;
}

double ZoneLayer::intersection_area_with_box(size_t i, const Extent& box) const {
  GEOSContextHandle_t h = ctx_->get();
  GeosGeomPtr rect(GEOSGeom_createRectangle_r(h, box.min_x, box.min_y, box.max_x, box.max_y), GeosGeomDeleter{h});
  GeosGeomPtr inter(GEOSIntersection_r(h, geoms_[i].get(), rect.get()), GeosGeomDeleter{h});
  double a = 0.0;
  if (inter) GEOSArea_r(h, inter.get(), &a);
  return a;
}

std::string ZoneLayer::wkt(size_t i) const {
  GEOSContextHandle_t h = ctx_->get();
  GEOSWKTWriter* w = GEOSWKTWriter_create_r(h);
  char* s = GEOSWKTWriter_write_r(h, w, geoms_[i].get());
  std::string out = s ? s : "";
  GEOSFree_r(h, s);
  GEOSWKTWriter_destroy_r(h, w);
  return out;
}

}  // namespace hotspot
