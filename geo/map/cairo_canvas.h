// Cairo drawing onto an RgbaImage, with text laid out by Pango (fontconfig's fonts; setup installs DejaVu Sans).
// The picture is copied into a Cairo ARGB32 surface (premultiplied alpha) when the canvas is made and copied back by
// finish(); text is drawn with greyscale antialiasing and no hinting, so a picture does not depend on a display's
// settings.
#pragma once

#include <memory>
#include <string>

#include "geo/map/map_palette.h"
#include "geo/map/rgba_image.h"

typedef struct _cairo cairo_t;

namespace hotspot {

enum class FontWeight { normal, bold };
enum class FontStyle { upright, italic };

struct TextStyle {
  double size_px = 13;  // the font's em size in pixels
  FontWeight weight = FontWeight::normal;
  FontStyle style = FontStyle::upright;
  Rgba color{34, 34, 34, 255};
  std::string family = "DejaVu Sans";
  double wrap_width_px = 0;  // > 0: lines are broken between words to fit this width
};

// The logical extent of a laid-out text, in pixels.
struct TextSize {
  double width_px = 0;
  double height_px = 0;
};

class CairoCanvas {
 public:
  explicit CairoCanvas(const RgbaImage& picture);
  ~CairoCanvas();
  CairoCanvas(const CairoCanvas&) = delete;
  CairoCanvas& operator=(const CairoCanvas&) = delete;

  cairo_t* cr() { return cr_; }
  void set_color(Rgba c, double opacity = 1.0);
  TextSize measure(const std::string& utf8, const TextStyle& style) const;
  // Draws the text with its logical top-left corner at (x, y); returns its size.
  TextSize text(const std::string& utf8, const TextStyle& style, double x_px, double y_px);
  // A filled, outlined rectangle.
  void box(double x, double y, double w, double h, Rgba fill, double fill_opacity, Rgba stroke, double stroke_px);
  // The picture with everything drawn. Throws std::runtime_error when Cairo reports a failure.
  RgbaImage finish() const;

 private:
  int width_ = 0, height_ = 0;
  struct Surface;
  std::unique_ptr<Surface> surface_;
  cairo_t* cr_ = nullptr;
};

}  // namespace hotspot
