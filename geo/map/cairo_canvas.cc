#include "geo/map/cairo_canvas.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace hotspot {

struct CairoCanvas::Surface {
  cairo_surface_t* s = nullptr;
  ~Surface() {
    if (s) cairo_surface_destroy(s);
  }
};

namespace {

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

LayoutPtr make_layout(cairo_t* cr, const std::string& utf8, const TextStyle& style) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), fo);
  cairo_font_options_destroy(fo);
  pango_layout_context_changed(layout.get());
  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family(fd, style.family.c_str());
  pango_font_description_set_absolute_size(fd, style.size_px * PANGO_SCALE);
  pango_font_description_set_weight(fd, style.weight == FontWeight::bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(fd, style.style == FontStyle::italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout.get(), fd);
  pango_font_description_free(fd);
  if (style.wrap_width_px > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(style.wrap_width_px * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(layout.get(), utf8.c_str(), static_cast<int>(utf8.size()));
  return layout;
}

TextSize layout_size(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return {static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE};
}

uint8_t premultiply(uint8_t c, uint8_t a) { return static_cast<uint8_t>((c * a + 127) / 255); }
uint8_t unpremultiply(uint8_t c, uint8_t a) { return a == 0 ? 0 : static_cast<uint8_t>(std::min(255, (c * 255 + a / 2) / a)); }

}  // namespace

CairoCanvas::CairoCanvas(const RgbaImage& picture)
    : width_(picture.width), height_(picture.height), surface_(std::make_unique<Surface>()) {
  surface_->s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_, height_);
  if (cairo_surface_status(surface_->s) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cannot make a drawing surface: ") + cairo_status_to_string(cairo_surface_status(surface_->s)));
  cairo_surface_flush(surface_->s);
  unsigned char* data = cairo_image_surface_get_data(surface_->s);
  const int stride = cairo_image_surface_get_stride(surface_->s);
  for (int y = 0; y < height_; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < width_; ++x) {
      const Rgba c = picture.at(x, y);
      row[x] = (uint32_t{c.a} << 24) | (uint32_t{premultiply(c.r, c.a)} << 16) | (uint32_t{premultiply(c.g, c.a)} << 8) |
               premultiply(c.b, c.a);
    }
  }
  cairo_surface_mark_dirty(surface_->s);
  cr_ = cairo_create(surface_->s);
}

CairoCanvas::~CairoCanvas() {
  if (cr_) cairo_destroy(cr_);
}

void CairoCanvas::set_color(Rgba c, double opacity) {
  cairo_set_source_rgba(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0 * opacity);
}

TextSize CairoCanvas::measure(const std::string& utf8, const TextStyle& style) const {
  return layout_size(make_layout(cr_, utf8, style).get());
}

TextSize CairoCanvas::text(const std::string& utf8, const TextStyle& style, double x_px, double y_px) {
  LayoutPtr layout = make_layout(cr_, utf8, style);
  set_color(style.color);
  cairo_move_to(cr_, x_px, y_px);
  pango_cairo_show_layout(cr_, layout.get());
  return layout_size(layout.get());
}

void CairoCanvas::box(double x, double y, double w, double h, Rgba fill, double fill_opacity, Rgba stroke, double stroke_px) {
  cairo_rectangle(cr_, x, y, w, h);
  set_color(fill, fill_opacity);
  if (stroke_px > 0) {
    cairo_fill_preserve(cr_);
    set_color(stroke);
    cairo_set_line_width(cr_, stroke_px);
    cairo_stroke(cr_);
  } else {
    cairo_fill(cr_);
  }
}

RgbaImage CairoCanvas::finish() const {
  if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cannot draw the map furniture: ") + cairo_status_to_string(cairo_status(cr_)));
  cairo_surface_flush(surface_->s);
  const unsigned char* data = cairo_image_surface_get_data(surface_->s);
  const int stride = cairo_image_surface_get_stride(surface_->s);
  RgbaImage out(width_, height_);
  for (int y = 0; y < height_; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < width_; ++x) {
      const uint32_t p = row[x];
      const auto a = static_cast<uint8_t>(p >> 24);
      out.set(x, y, {unpremultiply(static_cast<uint8_t>(p >> 16), a), unpremultiply(static_cast<uint8_t>(p >> 8), a),
                     unpremultiply(static_cast<uint8_t>(p), a), a});
    }
  }
  return out;
}

}  // namespace hotspot
