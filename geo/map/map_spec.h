// What a map shows, independent of how it is drawn: vector layers (GeoJSON in WGS 84 or any OGR file) with a
// style, popup fields with units and legend entries, density rasters drawn with the sequential ramp, a title and
// an optional basemap. The HTML map (map_html.h) and the PNG preview (png_preview.h) draw the same MapSpec.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/extent.h"
#include "geo/map/density_image.h"

namespace hotspot {

// What a layer is; chooses the default style, legend and messages (default_map_layer).
enum class MapLayerKind {
  kGiCells,          // Gi* cells coloured by Gi_Bin with ArcGIS's palette
  kHotZones,         // polygons of the density surface above a threshold
  kPriorityAreas,    // e.g. violence-interruption priority areas
  kHotspotClusters,  // hotspot clusters (e.g. those no priority area covers)
  kContext,          // outlines for orientation: city limits, patrol divisions
  kPoints,           // incidents or other points
  kOther,
};
// "gi", "hotzones", "priority", "clusters", "context", "points", "other".
std::string to_string(MapLayerKind kind);
// Accepts the names above; throws std::invalid_argument listing them.
MapLayerKind parse_map_layer_kind(const std::string& text);

struct CategoryColor {
  std::string value;          // the property's value as text ("3", "-1", "High")
  std::string color;          // "#RRGGBB"
  std::string label;          // legend text; empty = value
  double fill_opacity = -1;   // < 0 = the style's fill_opacity
};

struct LayerStyle {
  std::string stroke_color = "#3388ff";
  double stroke_width_px = 1.5;  // 0 = no outline
  double stroke_opacity = 1.0;
  std::string dash_array;        // SVG dash pattern, e.g. "6 4"; empty = solid
  std::string fill_color;        // empty = not filled
  double fill_opacity = 0.4;
  std::string category_field;    // when set, the fill colour comes from this property (categories)
  std::vector<CategoryColor> categories;
  double point_radius_px = 5.0;  // points are drawn as circles
};

struct PopupField {
  std::string field;      // property name
  std::string label;      // empty = field
  std::string unit;       // e.g. "incidents", "ft", "per km²"; empty = none
  int decimals = -1;      // < 0 = automatic
};

struct LegendEntry {
  std::string label;
  std::string fill_color;    // empty = none
  std::string stroke_color;  // empty = none
  std::string dash_array;
};

// A message for a layer whose features exist but none of which has `field` equal to one of `any_of`
// (e.g. Gi* cells with no Gi_Bin of 1, 2 or 3: "no significant hotspots").
struct LayerNotice {
  std::string field;
  std::vector<std::string> any_of;
  std::string message;
};

struct MapLayer {
  std::string name;  // shown in the layer switcher and legend; unique within a map
  MapLayerKind kind = MapLayerKind::kOther;
  std::string geojson;       // a GeoJSON FeatureCollection in WGS 84 lon/lat (RFC 7946), or
  std::string path;          // any OGR vector source, reprojected to WGS 84 (used when geojson is empty)
  std::string source_layer;  // layer within `path`; empty = the first
  double simplify_m = 0.0;   // simplify `path` geometries to this tolerance in metres; 0 = keep every vertex
  LayerStyle style;
  std::vector<PopupField> popup_fields;  // empty = every property, without units
  std::vector<LegendEntry> legend;       // empty = derived from the style
  std::string empty_message;             // shown when the layer has no features; empty = "<name>: no features"
  std::optional<LayerNotice> notice;
  bool visible = true;
};

struct RasterOverlay {
  std::string name;         // e.g. "Kernel density"
  std::string raster_path;  // band 1 of any GDAL raster with a CRS (the density GeoTIFF)
  DensityScale scale;
  std::string unit;         // legend unit, e.g. "incidents per km²"
  double opacity = 0.85;
  std::string empty_message;  // shown when no cell is above the scale's minimum; empty = a default
  bool visible = true;
};

struct MapSpec {
  std::string title = "Hotspot map";
  std::vector<std::string> notes;        // lines under the title (data, dates, method, parameters)
  std::vector<RasterOverlay> overlays;   // drawn under every vector layer
  std::vector<MapLayer> layers;          // drawn in order, the first at the bottom
  std::string basemap_url;               // an XYZ tile URL template; empty = plain background (no network used)
  std::string basemap_attribution;
};

// A layer of the given kind with that kind's style, legend and messages; set geojson or path (and popup units).
MapLayer default_map_layer(MapLayerKind kind, const std::string& name);
// The default overlay for a density raster.
RasterOverlay default_density_overlay(const std::string& raster_path, const std::string& unit);

// A layer's data made ready to draw.
struct LoadedLayer {
  std::string geojson;        // FeatureCollection in WGS 84
  int64_t feature_count = 0;
  Extent bbox_lonlat;         // empty when there are no coordinates
  std::string message;        // the empty message or the notice, when it applies; else empty
};
// Reads and reprojects the layer's data. Throws std::runtime_error naming the layer and file.
LoadedLayer load_map_layer(const MapLayer& layer);

// The property names of a file-backed layer, in order (empty for GeoJSON text layers). Throws like load_map_layer.
std::vector<std::string> map_layer_fields(const MapLayer& layer);

// The legend entries of a layer: its own, or one per category, or one swatch from the style.
std::vector<LegendEntry> legend_entries(const MapLayer& layer);

// Throws std::invalid_argument for duplicate or empty layer names and bad colours.
void validate_map_spec(const MapSpec& spec);

}  // namespace hotspot
