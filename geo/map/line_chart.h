// A line chart as a PNG for reports (e.g. the Moran's I z-score over distance bands of incremental spatial
// autocorrelation, as ArcGIS draws it): one series of (x, y) points joined by a line with a marker each, marked
// points drawn larger in another colour with their label, axes with round ticks, axis titles and a title. Drawn with
// Cairo and Pango (geo/map/cairo_canvas.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "geo/map/rgba_image.h"

namespace hotspot {

struct ChartPoint {
  double x = 0, y = 0;
  std::string mark;  // non-empty: the point is highlighted and labelled with this text (e.g. "first peak")
};

struct LineChart {
  std::string title;
  std::string x_title, y_title;  // with their units, e.g. "Distance (US survey feet)"
  std::vector<ChartPoint> points;  // in increasing x; at least one
  std::vector<double> y_guides;    // horizontal dashed lines, e.g. 1.65 and 1.96 for z-scores
};

struct LineChartOptions {
  int width_px = 900;
  int height_px = 560;
};

// Where things went: the plot area and the mapping from data to pixels.
struct LineChartLayout {
  double left = 0, top = 0, right = 0, bottom = 0;  // plot area in pixels
  double x_min = 0, x_max = 0, y_min = 0, y_max = 0;  // data range of the axes (round numbers)
  std::pair<double, double> to_pixel(double x, double y) const;
};

// Throws std::invalid_argument for no points, a non-finite value or a bad size.
RgbaImage draw_line_chart(const LineChart& chart, const LineChartOptions& options = {}, LineChartLayout* layout = nullptr);

// Round tick values covering [lo, hi] with about `target` intervals (1, 2 or 5 times a power of ten).
std::vector<double> round_ticks(double lo, double hi, int target = 6);

// The chart drawn and written as a PNG through AtomicOutput. Throws std::runtime_error naming the path.
void write_line_chart(const LineChart& chart, const std::string& path, bool overwrite, const LineChartOptions& options = {});

}  // namespace hotspot
