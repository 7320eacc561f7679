// Colours shared by the map outputs (HTML map, PNG preview, QGIS styles): the ArcGIS Hot Spot Analysis palette for
// Gi_Bin and the sequential ramp used for density surfaces.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba&) const = default;
};

// "#RRGGBB" or "#RRGGBBAA" (case-insensitive); throws std::invalid_argument naming the text.
Rgba parse_hex_color(const std::string& text);
// "#rrggbb" (alpha dropped).
std::string to_hex(const Rgba& c);

// One class of ArcGIS Pro's Hot Spot Analysis (Getis-Ord Gi*) renderer.
struct GiBinClass {
  int bin;            // -3 .. 3
  const char* color;  // "#4575B5" ...
  const char* label;  // "Cold Spot - 99% Confidence" ...
};
// The seven classes in order -3 .. 3 (-3 #4575B5, -2 #849EBA, -1 #C0CCBE, 0 #9C9C9C, 1 #FAB984, 2 #ED7551,
// 3 #D62F27), labelled as ArcGIS labels them.
const std::vector<GiBinClass>& gi_bin_classes();

// A colour stop of a sequential ramp; t in [0, 1] from low to high.
struct RampStop {
  double t;
  Rgba color;
};
// Yellow-orange-red (ColorBrewer YlOrRd, 6 classes) with alpha rising from faint to almost opaque, so low
// densities stay see-through over outlines or a basemap.
const std::vector<RampStop>& density_ramp();
// Linear interpolation between stops; t is clamped to [0, 1].
Rgba sample_ramp(const std::vector<RampStop>& ramp, double t);

}  // namespace hotspot
