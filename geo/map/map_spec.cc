#include "geo/map/map_spec.h"

#include <cmath>
#include <functional>
#include <set>
#include <stdexcept>

#include <cpl_vsi.h>
#include <gdal_utils.h>
#include <nlohmann/json.hpp>

#include "geo/gdal/gdal_handles.h"

namespace hotspot {

namespace {

const std::vector<std::pair<MapLayerKind, const char*>>& kind_names() {
  static const std::vector<std::pair<MapLayerKind, const char*>> names = {
      {MapLayerKind::kGiCells, "gi"},          {MapLayerKind::kHotZones, "hotzones"},
      {MapLayerKind::kPriorityAreas, "priority"}, {MapLayerKind::kHotspotClusters, "clusters"},
      {MapLayerKind::kContext, "context"},     {MapLayerKind::kPoints, "points"},
      {MapLayerKind::kOther, "other"},
  };
  return names;
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Visits every coordinate pair of a GeoJSON geometry.
void each_position(const nlohmann::json& g, const std::function<void(double, double)>& f) {
  if (!g.is_object()) return;
  const auto type = g.value("type", std::string());
  if (type == "GeometryCollection") {
    if (g.contains("geometries"))
      for (const auto& sub : g["geometries"]) each_position(sub, f);
    return;
  }
  if (!g.contains("coordinates")) return;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& c) {
    if (!c.is_array() || c.empty()) return;
    if (c[0].is_number()) {
      if (c.size() >= 2 && c[1].is_number()) f(c[0].get<double>(), c[1].get<double>());
      return;
    }
    for (const auto& sub : c) walk(sub);
  };
  walk(g["coordinates"]);
}

std::string value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
    return num(d);
  }
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

// Converts any OGR source to RFC 7946 GeoJSON text.
std::string translate_to_geojson(const MapLayer& layer) {
  GdalDatasetPtr src = open_vector(layer.path);
  OGRLayer* lay = layer.source_layer.empty() ? src->GetLayer(0) : src->GetLayerByName(layer.source_layer.c_str());
  if (!lay)
    throw std::runtime_error("map layer '" + layer.name + "': " + layer.path + " has no layer " +
                             (layer.source_layer.empty() ? std::string("at all") : "'" + layer.source_layer + "'"));
  const OGRSpatialReference* srs = lay->GetSpatialRef();
  if (!srs)
    throw std::runtime_error("map layer '" + layer.name + "': " + layer.path +
                             " has no CRS (add a .prj or use GeoJSON in WGS 84)");
  std::vector<std::string> args = {"-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "RFC7946=YES", "-lco",
                                   "COORDINATE_PRECISION=6", lay->GetName()};
  if (layer.simplify_m > 0) {
    const double tol = srs->IsGeographic() ? layer.simplify_m / 111320.0 : layer.simplify_m / srs->GetLinearUnits();
    args.insert(args.end() - 1, {"-simplify", num(tol)});
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
  if (!opts) throw std::runtime_error("map layer '" + layer.name + "': bad translate options: " + last_gdal_error());
  static int counter = 0;
  const std::string vsi = "/vsimem/hotspot_map_layer_" + std::to_string(counter++) + ".geojson";
  GDALDatasetH in = GDALDataset::ToHandle(src.get());
  int usage_error = 0;
  CPLErrorReset();
  GDALDatasetH out = GDALVectorTranslate(vsi.c_str(), nullptr, 1, &in, opts, &usage_error);
  GDALVectorTranslateOptionsFree(opts);
  if (!out) throw std::runtime_error("map layer '" + layer.name + "': cannot convert " + layer.path + ": " + last_gdal_error());
  GDALClose(out);
  vsi_l_offset len = 0;
  GByte* data = VSIGetMemFileBuffer(vsi.c_str(), &len, TRUE);
  std::string text(reinterpret_cast<const char*>(data), static_cast<size_t>(len));
  CPLFree(data);
  return text;
}

}  // namespace

std::string to_string(MapLayerKind kind) {
  for (const auto& [k, n] : kind_names())
    if (k == kind) return n;
  return "other";
}

MapLayerKind parse_map_layer_kind(const std::string& text) {
  std::string all;
  for (const auto& [k, n] : kind_names()) {
    if (text == n) return k;
    all += (all.empty() ? "" : ", ") + std::string(n);
  }
  throw std::invalid_argument("unknown map layer kind '" + text + "' (use one of: " + all + ")");
}

namespace {

// Gi* cells: coloured by Gi_Bin in ArcGIS's classes, with a notice when no cell is significantly hot.
void set_gi_cells_style(MapLayer& l) {
  LayerStyle& s = l.style;
  s.stroke_color = "#ffffff";
  s.stroke_width_px = 0.3;
  s.stroke_opacity = 0.6;
  s.fill_color = "#9C9C9C";
  s.fill_opacity = 0.75;
  s.category_field = "Gi_Bin";
  for (const GiBinClass& c : gi_bin_classes())
    s.categories.push_back({std::to_string(c.bin), c.color, c.label, c.bin == 0 ? 0.3 : -1.0});
  l.empty_message = l.name + ": no cells";
  l.notice = LayerNotice{"Gi_Bin", {"1", "2", "3"}, l.name + ": no significant hotspots (no cell with Gi_Bin 1, 2 or 3)"};
}

}  // namespace

MapLayer default_map_layer(MapLayerKind kind, const std::string& name) {
  MapLayer l;
  l.name = name;
  l.kind = kind;
  LayerStyle& s = l.style;
  switch (kind) {
    case MapLayerKind::kGiCells:
      set_gi_cells_style(l);
      break;
    case MapLayerKind::kHotZones:
      s.stroke_color = "#B10026";
      s.stroke_width_px = 1.2;
      s.fill_color = "#FC4E2A";
      s.fill_opacity = 0.35;
      l.empty_message = name + ": no hot zones (the density never reaches the threshold)";
      break;
    case MapLayerKind::kPriorityAreas:
      s.stroke_color = "#54278F";
      s.stroke_width_px = 2.5;
      s.fill_color = "#9E9AC8";
      s.fill_opacity = 0.3;
      l.empty_message = name + ": no priority areas";
      break;
    case MapLayerKind::kHotspotClusters:
      s.stroke_color = "#67000D";
      s.stroke_width_px = 2.5;
      s.dash_array = "6 4";
      s.fill_color = "#D62F27";
      s.fill_opacity = 0.15;
      s.point_radius_px = 7;
      l.empty_message = name + ": no significant hotspots";
      break;
    case MapLayerKind::kContext:
      s.stroke_color = "#4D4D4D";
      s.stroke_width_px = 1.2;
      s.fill_color.clear();
      l.empty_message = name + ": empty";
      break;
    case MapLayerKind::kPoints:
      s.stroke_color = "#08306B";
      s.stroke_width_px = 0.8;
      s.fill_color = "#2171B5";
      s.fill_opacity = 0.7;
      s.point_radius_px = 3.5;
      l.empty_message = name + ": no points";
      break;
    case MapLayerKind::kOther:
      l.empty_message = name + ": no features";
      break;
  }
  return l;
}

RasterOverlay default_density_overlay(const std::string& raster_path, const std::string& unit) {
  RasterOverlay o;
  o.name = "Kernel density";
  o.raster_path = raster_path;
  o.unit = unit;
  return o;
}

LoadedLayer load_map_layer(const MapLayer& layer) {
  LoadedLayer out;
  std::string text = layer.geojson;
  if (text.empty()) {
    if (layer.path.empty()) throw std::runtime_error("map layer '" + layer.name + "': neither GeoJSON text nor a file given");
    text = translate_to_geojson(layer);
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw std::runtime_error("map layer '" + layer.name + "': not valid GeoJSON" + (layer.path.empty() ? "" : " (" + layer.path + ")"));
  const std::string type = j.value("type", std::string());
  if (type == "Feature") {
    j = nlohmann::json{{"type", "FeatureCollection"}, {"features", nlohmann::json::array({j})}};
  } else if (type != "FeatureCollection") {
    throw std::runtime_error("map layer '" + layer.name + "': expected a GeoJSON FeatureCollection, found type '" + type + "'");
  }
  if (!j.contains("features") || !j["features"].is_array()) j["features"] = nlohmann::json::array();
  bool matched = false;
  for (const auto& f : j["features"]) {
    ++out.feature_count;
    if (f.contains("geometry")) each_position(f["geometry"], [&](double x, double y) { out.bbox_lonlat.include(x, y); });
    if (layer.notice && !matched && f.contains("properties") && f["properties"].is_object()) {
      const auto& p = f["properties"];
      if (p.contains(layer.notice->field) && !p[layer.notice->field].is_null()) {
        const std::string v = value_text(p[layer.notice->field]);
        for (const std::string& want : layer.notice->any_of)
          if (v == want) matched = true;
      }
    }
  }
  if (out.feature_count == 0) out.message = layer.empty_message.empty() ? layer.name + ": no features" : layer.empty_message;
  else if (layer.notice && !matched) out.message = layer.notice->message;
  out.geojson = j.dump();
  return out;
}

std::vector<std::string> map_layer_fields(const MapLayer& layer) {
  std::vector<std::string> out;
  if (layer.path.empty()) return out;
  GdalDatasetPtr ds = open_vector(layer.path);
  OGRLayer* lay = layer.source_layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer.source_layer.c_str());
  if (!lay) throw std::runtime_error("map layer '" + layer.name + "': " + layer.path + " has no such layer");
  OGRFeatureDefn* defn = lay->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) out.push_back(defn->GetFieldDefn(i)->GetNameRef());
  return out;
}

std::vector<LegendEntry> legend_entries(const MapLayer& layer) {
  if (!layer.legend.empty()) return layer.legend;
  const LayerStyle& s = layer.style;
  std::vector<LegendEntry> out;
  const std::string stroke = s.stroke_width_px > 0 ? s.stroke_color : "";
  if (!s.category_field.empty() && !s.categories.empty()) {
    for (const CategoryColor& c : s.categories) out.push_back({c.label.empty() ? c.value : c.label, c.color, "", ""});
  } else {
    out.push_back({layer.name, s.fill_color, stroke, s.dash_array});
  }
  return out;
}

void validate_map_spec(const MapSpec& spec) {
  std::set<std::string> names;
  auto check_color = [](const std::string& c) {
    if (!c.empty()) parse_hex_color(c);
  };
  for (const MapLayer& l : spec.layers) {
    if (l.name.empty()) throw std::invalid_argument("a map layer has no name");
    if (!names.insert(l.name).second) throw std::invalid_argument("map layer name '" + l.name + "' is used twice");
    check_color(l.style.stroke_color);
    check_color(l.style.fill_color);
    for (const CategoryColor& c : l.style.categories) check_color(c.color);
    for (const LegendEntry& e : l.legend) {
      check_color(e.fill_color);
      check_color(e.stroke_color);
    }
  }
  for (const RasterOverlay& o : spec.overlays) {
    if (o.name.empty()) throw std::invalid_argument("a raster overlay has no name");
    if (!names.insert(o.name).second) throw std::invalid_argument("map layer name '" + o.name + "' is used twice");
  }
}

}  // namespace hotspot
