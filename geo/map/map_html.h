// Writes a MapSpec as one self-contained HTML page (map.html): Leaflet's script and stylesheet (with its images as
// data URIs) and every layer's GeoJSON are inlined, density rasters are embedded as PNG image overlays, so the page
// opens from disk with no network. It has a title, a layer switcher, a legend (Gi_Bin classes, density ramp with
// its unit, a swatch per layer), popups listing each feature's properties with units, a scale bar, and a visible
// message for each empty layer ("no significant hotspots"). A basemap is drawn only when a tile URL is given.
#pragma once

#include <string>
#include <vector>

#include "geo/map/map_spec.h"

namespace hotspot {

struct MapHtmlOptions {
  std::string path;         // e.g. "out/map.html"; its folder must exist
  bool overwrite = false;
  std::string leaflet_dir;  // folder holding leaflet.js, leaflet.css and images/; empty = find_leaflet_dir()
};

struct MapHtmlResult {
  std::vector<std::string> messages;  // the empty-layer messages shown on the page
  int64_t feature_count = 0;          // over all vector layers
  size_t bytes = 0;                   // size of the page
};

// Throws std::runtime_error naming the file for unreadable layers or rasters, or when Leaflet cannot be found;
// std::invalid_argument for a bad spec. Nothing is left behind on failure (AtomicOutput).
MapHtmlResult write_map_html(const MapSpec& spec, const MapHtmlOptions& options);

// The page as text (what write_map_html writes).
std::string render_map_html(const MapSpec& spec, const std::string& leaflet_dir, MapHtmlResult* result = nullptr);

// Where Leaflet's dist folder is: $HOTSPOT_LEAFLET_DIR, else tools/web/node_modules/leaflet/dist (installed by
// scripts/setup.sh) found by walking up from the running program and from the current folder, else Debian's
// /usr/share/javascript/leaflet. Throws std::runtime_error saying how to install it.
std::string find_leaflet_dir();

}  // namespace hotspot
