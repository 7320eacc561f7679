#include "geo/map/map_furniture.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <sstream>

#include "geo/gdal/crs.h"
#include "geo/map/cairo_canvas.h"

namespace hotspot {

namespace {

constexpr double kMetresPerMile = 1609.344;
constexpr double kMetresPerFoot = 0.3048;
const Rgba kInk{34, 34, 34, 255};
const Rgba kPaper{255, 255, 255, 255};
const Rgba kFrameLine{153, 153, 153, 255};
const Rgba kMessageInk{138, 28, 28, 255};
constexpr double kPaperOpacity = 0.92;

std::string format_value(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Sizes scale with the picture's width, 1 at 1,600 pixels.
struct Metrics {
  double s;
  double pad() const { return 12 * s; }
  double margin() const { return 14 * s; }
  TextStyle text(double px, FontWeight w = FontWeight::normal, FontStyle st = FontStyle::upright) const {
    TextStyle t;
    t.size_px = px * s;
    t.weight = w;
    t.style = st;
    return t;
  }
};

PixelBox draw_title(CairoCanvas& c, const MapFurniture& f, const Metrics& m, int width_px) {
  if (f.title.empty() && f.notes.empty()) return {};
  TextStyle title = m.text(24, FontWeight::bold), note = m.text(13);
  title.wrap_width_px = note.wrap_width_px = width_px * 0.55;
  double w = 0, h = 0;
  if (!f.title.empty()) {
    const TextSize t = c.measure(f.title, title);
    w = t.width_px;
    h = t.height_px;
  }
  for (const std::string& n : f.notes) {
    const TextSize t = c.measure(n, note);
    w = std::max(w, t.width_px);
    h += t.height_px;
  }
  const PixelBox box{m.margin(), m.margin(), w + 2 * m.pad(), h + 2 * m.pad()};
  c.box(box.x, box.y, box.w, box.h, kPaper, kPaperOpacity, kFrameLine, 1 * m.s);
  double y = box.y + m.pad();
  if (!f.title.empty()) y += c.text(f.title, title, box.x + m.pad(), y).height_px;
  for (const std::string& n : f.notes) y += c.text(n, note, box.x + m.pad(), y).height_px;
  return box;
}

// An arrow pointing along the bearing with an "N" above it, turned with it.
PixelBox draw_north(CairoCanvas& c, double bearing_deg, const Metrics& m, int width_px) {
  const double size = 54 * m.s, cx = width_px - m.margin() - size / 2, cy = m.margin() + size / 2;
  const PixelBox box{cx - size / 2, cy - size / 2, size, size};
  c.box(box.x, box.y, box.w, box.h, kPaper, kPaperOpacity, kFrameLine, 1 * m.s);
  cairo_t* cr = c.cr();
  cairo_save(cr);
  cairo_translate(cr, cx, cy + 6 * m.s);
  cairo_rotate(cr, bearing_deg * std::numbers::pi / 180);
  const double half = 9 * m.s, tip = 16 * m.s, tail = 14 * m.s;
  cairo_move_to(cr, 0, -tip);  // left half dark, right half light, as on printed maps
  cairo_line_to(cr, -half, tail);
  cairo_line_to(cr, 0, tail * 0.55);
  cairo_close_path(cr);
  c.set_color(kInk);
  cairo_fill(cr);
  cairo_move_to(cr, 0, -tip);
  cairo_line_to(cr, half, tail);
  cairo_line_to(cr, 0, tail * 0.55);
  cairo_close_path(cr);
  c.set_color(kPaper);
  cairo_fill_preserve(cr);
  c.set_color(kInk);
  cairo_set_line_width(cr, 1.2 * m.s);
  cairo_stroke(cr);
  const TextStyle n = m.text(13, FontWeight::bold);
  const TextSize ts = c.measure("N", n);
  c.text("N", n, -ts.width_px / 2, -tip - ts.height_px);
  cairo_restore(cr);
  return box;
}

// A bar of two segments (dark, light) with 0, the middle and the full length labelled under it.
PixelBox draw_scale(CairoCanvas& c, const ScaleBarChoice& sb, const Metrics& m, int height_px) {
  const TextStyle label = m.text(12);
  const std::string full = format_value(sb.value) + " " + sb.unit, mid = format_value(sb.value / 2);
  const TextSize full_size = c.measure(full, label);
  const double bar_h = 7 * m.s, text_h = full_size.height_px;
  const double w = sb.length_px + full_size.width_px + 2 * m.pad(), h = bar_h + text_h + 2 * m.pad() + 3 * m.s;
  const PixelBox box{m.margin(), height_px - m.margin() - h, w, h};
  c.box(box.x, box.y, box.w, box.h, kPaper, kPaperOpacity, kFrameLine, 1 * m.s);
  const double x0 = box.x + m.pad(), y0 = box.y + m.pad(), half = sb.length_px / 2;
  c.box(x0, y0, half, bar_h, kInk, 1.0, kInk, 1 * m.s);
  c.box(x0 + half, y0, half, bar_h, kPaper, 1.0, kInk, 1 * m.s);
  const double ty = y0 + bar_h + 3 * m.s;
  c.text("0", label, x0 - c.measure("0", label).width_px / 2, ty);
  c.text(mid, label, x0 + half - c.measure(mid, label).width_px / 2, ty);
  c.text(full, label, x0 + sb.length_px - c.measure(format_value(sb.value), label).width_px / 2, ty);
  return box;
}

void set_dash(cairo_t* cr, const std::string& dash_array, double scale) {
  std::istringstream in(dash_array);
  std::vector<double> dashes;
  for (double d; in >> d;) dashes.push_back(d * scale);
  if (!dashes.empty()) cairo_set_dash(cr, dashes.data(), static_cast<int>(dashes.size()), 0);
}

enum class Pass { measure, paint };

// Lays out (and in the paint pass draws) the legend's blocks from (x, y); tracks the width the content needs.
class LegendPainter {
 public:
  LegendPainter(CairoCanvas& c, const Metrics& m, double max_width_px) : c_(c), m_(m), max_w_(max_width_px) {}

  double block(const FurnitureLegendBlock& b, double x, double y, Pass pass) {
    const double y0 = y;
    if (!b.heading.empty()) y += line(b.heading, m_.text(13, FontWeight::bold), x, y, pass) + 2 * m_.s;
    if (!b.ramp.empty()) y += ramp(b, x, y, pass);
    for (const LegendEntry& e : b.entries) y += entry(e, x, y, pass);
    if (!b.message.empty()) {
      TextStyle t = m_.text(12, FontWeight::normal, FontStyle::italic);
      t.color = kMessageInk;
      t.wrap_width_px = max_w_;
      y += line(b.message, t, x, y, pass);
    }
    return y - y0 + 6 * m_.s;
  }
  double line(const std::string& text, const TextStyle& t, double x, double y, Pass pass) {
    const TextSize ts = pass == Pass::paint ? c_.text(text, t, x, y) : c_.measure(text, t);
    width_ = std::max(width_, ts.width_px);
    return ts.height_px;
  }
  double width() const { return std::min(width_, max_w_); }

 private:
  double entry(const LegendEntry& e, double x, double y, Pass pass) {
    const double sw = 18 * m_.s, sh = 12 * m_.s, gap = 6 * m_.s;
    const TextStyle t = m_.text(12);
    const TextSize ts = c_.measure(e.label, t);
    const double row = std::max(sh, ts.height_px);
    width_ = std::max(width_, sw + gap + ts.width_px);
    if (pass == Pass::measure) return row + 2 * m_.s;
    const double sy = y + (row - sh) / 2;
    if (!e.fill_color.empty()) c_.box(x, sy, sw, sh, parse_hex_color(e.fill_color), 0.85, kInk, 0);
    if (!e.stroke_color.empty()) {
      cairo_save(c_.cr());
      set_dash(c_.cr(), e.dash_array, m_.s * 0.6);
      cairo_rectangle(c_.cr(), x + m_.s, sy + m_.s, sw - 2 * m_.s, sh - 2 * m_.s);
      c_.set_color(parse_hex_color(e.stroke_color));
      cairo_set_line_width(c_.cr(), 1.5 * m_.s);
      cairo_stroke(c_.cr());
      cairo_restore(c_.cr());
    }
    c_.text(e.label, t, x + sw + gap, y + (row - ts.height_px) / 2);
    return row + 2 * m_.s;
  }
  double ramp(const FurnitureLegendBlock& b, double x, double y, Pass pass) {
    const double rw = 150 * m_.s, rh = 11 * m_.s;
    width_ = std::max(width_, rw);
    const TextStyle t = m_.text(11);
    double h = rh + 2 * m_.s;
    const TextSize low = c_.measure(b.ramp_low, t), high = c_.measure(b.ramp_high, t);
    width_ = std::max(width_, low.width_px + high.width_px + 8 * m_.s);
    if (pass == Pass::paint) {
      cairo_pattern_t* g = cairo_pattern_create_linear(x, 0, x + rw, 0);
      for (size_t i = 0; i < b.ramp.size(); ++i) {
        const Rgba& r = b.ramp[i];
        const double at = b.ramp.size() == 1 ? 0.0 : static_cast<double>(i) / (b.ramp.size() - 1);
        cairo_pattern_add_color_stop_rgba(g, at, r.r / 255.0, r.g / 255.0, r.b / 255.0, r.a / 255.0);
      }
      cairo_rectangle(c_.cr(), x, y, rw, rh);
      cairo_set_source(c_.cr(), g);
      cairo_fill(c_.cr());
      cairo_pattern_destroy(g);
      c_.box(x, y, rw, rh, kInk, 0.0, kFrameLine, 1 * m_.s);
      c_.text(b.ramp_low, t, x, y + h);
      c_.text(b.ramp_high, t, x + rw - high.width_px, y + h);
    }
    h += std::max(low.height_px, high.height_px);
    if (!b.unit.empty()) h += line(b.unit, t, x, y + h, pass);
    return h + 2 * m_.s;
  }

  CairoCanvas& c_;
  const Metrics& m_;
  double max_w_;
  double width_ = 0;
};

// The legend in a box at the bottom right, as many blocks as fit above `top_px`; the rest are counted in a line.
PixelBox draw_legend(CairoCanvas& c, const std::vector<FurnitureLegendBlock>& blocks, const Metrics& m, int width_px,
                     int height_px, double top_px, int& drawn) {
  drawn = 0;
  if (blocks.empty()) return {};
  LegendPainter measure(c, m, width_px * 0.35);
  const double room = height_px - m.margin() - top_px - 2 * m.pad();
  double h = measure.line("Legend", m.text(14, FontWeight::bold), 0, 0, Pass::measure) + 4 * m.s;
  for (const FurnitureLegendBlock& b : blocks) {
    const double bh = measure.block(b, 0, 0, Pass::measure);
    if (h + bh > room && drawn > 0) break;
    h += bh;
    ++drawn;
  }
  const size_t left_out = blocks.size() - static_cast<size_t>(drawn);
  const std::string more = std::to_string(left_out) + " more in map.html";
  if (left_out > 0) h += measure.line(more, m.text(11, FontWeight::normal, FontStyle::italic), 0, 0, Pass::measure);
  const PixelBox box{width_px - m.margin() - measure.width() - 2 * m.pad(), height_px - m.margin() - h - 2 * m.pad(),
                     measure.width() + 2 * m.pad(), h + 2 * m.pad()};
  c.box(box.x, box.y, box.w, box.h, kPaper, kPaperOpacity, kFrameLine, 1 * m.s);
  LegendPainter paint(c, m, width_px * 0.35);
  const double x = box.x + m.pad();
  double y = box.y + m.pad();
  y += paint.line("Legend", m.text(14, FontWeight::bold), x, y, Pass::paint) + 4 * m.s;
  for (int i = 0; i < drawn; ++i) y += paint.block(blocks[static_cast<size_t>(i)], x, y, Pass::paint);
  if (left_out > 0) paint.line(more, m.text(11, FontWeight::normal, FontStyle::italic), x, y, Pass::paint);
  return box;
}

}  // namespace

ScaleBarChoice choose_scale_bar(double metres_per_px, double max_px, ScaleUnits units) {
  if (!(metres_per_px > 0) || !(max_px > 0)) return {};
  const bool us = units == ScaleUnits::miles_feet;
  double unit_m = us ? kMetresPerMile : 1000.0;
  std::string unit = us ? "mi" : "km";
  const double max_m = metres_per_px * max_px;
  if (max_m / unit_m < (us ? 0.1 : 1.0)) {
    unit_m = us ? kMetresPerFoot : 1.0;
    unit = us ? "ft" : "m";
  }
  const double max_value = max_m / unit_m;
  const double p = std::pow(10.0, std::floor(std::log10(max_value)));
  double value = p;
  for (double k : {2.0, 5.0, 10.0})
    if (k * p <= max_value * (1 + 1e-12)) value = k * p;
  return {value * unit_m / metres_per_px, value * unit_m, value, unit};
}

}  // namespace hotspot

namespace hotspot {

RgbaImage draw_map_furniture(const RgbaImage& picture, const PictureFrame& frame, const Crs& drawing_crs,
                             const MapFurniture& f, FurnitureLayout* layout) {
  const Metrics m{std::clamp(picture.width / 1600.0, 0.5, 3.0)};
  FurnitureLayout out;
  CairoCanvas c(picture);
  out.title = draw_title(c, f, m, picture.width);
  const double north_col = picture.width - m.margin() - 27 * m.s, north_row = m.margin() + 27 * m.s;
  out.north_bearing_deg = north_bearing_deg(frame, drawing_crs, north_col, north_row);
  out.north = draw_north(c, out.north_bearing_deg, m, picture.width);
  const double bar_row = picture.height - m.margin() - 20 * m.s;
  const ScaleBarChoice sb = choose_scale_bar(ground_metres_per_px(frame, drawing_crs, bar_row), picture.width * 0.22, f.units);
  out.scale_bar_px = sb.length_px;
  out.scale_bar_m = sb.distance_m;
  out.scale_label = format_value(sb.value) + " " + sb.unit;
  if (sb.length_px > 0) out.scale = draw_scale(c, sb, m, picture.height);
  out.legend = draw_legend(c, f.legend, m, picture.width, picture.height, out.north.y + out.north.h + m.margin(),
                           out.legend_blocks_drawn);
  if (layout) *layout = out;
  return c.finish();
}

}  // namespace hotspot
