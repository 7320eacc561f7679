#include "geo/map/qgis_styles.h"

#include "engine/core/text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "geo/write/atomic_output.h"
#include "geo/gdal/gdal_handles.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

constexpr const char* kQgisVersion = "3.22.0";
constexpr double kMmPerPx = 25.4 / 96.0;


std::string num(double v, int digits = 10) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

std::string qgis_color(const Rgba& c) {
  return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," + std::to_string(c.a);
}

Rgba with_alpha(Rgba c, double opacity) {
  c.a = static_cast<uint8_t>(std::lround(std::clamp(opacity, 0.0, 1.0) * 255.0));
  return c;
}

std::string prop(const std::string& k, const std::string& v) {
  return "          <prop k=\"" + markup_escape(k) + "\" v=\"" + markup_escape(v) + "\"/>\n";
}

std::string symbol_xml(const LayerStyle& s, GeometryKind geom, const std::string& fill_hex, double fill_opacity,
                       const std::string& name) {
  const Rgba stroke = with_alpha(parse_hex_color(s.stroke_color.empty() ? "#000000" : s.stroke_color), s.stroke_opacity);
  const bool has_fill = !fill_hex.empty() && fill_opacity > 0;
  const Rgba fill = has_fill ? with_alpha(parse_hex_color(fill_hex), fill_opacity) : Rgba{0, 0, 0, 0};
  const std::string outline_style = s.stroke_width_px <= 0 ? "no" : s.dash_array.empty() ? "solid" : "dash";
  const std::string width_mm = num(std::max(0.0, s.stroke_width_px) * kMmPerPx, 4);
  std::ostringstream o;
  if (geom == GeometryKind::kPoint) {
    o << "      <symbol type=\"marker\" name=\"" << name << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
      << prop("name", "circle") << prop("color", qgis_color(fill)) << prop("outline_color", qgis_color(stroke))
      << prop("outline_style", outline_style) << prop("outline_width", width_mm) << prop("outline_width_unit", "MM")
      << prop("size", num(2 * s.point_radius_px * kMmPerPx, 4)) << prop("size_unit", "MM")
      << "        </layer>\n      </symbol>\n";
  } else if (geom == GeometryKind::kLineString) {
    o << "      <symbol type=\"line\" name=\"" << name << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"SimpleLine\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
      << prop("line_color", qgis_color(stroke)) << prop("line_style", outline_style) << prop("line_width", width_mm)
      << prop("line_width_unit", "MM") << "        </layer>\n      </symbol>\n";
  } else {
    o << "      <symbol type=\"fill\" name=\"" << name << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
      << prop("color", qgis_color(fill)) << prop("style", has_fill ? "solid" : "no")
      << prop("outline_color", qgis_color(stroke)) << prop("outline_style", outline_style)
      << prop("outline_width", width_mm) << prop("outline_width_unit", "MM") << prop("joinstyle", "round")
      << "        </layer>\n      </symbol>\n";
  }
  return o.str();
}

std::string doc_head(const std::string& categories) {
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"" + std::string(kQgisVersion) +
         "\" styleCategories=\"" + categories + "\">\n";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The elements inside a .qml's <qgis> root, to be placed inside a project's <maplayer>.
std::string qml_body(const std::string& qml, const std::string& where) {
  const size_t open = qml.find("<qgis");
  const size_t open_end = open == std::string::npos ? std::string::npos : qml.find('>', open);
  const size_t close = qml.rfind("</qgis>");
  if (open_end == std::string::npos || close == std::string::npos || close < open_end) {
    if (open_end != std::string::npos && qml[open_end - 1] == '/') return "";  // <qgis/>
    throw std::runtime_error(where + ": not a QGIS style (.qml) document");
  }
  return qml.substr(open_end + 1, close - open_end - 1);
}

struct SrsInfo {
  std::string wkt, proj4, authid, description;
  std::string srid;         // the EPSG code, as QGIS writes it (its PostGIS SRID); empty for other authorities
  bool geographic = false;
};

SrsInfo srs_info(const OGRSpatialReference* srs) {
  SrsInfo s;
  if (!srs) return s;
  char* w = nullptr;
  const char* wopts[] = {"FORMAT=WKT2_2019", nullptr};
  if (srs->exportToWkt(&w, wopts) == OGRERR_NONE && w) s.wkt = w;
  CPLFree(w);
  char* p = nullptr;
  if (srs->exportToProj4(&p) == OGRERR_NONE && p) s.proj4 = p;
  CPLFree(p);
  const char* an = srs->GetAuthorityName(nullptr);
  const char* ac = srs->GetAuthorityCode(nullptr);
  if (an && ac) s.authid = std::string(an) + ":" + ac;
  if (an && ac && std::string(an) == "EPSG") s.srid = ac;
  if (const char* n = srs->GetName()) s.description = n;
  s.geographic = srs->IsGeographic();
  return s;
}

// A CRS as QGIS writes one: WKT, PROJ string, the PostGIS SRID (the EPSG code), the authority id, the name and
// whether it is geographic. QGIS reads the authority id first, then the WKT, then the PROJ string.
std::string spatialrefsys(const SrsInfo& s, const std::string& indent) {
  const auto element = [&indent](const char* name, const std::string& value) {
    return indent + "  <" + name + ">" + markup_escape(value) + "</" + name + ">\n";
  };
  std::string x = indent + "<spatialrefsys nativeFormat=\"Wkt\">\n" + element("wkt", s.wkt) + element("proj4", s.proj4);
  if (!s.srid.empty()) x += element("srid", s.srid);
  x += element("authid", s.authid) + element("description", s.description) +
       element("geographicflag", s.geographic ? "true" : "false");
  return x + indent + "</spatialrefsys>\n";
}

struct Resolved {
  QgsLayer layer;
  std::string id;
  std::string datasource;  // relative to the project
  std::string geometry;    // "Polygon", "Point", "Line" for vectors
  SrsInfo srs;
  std::string style_body;
};


// A layer's id, its data source relative to the project, its CRS, geometry and style.
Resolved resolve_layer(const QgsLayer& layer, size_t i, const fs::path& project_dir) {
  Resolved r;
  r.layer = layer;
  std::string id;
  for (char c : layer.name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  r.id = id + "_" + std::to_string(i);
  const fs::path abs = fs::absolute(layer.path);
  std::error_code ec;
  fs::path rel = fs::relative(abs, project_dir, ec);
  r.datasource = ec || rel.empty() ? abs.string() : "./" + rel.string();
  if (layer.raster) {
    GdalDatasetPtr ds = open_raster(layer.path);
    r.srs = srs_info(ds->GetSpatialRef());
  } else {
    GdalDatasetPtr ds = open_vector(layer.path);
    OGRLayer* lay = layer.source_layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer.source_layer.c_str());
    if (!lay) throw std::runtime_error(layer.path + ": has no layer " + layer.source_layer);
    r.srs = srs_info(lay->GetSpatialRef());
    const OGRwkbGeometryType t = wkbFlatten(lay->GetGeomType());
    r.geometry = (t == wkbPoint || t == wkbMultiPoint) ? "Point"
                 : (t == wkbLineString || t == wkbMultiLineString) ? "Line" : "Polygon";
    if (!layer.source_layer.empty()) r.datasource += "|layername=" + layer.source_layer;
  }
  if (r.srs.wkt.empty()) throw std::runtime_error(layer.path + ": has no CRS; QGIS could not place it");
  const fs::path sidecar = fs::path(layer.path).replace_extension(".qml");
  if (fs::exists(sidecar, ec)) r.style_body = qml_body(slurp(sidecar), sidecar.string());
  else if (!layer.qml.empty()) r.style_body = qml_body(layer.qml, "style of layer '" + layer.name + "'");
  return r;
}

// The project's CRS: the one given, else the first layer's.
SrsInfo project_srs(const QgsProjectOptions& o, const std::vector<Resolved>& layers) {
  if (!o.crs.empty()) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(o.crs.c_str()) != OGRERR_NONE) throw std::invalid_argument("project CRS '" + o.crs + "' is not known");
    return srs_info(&srs);
  }
  if (!layers.empty()) return layers.front().srs;
  return {};
}

// The layer panel lists the top layer first.
void write_layer_tree(std::ostream& x, const std::vector<Resolved>& layers) {
  x << "  <layer-tree-group>\n    <customproperties/>\n";
  for (auto it = layers.rbegin(); it != layers.rend(); ++it)
    x << "    <layer-tree-layer id=\"" << it->id << "\" name=\"" << markup_escape(it->layer.name) << "\" source=\""
      << markup_escape(it->datasource) << "\" providerKey=\"" << (it->layer.raster ? "gdal" : "ogr") << "\" checked=\""
      << (it->layer.visible ? "Qt::Checked" : "Qt::Unchecked") << "\" expanded=\"0\">\n      <customproperties/>\n"
      << "    </layer-tree-layer>\n";
  x << "  </layer-tree-group>\n";
}

void write_map_layer(std::ostream& x, const Resolved& r) {
  if (r.layer.raster) x << "    <maplayer type=\"raster\" hasScaleBasedVisibilityFlag=\"0\" refreshOnNotifyEnabled=\"0\">\n";
  else
    x << "    <maplayer type=\"vector\" geometry=\"" << r.geometry
      << "\" hasScaleBasedVisibilityFlag=\"0\" refreshOnNotifyEnabled=\"0\" readOnly=\"0\">\n";
  x << "      <id>" << r.id << "</id>\n      <datasource>" << markup_escape(r.datasource) << "</datasource>\n"
    << "      <layername>" << markup_escape(r.layer.name) << "</layername>\n      <srs>\n" << spatialrefsys(r.srs, "        ")
    << "      </srs>\n";
  if (r.layer.raster) x << "      <provider>gdal</provider>\n";
  else x << "      <provider encoding=\"UTF-8\">ogr</provider>\n";
  x << r.style_body << "\n    </maplayer>\n";
}

std::string project_xml(const QgsProjectOptions& o, const SrsInfo& srs, const std::vector<Resolved>& layers) {
  std::ostringstream x;
  x << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis projectname=\"" << markup_escape(o.title)
    << "\" version=\"" << kQgisVersion << "\">\n  <homePath path=\"\"/>\n  <title>" << markup_escape(o.title) << "</title>\n";
  if (!srs.wkt.empty()) x << "  <projectCrs>\n" << spatialrefsys(srs, "    ") << "  </projectCrs>\n";
  write_layer_tree(x, layers);
  x << "  <projectlayers>\n";
  for (const Resolved& r : layers) write_map_layer(x, r);
  x << "  </projectlayers>\n  <layerorder>\n";
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) x << "    <layer id=\"" << it->id << "\"/>\n";
  // QGIS 3 reads <projectCrs> only when SpatialRefSys/ProjectionsEnabled is 1; without it the project has no CRS
  // and QGIS draws every layer in its own coordinates, the lon/lat layers far from the State Plane ones.
  x << "  </layerorder>\n  <properties>\n    <SpatialRefSys>\n      <ProjectionsEnabled type=\"int\">1</ProjectionsEnabled>\n"
    << "    </SpatialRefSys>\n    <Paths>\n      <Absolute type=\"bool\">false</Absolute>\n    </Paths>\n"
    << "  </properties>\n</qgis>\n";
  return x.str();
}

}  // namespace

std::string density_raster_qml(const DensityRange& range, const std::string& unit, double opacity,
                               const std::vector<RampStop>& ramp) {
  const double lo = range.min_value;
  const double hi = range.max_value > lo ? range.max_value : lo + 1.0;
  const double eps = (hi - lo) * 1e-6;
  const std::string u = unit.empty() ? "" : " " + unit;
  std::ostringstream items;
  auto item = [&](double v, const Rgba& c, const std::string& label) {
    items << "          <item value=\"" << num(v, 15) << "\" label=\"" << markup_escape(label) << "\" color=\"" << to_hex(c)
          << "\" alpha=\"" << static_cast<int>(c.a) << "\"/>\n";
  };
  item(lo, {255, 255, 255, 0}, "<= " + num(lo, 4) + u + " (transparent)");
  for (const RampStop& s : ramp) {
    const double v = s.t <= 0 ? lo + eps : lo + s.t * (hi - lo);
    item(v, s.color, (s.t >= 1 ? ">= " : "") + num(v, 4) + u);
  }
  std::ostringstream o;
  o << doc_head("Symbology|Rendering") << "  <pipe>\n"
    << "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"" << num(opacity, 4)
    << "\" alphaBand=\"-1\" classificationMin=\"" << num(lo, 15) << "\" classificationMax=\"" << num(hi, 15)
    << "\" nodataColor=\"\">\n"
    << "      <rasterTransparency/>\n"
    << "      <minMaxOrigin>\n        <limits>None</limits>\n        <extent>WholeRaster</extent>\n"
    << "        <statAccuracy>Exact</statAccuracy>\n        <cumulativeCutLower>0.02</cumulativeCutLower>\n"
    << "        <cumulativeCutUpper>0.98</cumulativeCutUpper>\n        <stdDevFactor>2</stdDevFactor>\n"
    << "      </minMaxOrigin>\n"
    << "      <rastershader>\n"
    << "        <colorrampshader colorRampType=\"INTERPOLATED\" classificationMode=\"1\" clip=\"0\" minimumValue=\""
    << num(lo, 15) << "\" maximumValue=\"" << num(hi, 15) << "\" labelPrecision=\"4\">\n"
    << items.str() << "        </colorrampshader>\n      </rastershader>\n    </rasterrenderer>\n"
    << "    <brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>\n"
    << "    <huesaturation saturation=\"0\" grayscaleMode=\"0\" colorizeOn=\"0\" colorizeRed=\"255\" colorizeGreen=\"128\" "
       "colorizeBlue=\"128\" colorizeStrength=\"100\"/>\n"
    << "    <rasterresampler maxOversampling=\"2\" zoomedInResampler=\"bilinear\"/>\n"
    << "    <resamplingStage>resamplingFilter</resamplingStage>\n  </pipe>\n  <blendMode>0</blendMode>\n</qgis>\n";
  return o.str();
}

std::string vector_layer_qml(const LayerStyle& s, GeometryKind geometry) {
  std::ostringstream o;
  o << doc_head("Symbology");
  if (!s.category_field.empty() && !s.categories.empty()) {
    o << "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" << markup_escape(s.category_field)
      << "\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\">\n    <categories>\n";
    for (size_t i = 0; i < s.categories.size(); ++i) {
      const CategoryColor& c = s.categories[i];
      o << "      <category render=\"true\" value=\"" << markup_escape(c.value) << "\" label=\""
        << markup_escape(c.label.empty() ? c.value : c.label) << "\" symbol=\"" << i << "\"/>\n";
    }
    o << "    </categories>\n    <symbols>\n";
    for (size_t i = 0; i < s.categories.size(); ++i) {
      const CategoryColor& c = s.categories[i];
      o << symbol_xml(s, geometry, c.color, c.fill_opacity >= 0 ? c.fill_opacity : s.fill_opacity, std::to_string(i));
    }
    o << "    </symbols>\n  </renderer-v2>\n";
  } else {
    o << "  <renderer-v2 type=\"singleSymbol\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\">\n    <symbols>\n"
      << symbol_xml(s, geometry, s.fill_color, s.fill_opacity, "0") << "    </symbols>\n  </renderer-v2>\n";
  }
  o << "  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n  <layerOpacity>1</layerOpacity>\n</qgis>\n";
  return o.str();
}

std::string write_qml_sidecar(const std::string& data_path, const std::string& qml, bool overwrite) {
  const std::string path = fs::path(data_path).replace_extension(".qml").string();
  AtomicOutput out(path, overwrite);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f << qml;
    if (!f) throw std::runtime_error(path + ": cannot write the style");
  }
  out.commit();
  return path;
}

void write_qgis_project(const std::vector<QgsLayer>& layers, const QgsProjectOptions& o) {
  if (o.path.empty()) throw std::invalid_argument("write_qgis_project: no output path");
  const fs::path project_dir = fs::absolute(fs::path(o.path)).parent_path();
  std::vector<Resolved> res;
  for (size_t i = 0; i < layers.size(); ++i) res.push_back(resolve_layer(layers[i], i, project_dir));
  const std::string xml = project_xml(o, project_srs(o, res), res);
  AtomicOutput out(o.path, o.overwrite);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f << xml;
    if (!f) throw std::runtime_error(o.path + ": cannot write the QGIS project");
  }
  out.commit();
}

std::vector<QgsLayer> qgis_layers_for(const MapSpec& spec) {
  std::vector<QgsLayer> out;
  for (const RasterOverlay& ov : spec.overlays) {
    const DensityRange range = resolve_density_range(ov.raster_path, ov.scale);
    out.push_back({ov.name, ov.raster_path, true, "", density_raster_qml(range, ov.unit, ov.opacity), ov.visible});
  }
  for (const MapLayer& l : spec.layers) {
    if (l.path.empty()) continue;
    GdalDatasetPtr ds = open_vector(l.path);
    OGRLayer* lay = l.source_layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(l.source_layer.c_str());
    GeometryKind g = GeometryKind::kPolygon;
    if (lay) {
      const OGRwkbGeometryType t = wkbFlatten(lay->GetGeomType());
      if (t == wkbPoint || t == wkbMultiPoint) g = GeometryKind::kPoint;
      else if (t == wkbLineString || t == wkbMultiLineString) g = GeometryKind::kLineString;
    }
    out.push_back({l.name, l.path, false, l.source_layer, vector_layer_qml(l.style, g), l.visible});
  }
  return out;
}

}  // namespace hotspot
