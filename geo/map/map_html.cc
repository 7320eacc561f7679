#include "geo/map/map_html.h"

#include "engine/core/text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "geo/write/atomic_output.h"
#include "geo/gdal/crs.h"
#include "geo/map/rgba_image.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error(p.string() + ": cannot read");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}


// JSON inside <script type="application/json">: "</" must not appear (it could close the element).
std::string script_safe(std::string s) {
  for (size_t i = s.find("</"); i != std::string::npos; i = s.find("</", i + 3)) s.replace(i, 2, "<\\/");
  return s;
}

// Leaflet's stylesheet refers to images/*.png; inline them so the page needs no other file.
std::string inline_css_images(std::string css, const fs::path& dir) {
  const std::string key = "url(images/";
  for (size_t i = css.find(key); i != std::string::npos; i = css.find(key, i + 1)) {
    const size_t end = css.find(')', i);
    if (end == std::string::npos) break;
    const std::string name = css.substr(i + key.size(), end - i - key.size());
    const fs::path img = dir / "images" / name;
    if (!fs::exists(img)) continue;
    const std::string uri = "url(" + png_data_uri(slurp(img)) + ")";
    css.replace(i, end + 1 - i, uri);
  }
  return css;
}

std::string rgba_css(const Rgba& c) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "rgba(%d,%d,%d,%.3f)", c.r, c.g, c.b, c.a / 255.0);
  return buf;
}

nlohmann::json style_json(const LayerStyle& s) {
  nlohmann::json cats = nlohmann::json::array();
  for (const CategoryColor& c : s.categories)
    cats.push_back({{"value", c.value}, {"color", c.color}, {"label", c.label.empty() ? c.value : c.label}, {"fillOpacity", c.fill_opacity}});
  return {{"stroke", s.stroke_color}, {"weight", s.stroke_width_px}, {"opacity", s.stroke_opacity},
          {"dash", s.dash_array},     {"fill", s.fill_color},         {"fillOpacity", s.fill_opacity},
          {"categoryField", s.category_field}, {"categories", cats},  {"radius", s.point_radius_px}};
}

const char* kPageCss = R"CSS(
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 13px/1.35 "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2933; }
header { padding: 8px 14px 7px; background: #243b53; color: #fff; }
header h1 { font-size: 18px; margin: 0; font-weight: 600; }
header .notes { font-size: 12px; color: #d9e2ec; margin-top: 2px; }
#notices:empty { display: none; }
#notices { padding: 6px 14px; background: #fff8e1; border-bottom: 1px solid #f0b429; }
.hotspot-notice { color: #5c3c00; font-weight: 600; }
.hotspot-notice::before { content: "\26A0\FE0E  "; }
#map { flex: 1; background: #f4f2ee; }
.hotspot-legend { background: rgba(255,255,255,0.95); padding: 8px 10px; border-radius: 5px; box-shadow: 0 1px 5px rgba(0,0,0,0.35); max-height: 65vh; overflow-y: auto; min-width: 170px; }
.hotspot-legend h3 { margin: 0 0 4px; font-size: 13px; }
.legend-layer { margin: 6px 0 2px; font-weight: 600; font-size: 12px; }
.legend-item { display: flex; align-items: center; gap: 6px; margin: 2px 0; font-size: 12px; }
.legend-swatch { width: 18px; height: 12px; flex: none; box-sizing: border-box; }
.legend-ramp { width: 150px; height: 11px; border: 1px solid #999; }
.legend-ramp-labels { display: flex; justify-content: space-between; width: 152px; font-size: 11px; color: #444; }
.legend-unit { font-size: 11px; color: #444; }
.legend-layer.legend-item { margin-top: 6px; }
.legend-empty { color: #8a1c1c; font-style: italic; font-size: 12px; }
.hotspot-popup h4 { margin: 0 0 4px; font-size: 13px; }
.hotspot-popup table { border-collapse: collapse; }
.hotspot-popup th { text-align: left; font-weight: 600; padding: 1px 8px 1px 0; color: #334e68; }
.hotspot-popup td { padding: 1px 0; }
.hotspot-popup .unit { color: #627d98; }
)CSS";

const char* kPageJs = R"JS(
(function () {
  'use strict';
  var spec = JSON.parse(document.getElementById('hotspot-map-data').textContent);
  var state = { map: null, layers: {}, featureCounts: {}, ready: false };
  window.hotspotMap = state;
  var map = L.map('map', { zoomSnap: 0.25 });
  state.map = map;
  if (spec.basemap && spec.basemap.url) {
    L.tileLayer(spec.basemap.url, { attribution: spec.basemap.attribution || '', maxZoom: 19 }).addTo(map);
  }
  function valueText(v) {
    if (v === null || v === undefined) return '';
    return String(v);
  }
  function fmt(v, decimals) {
    if (v === null || v === undefined || v === '') return '\u2014';
    if (typeof v === 'number') {
      if (!isFinite(v)) return '\u2014';
      if (decimals >= 0) return v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      if (Number.isInteger(v)) return v.toLocaleString('en-US');
      var a = Math.abs(v);
      if (a !== 0 && (a < 0.01 || a >= 1e7)) return v.toPrecision(4);
      return v.toLocaleString('en-US', { maximumFractionDigits: 3 });
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function popupFor(layer, feature) {
    var box = el('div', 'hotspot-popup');
    box.appendChild(el('h4', null, layer.name));
    var table = el('table');
    var props = feature.properties || {};
    var fields = layer.popup.length ? layer.popup : Object.keys(props).map(function (k) { return { field: k, label: k, unit: '', decimals: -1 }; });
    fields.forEach(function (f) {
      var tr = el('tr');
      tr.appendChild(el('th', null, f.label || f.field));
      var td = el('td', null, fmt(props[f.field], f.decimals));
      if (f.unit && props[f.field] !== null && props[f.field] !== undefined) td.appendChild(el('span', 'unit', ' ' + f.unit));
      tr.appendChild(td);
      table.appendChild(tr);
    });
    if (!fields.length) box.appendChild(el('div', null, 'no attributes'));
    box.appendChild(table);
    return box;
  }
  function styler(s) {
    var cats = {};
    (s.categories || []).forEach(function (c) { cats[c.value] = c; });
    return function (feature) {
      var fill = s.fill, fo = s.fillOpacity;
      if (s.categoryField) {
        var c = cats[valueText((feature.properties || {})[s.categoryField])];
        if (c) { fill = c.color; if (c.fillOpacity >= 0) fo = c.fillOpacity; }
      }
      return { color: s.stroke || '#000', weight: s.weight, opacity: s.weight > 0 ? s.opacity : 0,
               dashArray: s.dash || null, fill: !!fill, fillColor: fill || undefined, fillOpacity: fill ? fo : 0 };
    };
  }
  var switcher = {};
  spec.overlays.forEach(function (o) {
    if (!o.image) return;
    var lyr = L.imageOverlay(o.image, o.bounds, { opacity: o.opacity, className: 'hotspot-raster', alt: o.name, interactive: false });
    if (o.visible) lyr.addTo(map);
    switcher[o.name] = lyr;
    state.layers[o.name] = lyr;
  });
  spec.layers.forEach(function (l) {
    var styleOf = styler(l.style);
    var lyr = L.geoJSON(l.data, {
      style: styleOf,
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, Object.assign(styleOf(f), { radius: l.style.radius })); },
      onEachFeature: function (f, layer) { layer.bindPopup(function () { return popupFor(l, f); }, { maxWidth: 380 }); }
    });
    if (l.visible) lyr.addTo(map);
    switcher[l.name] = lyr;
    state.layers[l.name] = lyr;
    state.featureCounts[l.name] = l.data.features.length;
  });
  L.control.layers(null, switcher, { collapsed: false, position: 'topright' }).addTo(map);
  L.control.scale({ metric: true, imperial: true, position: 'bottomleft' }).addTo(map);
  function swatch(e) {
    var sw = el('span', 'legend-swatch');
    if (e.fill) sw.style.background = e.fill;
    if (e.stroke) sw.style.border = '2px ' + (e.dash ? 'dashed ' : 'solid ') + e.stroke;
    return sw;
  }
  var legend = L.control({ position: 'bottomright' });
  legend.onAdd = function () {
    var div = el('div', 'hotspot-legend');
    div.id = 'hotspot-legend';
    div.appendChild(el('h3', null, 'Legend'));
    spec.legend.forEach(function (block) {
      var entries = block.entries || [];
      var inline = entries.length === 1 && entries[0].label === block.name;
      var head = el('div', 'legend-layer' + (inline ? ' legend-item' : ''));
      head.setAttribute('data-layer', block.name);
      if (inline) head.appendChild(swatch(entries[0]));
      head.appendChild(el('span', null, block.name));
      div.appendChild(head);
      if (inline) entries = [];
      if (block.ramp && !block.message) {
        var bar = el('div', 'legend-ramp');
        bar.style.background = 'linear-gradient(to right, ' + block.ramp.join(', ') + ')';
        div.appendChild(bar);
        var labels = el('div', 'legend-ramp-labels');
        labels.appendChild(el('span', null, block.low));
        labels.appendChild(el('span', null, block.high));
        div.appendChild(labels);
        if (block.unit) div.appendChild(el('div', 'legend-unit', block.unit));
      }
      entries.forEach(function (e) {
        var item = el('div', 'legend-item');
        item.appendChild(swatch(e));
        item.appendChild(el('span', null, e.label));
        div.appendChild(item);
      });
      if (block.message) div.appendChild(el('div', 'legend-empty', block.message));
    });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
  if (spec.bounds) map.fitBounds(spec.bounds, { padding: [12, 12] });
  else map.setView([20, 0], 2);
  state.ready = true;
  document.body.setAttribute('data-map-ready', 'true');
})();
)JS";

bool has_leaflet(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "leaflet.js", ec) && fs::exists(dir / "leaflet.css", ec);
}


// What the page's script draws (the JSON in #hotspot-map-data, but for the title and basemap), built a layer at a time.
struct MapPageData {
  nlohmann::ordered_json overlays = nlohmann::ordered_json::array();
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  nlohmann::ordered_json legend = nlohmann::ordered_json::array();
  Extent bounds;  // lon/lat of everything drawn
};

// A density overlay's legend: its colour ramp, the range's ends and the unit.
nlohmann::ordered_json density_legend_block(const RasterOverlay& o, const DensityRange& range) {
  nlohmann::ordered_json block{{"name", o.name}};
  nlohmann::ordered_json ramp = nlohmann::ordered_json::array();
  for (const RampStop& s : density_ramp()) ramp.push_back(rgba_css(s.color) + " " + std::to_string(static_cast<int>(s.t * 100)) + "%");
  block["ramp"] = ramp;
  const DensityRangeLabels labels = density_range_labels(range);
  block["low"] = labels.low;
  block["high"] = labels.high;
  block["unit"] = o.unit;
  return block;
}

// A density overlay as a PNG in Web Mercator with its lon/lat bounds; an empty range draws nothing and says so.
void add_density_overlay(const RasterOverlay& o, MapPageData& page, MapHtmlResult& res) {
  const DensityRange range = resolve_density_range(o.raster_path, o.scale);
  nlohmann::ordered_json j{{"name", o.name}, {"opacity", o.opacity}, {"visible", o.visible}, {"image", nullptr}};
  nlohmann::ordered_json block = density_legend_block(o, range);
  if (range.empty()) {
    const std::string unit = o.unit.empty() ? "" : " " + o.unit;
    const std::string msg = o.empty_message.empty() ? o.name + ": no cell above " + density_number_text(range.min_value) + unit : o.empty_message;
    block["message"] = msg;
    res.messages.push_back(msg);
  } else {
    const Crs mercator = Crs::from_user_input("EPSG:3857");
    const GeoImage img = render_density(o.raster_path, mercator, range);
    CrsTransform to_ll(mercator, Crs::from_user_input("EPSG:4326"));
    double x0 = img.extent.min_x, y0 = img.extent.min_y, x1 = img.extent.max_x, y1 = img.extent.max_y;
    if (!to_ll.transform(x0, y0) || !to_ll.transform(x1, y1))
      throw std::runtime_error(o.raster_path + ": cannot place the raster in longitude/latitude");
    j["image"] = png_data_uri(encode_png(img.image));
    j["bounds"] = {{y0, x0}, {y1, x1}};
    page.bounds.include(x0, y0);
    page.bounds.include(x1, y1);
  }
  page.overlays.push_back(j);
  page.legend.push_back(block);
}

// A vector layer as GeoJSON with its style, popup fields and legend entries.
void add_vector_layer(const MapLayer& l, MapPageData& page, MapHtmlResult& res) {
  const LoadedLayer loaded = load_map_layer(l);
  res.feature_count += loaded.feature_count;
  if (!loaded.bbox_lonlat.empty()) {
    page.bounds.include(loaded.bbox_lonlat.min_x, loaded.bbox_lonlat.min_y);
    page.bounds.include(loaded.bbox_lonlat.max_x, loaded.bbox_lonlat.max_y);
  }
  nlohmann::ordered_json popup = nlohmann::ordered_json::array();
  for (const PopupField& f : l.popup_fields)
    popup.push_back({{"field", f.field}, {"label", f.label.empty() ? f.field : f.label}, {"unit", f.unit}, {"decimals", f.decimals}});
  nlohmann::ordered_json j{{"name", l.name}, {"kind", to_string(l.kind)}, {"visible", l.visible},
                           {"style", style_json(l.style)}, {"popup", popup}};
  j["data"] = nlohmann::ordered_json::parse(loaded.geojson);
  page.layers.push_back(std::move(j));
  nlohmann::ordered_json block{{"name", l.name}};
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (const LegendEntry& e : legend_entries(l))
    entries.push_back({{"label", e.label}, {"fill", e.fill_color}, {"stroke", e.stroke_color}, {"dash", e.dash_array}});
  block["entries"] = entries;
  if (!loaded.message.empty()) {
    block["message"] = loaded.message;
    res.messages.push_back(loaded.message);
  }
  page.legend.push_back(block);
}

nlohmann::ordered_json page_data_json(const MapSpec& spec, const MapPageData& page) {
  nlohmann::ordered_json data;
  data["title"] = spec.title;
  data["basemap"] = spec.basemap_url.empty() ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json{{"url", spec.basemap_url}, {"attribution", spec.basemap_attribution}};
  data["overlays"] = page.overlays;
  data["layers"] = page.layers;
  data["legend"] = page.legend;
  const Extent& b = page.bounds;
  if (!b.empty()) data["bounds"] = {{b.min_y, b.min_x}, {b.max_y, b.max_x}};
  else data["bounds"] = nullptr;
  return data;
}

// The notes under the title and the notices above the map (the messages, or that there is nothing to show).
std::string notes_html(const MapSpec& spec) {
  std::string html;
  for (const std::string& n : spec.notes) html += "<div class=\"notes\">" + markup_escape(n) + "</div>\n";
  return html;
}

std::string notices_html(const MapSpec& spec, const std::vector<std::string>& messages) {
  std::string html;
  for (const std::string& m : messages) html += "<div class=\"hotspot-notice\">" + markup_escape(m) + "</div>\n";
  if (spec.layers.empty() && spec.overlays.empty()) html += "<div class=\"hotspot-notice\">This map has no layers.</div>\n";
  return html;
}

// The page: Leaflet's script and stylesheet inline, then the page's own, the data and the script that draws it.
std::string page_html(const MapSpec& spec, const std::string& leaflet_js, const std::string& leaflet_css,
                      const std::string& notices, const nlohmann::ordered_json& data) {
  std::string page;
  page.reserve(leaflet_js.size() + leaflet_css.size() + 4096);
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<meta name=\"generator\" content=\"hotspot\">\n";
  page += "<title>" + markup_escape(spec.title) + "</title>\n";
  page += "<style>\n/* Leaflet 1.9 (BSD-2-Clause), https://leafletjs.com */\n" + leaflet_css + "\n</style>\n";
  page += std::string("<style>") + kPageCss + "</style>\n</head>\n<body>\n";
  page += "<header><h1>" + markup_escape(spec.title) + "</h1>\n" + notes_html(spec) + "</header>\n";
  page += "<div id=\"notices\" role=\"status\">" + notices + "</div>\n";
  page += "<div id=\"map\" role=\"region\" aria-label=\"map\"></div>\n";
  page += "<noscript><p>This map needs JavaScript.</p></noscript>\n";
  page += "<script>\n" + leaflet_js + "\n</script>\n";
  page += "<script id=\"hotspot-map-data\" type=\"application/json\">" + script_safe(data.dump()) + "</script>\n";
  page += std::string("<script>") + kPageJs + "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace

std::string find_leaflet_dir() {
  if (const char* env = std::getenv("HOTSPOT_LEAFLET_DIR"); env && *env) {
    if (has_leaflet(env)) return env;
    throw std::runtime_error(std::string("HOTSPOT_LEAFLET_DIR=") + env + " holds no leaflet.js and leaflet.css");
  }
  const fs::path rel = fs::path("tools") / "web" / "node_modules" / "leaflet" / "dist";
  std::vector<fs::path> starts;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) starts.push_back(exe.parent_path());
  starts.push_back(fs::current_path(ec));
  for (fs::path p : starts) {
    for (int i = 0; i < 8 && !p.empty(); ++i) {
      if (has_leaflet(p / rel)) return (p / rel).string();
      if (p == p.parent_path()) break;
      p = p.parent_path();
    }
  }
  if (has_leaflet("/usr/share/javascript/leaflet")) return "/usr/share/javascript/leaflet";
  throw std::runtime_error(
      "Leaflet (needed for map.html) was not found: run scripts/setup.sh, which installs it under "
      "tools/web/node_modules, or set HOTSPOT_LEAFLET_DIR to a folder holding leaflet.js and leaflet.css");
}

std::string render_map_html(const MapSpec& spec, const std::string& leaflet_dir, MapHtmlResult* result) {
  validate_map_spec(spec);
  MapHtmlResult res;
  const fs::path ldir(leaflet_dir);
  if (!has_leaflet(ldir)) throw std::runtime_error(leaflet_dir + ": no leaflet.js and leaflet.css there");
  const std::string leaflet_js = slurp(ldir / "leaflet.js");
  const std::string leaflet_css = inline_css_images(slurp(ldir / "leaflet.css"), ldir);
  MapPageData page;
  for (const RasterOverlay& o : spec.overlays) add_density_overlay(o, page, res);
  for (const MapLayer& l : spec.layers) add_vector_layer(l, page, res);
  const std::string html =
      page_html(spec, leaflet_js, leaflet_css, notices_html(spec, res.messages), page_data_json(spec, page));
  res.bytes = html.size();
  if (result) *result = res;
  return html;
}

MapHtmlResult write_map_html(const MapSpec& spec, const MapHtmlOptions& options) {
  if (options.path.empty()) throw std::invalid_argument("write_map_html: no output path");
  const std::string dir = options.leaflet_dir.empty() ? find_leaflet_dir() : options.leaflet_dir;
  MapHtmlResult res;
  const std::string page = render_map_html(spec, dir, &res);
  AtomicOutput out(options.path, options.overwrite);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f.write(page.data(), static_cast<std::streamsize>(page.size()));
    if (!f) throw std::runtime_error(options.path + ": cannot write the map page");
  }
  out.commit();
  return res;
}

}  // namespace hotspot
