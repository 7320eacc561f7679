#include "geo/map/line_chart.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "geo/map/cairo_canvas.h"

namespace hotspot {

namespace {

const Rgba kInk{34, 34, 34, 255};
const Rgba kGrid{221, 221, 221, 255};
const Rgba kLine{49, 130, 189, 255};
const Rgba kMark{214, 47, 39, 255};
const Rgba kWhite{255, 255, 255, 255};

std::string tick_text(double v, double step) {
  char buf[32];
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return buf;
}

void check(const LineChart& c, const LineChartOptions& o) {
  if (c.points.empty()) throw std::invalid_argument("a line chart needs at least one point");
  for (const ChartPoint& p : c.points)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw std::invalid_argument("a line chart's points must be finite");
  if (o.width_px < 200 || o.height_px < 150 || o.width_px > 8000 || o.height_px > 8000)
    throw std::invalid_argument("a line chart must be 200..8000 x 150..8000 pixels");
}

// The axes' ranges: the data (and guides) widened to round ticks.
void axis_ranges(const LineChart& c, LineChartLayout& l, std::vector<double>& xt, std::vector<double>& yt) {
  double x0 = c.points.front().x, x1 = x0, y0 = c.points.front().y, y1 = y0;
  for (const ChartPoint& p : c.points) {
    x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  }
  for (double g : c.y_guides) y0 = std::min(y0, g), y1 = std::max(y1, g);
  if (x1 == x0) x0 -= 1, x1 += 1;
  if (y1 == y0) y0 -= 1, y1 += 1;
  xt = round_ticks(x0, x1);
  yt = round_ticks(y0, y1);
  l.x_min = xt.front(), l.x_max = xt.back(), l.y_min = yt.front(), l.y_max = yt.back();
}

void draw_axes(CairoCanvas& c, const LineChart& chart, const LineChartLayout& l, const std::vector<double>& xt,
               const std::vector<double>& yt) {
  cairo_t* cr = c.cr();
  TextStyle tick;
  tick.size_px = 12;
  cairo_set_line_width(cr, 1);
  for (double y : yt) {
    const double py = std::round(l.to_pixel(0, y).second) + 0.5;
    c.set_color(kGrid);
    cairo_move_to(cr, l.left, py);
    cairo_line_to(cr, l.right, py);
    cairo_stroke(cr);
    const std::string t = tick_text(y, yt.size() > 1 ? yt[1] - yt[0] : 1);
    const TextSize s = c.measure(t, tick);
    c.text(t, tick, l.left - 6 - s.width_px, py - s.height_px / 2);
  }
  for (double x : xt) {
    const double px = std::round(l.to_pixel(x, 0).first) + 0.5;
    c.set_color(kInk);
    cairo_move_to(cr, px, l.bottom);
    cairo_line_to(cr, px, l.bottom + 5);
    cairo_stroke(cr);
    const std::string t = tick_text(x, xt.size() > 1 ? xt[1] - xt[0] : 1);
    c.text(t, tick, px - c.measure(t, tick).width_px / 2, l.bottom + 7);
  }
  c.set_color(kInk);
  cairo_rectangle(cr, l.left + 0.5, l.top + 0.5, l.right - l.left, l.bottom - l.top);
  cairo_stroke(cr);
  TextStyle axis;
  axis.size_px = 13;
  const TextSize xs = c.measure(chart.x_title, axis);
  c.text(chart.x_title, axis, (l.left + l.right - xs.width_px) / 2, l.bottom + 28);
  cairo_save(cr);
  const TextSize ys = c.measure(chart.y_title, axis);
  cairo_translate(cr, 14, (l.top + l.bottom + ys.width_px) / 2);
  cairo_rotate(cr, -M_PI / 2);
  c.text(chart.y_title, axis, 0, 0);
  cairo_restore(cr);
}

void draw_series(CairoCanvas& c, const LineChart& chart, const LineChartLayout& l) {
  cairo_t* cr = c.cr();
  const double dashes[] = {6, 4};
  cairo_set_dash(cr, dashes, 2, 0);
  cairo_set_line_width(cr, 1.2);
  c.set_color(kMark, 0.7);
  for (double g : chart.y_guides) {
    const double py = l.to_pixel(0, g).second;
    cairo_move_to(cr, l.left, py);
    cairo_line_to(cr, l.right, py);
    cairo_stroke(cr);
  }
  cairo_set_dash(cr, nullptr, 0, 0);
  cairo_set_line_width(cr, 2.5);
  c.set_color(kLine);
  for (size_t k = 0; k < chart.points.size(); ++k) {
    const auto [px, py] = l.to_pixel(chart.points[k].x, chart.points[k].y);
    k == 0 ? cairo_move_to(cr, px, py) : cairo_line_to(cr, px, py);
  }
  cairo_stroke(cr);
  TextStyle label;
  label.size_px = 12;
  label.color = kMark;
  for (const ChartPoint& p : chart.points) {
    const auto [px, py] = l.to_pixel(p.x, p.y);
    const bool marked = !p.mark.empty();
    cairo_arc(cr, px, py, marked ? 7.0 : 4.5, 0, 2 * M_PI);
    c.set_color(marked ? kMark : kLine);
    cairo_fill_preserve(cr);
    c.set_color(kWhite);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
    if (marked) c.text(p.mark, label, px - c.measure(p.mark, label).width_px / 2, py - 26);
  }
}

}  // namespace

std::pair<double, double> LineChartLayout::to_pixel(double x, double y) const {
  return {left + (x - x_min) / (x_max - x_min) * (right - left), bottom - (y - y_min) / (y_max - y_min) * (bottom - top)};
}

std::vector<double> round_ticks(double lo, double hi, int target) {
  const double raw = (hi - lo) / std::max(1, target);
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * p;
  for (double k : {1.0, 2.0, 5.0})
    if (k * p >= raw * (1 - 1e-12)) {
      step = k * p;
      break;
    }
  std::vector<double> t;
  const double first = std::floor(lo / step + 1e-9);
  for (int k = 0; k < 1000; ++k) {
    const double v = (first + k) * step;
    t.push_back(v);
    if (v >= hi - step * 1e-9) break;
  }
  return t;
}

RgbaImage draw_line_chart(const LineChart& chart, const LineChartOptions& o, LineChartLayout* layout) {
  check(chart, o);
  LineChartLayout l;
  std::vector<double> xt, yt;
  axis_ranges(chart, l, xt, yt);
  l.left = 80, l.top = 56, l.right = o.width_px - 30.0, l.bottom = o.height_px - 62.0;
  CairoCanvas c(RgbaImage(o.width_px, o.height_px, kWhite));
  TextStyle title;
  title.size_px = 17;
  title.weight = FontWeight::bold;
  c.text(chart.title, title, l.left, 16);
  draw_axes(c, chart, l, xt, yt);
  draw_series(c, chart, l);
  if (layout) *layout = l;
  return c.finish();
}

void write_line_chart(const LineChart& chart, const std::string& path, bool overwrite, const LineChartOptions& options) {
  write_png(draw_line_chart(chart, options), path, overwrite);
}

}  // namespace hotspot
