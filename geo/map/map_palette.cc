#include "geo/map/map_palette.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace hotspot {

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Rgba parse_hex_color(const std::string& text) {
  if ((text.size() != 7 && text.size() != 9) || text[0] != '#')
    throw std::invalid_argument("colour '" + text + "': expected #RRGGBB or #RRGGBBAA");
  uint8_t v[4] = {0, 0, 0, 255};
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    const int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
    if (hi < 0 || lo < 0) throw std::invalid_argument("colour '" + text + "': not a hexadecimal colour");
    v[i / 2] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return {v[0], v[1], v[2], v[3]};
}

std::string to_hex(const Rgba& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

const std::vector<GiBinClass>& gi_bin_classes() {
  static const std::vector<GiBinClass> classes = {
      {-3, "#4575B5", "Cold Spot - 99% Confidence"}, {-2, "#849EBA", "Cold Spot - 95% Confidence"},
      {-1, "#C0CCBE", "Cold Spot - 90% Confidence"}, {0, "#9C9C9C", "Not Significant"},
      {1, "#FAB984", "Hot Spot - 90% Confidence"},   {2, "#ED7551", "Hot Spot - 95% Confidence"},
      {3, "#D62F27", "Hot Spot - 99% Confidence"},
  };
  return classes;
}

const std::vector<RampStop>& density_ramp() {
  static const std::vector<RampStop> ramp = {
      {0.0, {255, 255, 178, 60}},  {0.2, {254, 217, 118, 140}}, {0.4, {254, 178, 76, 180}},
      {0.6, {253, 141, 60, 205}},  {0.8, {240, 59, 32, 225}},   {1.0, {189, 0, 38, 240}},
  };
  return ramp;
}

Rgba sample_ramp(const std::vector<RampStop>& ramp, double t) {
  if (ramp.empty()) return {};
  if (!(t > ramp.front().t)) return ramp.front().color;  // also NaN
  if (t >= ramp.back().t) return ramp.back().color;
  size_t i = 1;
  while (i < ramp.size() && ramp[i].t < t) ++i;
  const RampStop& a = ramp[i - 1];
  const RampStop& b = ramp[i];
  const double f = b.t > a.t ? (t - a.t) / (b.t - a.t) : 0.0;
  auto mix = [f](uint8_t x, uint8_t y) {
    return static_cast<uint8_t>(std::lround(static_cast<double>(x) + f * (static_cast<double>(y) - static_cast<double>(x))));
  };
  return {mix(a.color.r, b.color.r), mix(a.color.g, b.color.g), mix(a.color.b, b.color.b), mix(a.color.a, b.color.a)};
}

}  // namespace hotspot
