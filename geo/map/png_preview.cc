#include "geo/map/png_preview.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <gdal_alg.h>

#include "geo/gdal/crs.h"
#include "geo/gdal/gdal_handles.h"
#include "geo/map/staged_geojson.h"

namespace hotspot {

namespace {

// The bounding box in `to` of a lon/lat box, from points along its edges.
Extent transform_extent(const Extent& e, const CrsTransform& t) {
  Extent out;
  const int n = 20;
  for (int i = 0; i <= n; ++i) {
    const double fx = e.min_x + (e.max_x - e.min_x) * i / n, fy = e.min_y + (e.max_y - e.min_y) * i / n;
    for (auto [x, y] : {std::pair{fx, e.min_y}, std::pair{fx, e.max_y}, std::pair{e.min_x, fy}, std::pair{e.max_x, fy}})
      if (t.transform(x, y)) out.include(x, y);
  }
  return out;
}

struct Canvas {
  RgbaImage image;
  double gt[6];
  GdalDatasetPtr mem;  // one Int32 band for rasterized feature indices
  std::vector<int32_t> index;

  Canvas(int w, int h, const Extent& frame, const Crs& crs, Rgba background)
      : image(w, h, background), gt{frame.min_x, frame.width() / w, 0, frame.max_y, 0, -frame.height() / h} {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("MEM");
    mem.reset(drv->Create("", w, h, 1, GDT_Int32, nullptr));
    if (!mem) throw std::runtime_error("cannot create the preview canvas: " + last_gdal_error());
    mem->SetGeoTransform(gt);
    mem->SetSpatialRef(&crs.ogr());
    index.resize(static_cast<size_t>(w) * static_cast<size_t>(h));
  }

  // Rasterizes the geometries with burn value = position + 1 (later ones on top) and reads the indices back.
  void rasterize(const std::vector<OGRGeometry*>& geoms, bool all_touched) {
    GDALRasterBand* b = mem->GetRasterBand(1);
    b->Fill(0);
    if (geoms.empty()) {
      std::fill(index.begin(), index.end(), 0);
      return;
    }
    std::vector<double> burn(geoms.size());
    for (size_t i = 0; i < geoms.size(); ++i) burn[i] = static_cast<double>(i + 1);
    int band = 1;
    char** opts = nullptr;
    if (all_touched) opts = CSLSetNameValue(opts, "ALL_TOUCHED", "TRUE");
    std::vector<OGRGeometryH> handles;
    for (OGRGeometry* g : geoms) handles.push_back(OGRGeometry::ToHandle(g));
    const CPLErr err = GDALRasterizeGeometries(GDALDataset::ToHandle(mem.get()), 1, &band, static_cast<int>(handles.size()),
                                               handles.data(), nullptr, nullptr, burn.data(), opts, nullptr, nullptr);
    CSLDestroy(opts);
    if (err != CE_None) throw std::runtime_error("cannot draw the preview: " + last_gdal_error());
    if (b->RasterIO(GF_Read, 0, 0, image.width, image.height, index.data(), image.width, image.height, GDT_Int32, 0, 0,
                    nullptr) != CE_None)
      throw std::runtime_error("cannot read the preview canvas: " + last_gdal_error());
  }

  // Grows every marked pixel into a square of (2 r + 1) pixels, keeping the highest index.
  void dilate(int r) {
    if (r <= 0) return;
    const int w = image.width, h = image.height;
    std::vector<int32_t> tmp(index.size(), 0);
    for (int y = 0; y < h; ++y)  // horizontal pass
      for (int x = 0; x < w; ++x) {
        int32_t m = 0;
        for (int dx = -r; dx <= r; ++dx) {
          const int xx = x + dx;
          if (xx >= 0 && xx < w) m = std::max(m, index[static_cast<size_t>(y) * w + xx]);
        }
        tmp[static_cast<size_t>(y) * w + x] = m;
      }
    for (int y = 0; y < h; ++y)  // vertical pass
      for (int x = 0; x < w; ++x) {
        int32_t m = 0;
        for (int dy = -r; dy <= r; ++dy) {
          const int yy = y + dy;
          if (yy >= 0 && yy < h) m = std::max(m, tmp[static_cast<size_t>(yy) * w + x]);
        }
        index[static_cast<size_t>(y) * w + x] = m;
      }
  }

  void paint(const std::vector<Rgba>& colors, const std::vector<double>& opacity) {
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x) {
        const int32_t i = index[static_cast<size_t>(y) * image.width + x];
        if (i > 0) image.blend(x, y, colors[static_cast<size_t>(i - 1)], opacity[static_cast<size_t>(i - 1)]);
      }
  }

  void disc(double px, double py, double radius, Rgba fill, double fill_opacity, Rgba stroke, double stroke_opacity,
            double stroke_w) {
    const int x0 = static_cast<int>(std::floor(px - radius - stroke_w)), x1 = static_cast<int>(std::ceil(px + radius + stroke_w));
    const int y0 = static_cast<int>(std::floor(py - radius - stroke_w)), y1 = static_cast<int>(std::ceil(py + radius + stroke_w));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        if (!image.inside(x, y)) continue;
        const double d = std::hypot(x + 0.5 - px, y + 0.5 - py);
        if (d <= radius) image.blend(x, y, fill, fill_opacity);
        if (stroke_w > 0 && d > radius - stroke_w / 2 && d <= radius + stroke_w / 2) image.blend(x, y, stroke, stroke_opacity);
      }
  }
};

std::string feature_value_text(OGRFeature& f, const std::string& field) {
  const int i = f.GetFieldIndex(field.c_str());
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return "";
  const OGRFieldType t = f.GetFieldDefnRef(i)->GetType();
  if (t == OFTReal) {
    const double d = f.GetFieldAsDouble(i);
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  }
  return f.GetFieldAsString(i);
}

// A feature's fill: the colour of its category when the style has one for it, else the style's fill.
struct Fill {
  Rgba color;
  double opacity;
};

Fill feature_fill(OGRFeature& f, const LayerStyle& s, const Fill& plain) {
  Fill fill = plain;
  if (s.category_field.empty()) return fill;
  const std::string v = feature_value_text(f, s.category_field);
  for (const CategoryColor& cc : s.categories)
    if (cc.value == v) fill = {parse_hex_color(cc.color), cc.fill_opacity >= 0 ? cc.fill_opacity : s.fill_opacity};
  return fill;
}

// Reprojects vertex by vertex (CrsTransform keeps the traditional GIS axis order).
void reproject(OGRGeometry& geom, const CrsTransform& to_target) {
  struct Visitor : public OGRDefaultGeometryVisitor {
    const CrsTransform* t;
    using OGRDefaultGeometryVisitor::visit;
    void visit(OGRPoint* p) override {
      double x = p->getX(), y = p->getY();
      t->transform(x, y);
      p->setX(x);
      p->setY(y);
    }
  } visitor;
  visitor.t = &to_target;
  geom.accept(&visitor);
}

// A layer's features in the target CRS, sorted for drawing: areas (with their fills; their boundaries are lines),
// lines and points.
struct LayerShapes {
  struct Pt {
    double x, y;
    Rgba fill;
    double fo;
  };
  std::vector<OgrGeometryPtr> owned;
  std::vector<OGRGeometry*> areas, lines;
  std::vector<Rgba> fill_colors;
  std::vector<double> fill_opacity;
  std::vector<Pt> points;

  void add(const OGRGeometry& g, const Fill& fill, const CrsTransform& to_target) {
    OgrGeometryPtr tg(g.clone());
    const OGRwkbGeometryType type = wkbFlatten(tg->getGeometryType());
    owned.push_back(std::move(tg));
    OGRGeometry* geom = owned.back().get();
    reproject(*geom, to_target);
    if (type == wkbPoint || type == wkbMultiPoint) {
      auto add_point = [&](const OGRPoint* p) { points.push_back({p->getX(), p->getY(), fill.color, fill.opacity}); };
      if (type == wkbPoint) add_point(geom->toPoint());
      else
        for (const OGRPoint* p : *geom->toMultiPoint()) add_point(p);
      return;
    }
    if (type == wkbPolygon || type == wkbMultiPolygon || type == wkbGeometryCollection) {
      areas.push_back(geom);
      fill_colors.push_back(fill.color);
      fill_opacity.push_back(fill.opacity);
      OGRGeometry* boundary = geom->Boundary();
      if (boundary) {
        owned.emplace_back(boundary);
        lines.push_back(boundary);
      }
    } else {
      lines.push_back(geom);
    }
  }
};

// Fills the areas, then strokes the lines and boundaries, then draws the points as discs.
void paint_shapes(Canvas& c, const LayerShapes& shapes, const LayerStyle& s, Rgba stroke) {
  const std::vector<double>& fo = shapes.fill_opacity;
  if (!shapes.areas.empty() && std::any_of(fo.begin(), fo.end(), [](double o) { return o > 0; })) {
    c.rasterize(shapes.areas, false);
    c.paint(shapes.fill_colors, fo);
  }
  if (!shapes.lines.empty() && s.stroke_width_px > 0) {
    c.rasterize(shapes.lines, false);
    c.dilate(static_cast<int>(std::floor(s.stroke_width_px / 2.0)));
    const double op = s.stroke_opacity * std::min(1.0, s.stroke_width_px);
    c.paint(std::vector<Rgba>(shapes.lines.size(), stroke), std::vector<double>(shapes.lines.size(), op));
  }
  for (const LayerShapes::Pt& p : shapes.points) {
    const double px = (p.x - c.gt[0]) / c.gt[1], py = (p.y - c.gt[3]) / c.gt[5];
    c.disc(px, py, s.point_radius_px, p.fill, p.fo, stroke, s.stroke_opacity, s.stroke_width_px);
  }
}

void draw_layer(Canvas& c, const MapLayer& layer, const LoadedLayer& loaded, const CrsTransform& to_target) {
  if (loaded.feature_count == 0) return;
  const StagedGeoJson staged(loaded.geojson, "map layer '" + layer.name + "'");
  OGRLayer* lay = staged.dataset().GetLayer(0);
  const LayerStyle& s = layer.style;
  const Rgba stroke = parse_hex_color(s.stroke_color.empty() ? std::string("#000000") : s.stroke_color);
  const Fill plain{s.fill_color.empty() ? Rgba{0, 0, 0, 0} : parse_hex_color(s.fill_color),
                   s.fill_color.empty() ? 0.0 : s.fill_opacity};
  LayerShapes shapes;
  lay->ResetReading();
  for (OgrFeaturePtr f(lay->GetNextFeature()); f; f.reset(lay->GetNextFeature())) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) continue;
    shapes.add(*g, feature_fill(*f, s, plain), to_target);
  }
  paint_shapes(c, shapes, s, stroke);
}

// The extent in `target` of a density raster, from points along its edges.
Extent raster_extent_in(const std::string& raster_path, const Crs& target) {
  GdalDatasetPtr ds = open_raster(raster_path);
  double gt[6];
  ds->GetGeoTransform(gt);
  const char* wkt = ds->GetProjectionRef();
  if (!wkt || !*wkt) throw std::runtime_error(raster_path + ": the raster has no CRS; cannot place it on a map");
  const Extent e{gt[0], gt[3] + gt[5] * ds->GetRasterYSize(), gt[0] + gt[1] * ds->GetRasterXSize(), gt[3]};
  return transform_extent(e, CrsTransform(Crs::from_wkt(wkt), target));
}

void include_extent(Extent& into, const Extent& e) {
  into.include(e.min_x, e.min_y);
  into.include(e.max_x, e.max_y);
}

// What the preview draws, loaded before the frame is chosen.
struct PreviewInputs {
  std::vector<LoadedLayer> loaded;   // by layer
  Extent data_lonlat;                // of the layers
  std::vector<DensityRange> ranges;  // by overlay
  Extent raster_frame;               // of the overlays drawn, in the target CRS; only without a given frame
};

// Loads the layers and resolves the overlays' ranges; the messages of empty overlays, then of layers, go to `res`.
PreviewInputs load_preview_inputs(const MapSpec& spec, const Crs& target, bool frame_given, PngPreviewResult& res) {
  PreviewInputs in;
  for (const MapLayer& l : spec.layers) {
    in.loaded.push_back(load_map_layer(l));
    if (!in.loaded.back().bbox_lonlat.empty()) include_extent(in.data_lonlat, in.loaded.back().bbox_lonlat);
  }
  for (const RasterOverlay& ov : spec.overlays) {
    in.ranges.push_back(resolve_density_range(ov.raster_path, ov.scale));
    if (in.ranges.back().empty()) {
      res.messages.push_back(ov.empty_message.empty() ? ov.name + ": no cell above the minimum" : ov.empty_message);
      continue;
    }
    if (!frame_given) include_extent(in.raster_frame, raster_extent_in(ov.raster_path, target));
  }
  for (const LoadedLayer& l : in.loaded)
    if (!l.message.empty()) res.messages.push_back(l.message);
  return in;
}

// The frame around everything drawn, with the margin, for a frame not given; a blank picture's when there is nothing.
void frame_everything(Extent& frame, const PreviewInputs& in, const CrsTransform& to_target, double margin_fraction) {
  if (!in.data_lonlat.empty()) frame = transform_extent(in.data_lonlat, to_target);
  if (!in.raster_frame.empty()) include_extent(frame, in.raster_frame);
  if (frame.empty()) frame = {0, 0, 1, 1};  // nothing to draw: a blank picture
  const double pad = std::max(frame.width(), frame.height()) * margin_fraction;
  frame = frame.grown(pad);
  if (frame.width() <= 0 || frame.height() <= 0) frame = frame.grown(1.0);
}

// The picture's height from the frame's aspect when it is 0, else the frame widened to the picture's aspect.
void fit_picture(int w, int& h, Extent& frame) {
  if (h == 0) {
    h = std::clamp(static_cast<int>(std::lround(w * frame.height() / frame.width())), 1, 20000);
    return;
  }
  const double want = static_cast<double>(w) / h, have = frame.width() / frame.height();
  if (have < want) {
    const double add = (frame.height() * want - frame.width()) / 2;
    frame.min_x -= add;
    frame.max_x += add;
  } else {
    const double add = (frame.width() / want - frame.height()) / 2;
    frame.min_y -= add;
    frame.max_y += add;
  }
}

// The legend of what the preview draws: each overlay's ramp (or its message), then each visible layer's swatches
// (and its message), in the HTML map's order.
std::vector<FurnitureLegendBlock> preview_legend(const MapSpec& spec, const PreviewInputs& in) {
  std::vector<FurnitureLegendBlock> blocks;
  for (size_t i = 0; i < spec.overlays.size(); ++i) {
    const RasterOverlay& ov = spec.overlays[i];
    if (!ov.visible) continue;
    FurnitureLegendBlock b{ov.name, {}, {}, "", "", ov.unit, ""};
    if (in.ranges[i].empty()) {
      b.message = ov.empty_message.empty() ? "no cell above the minimum" : ov.empty_message;
    } else {
      for (const RampStop& st : density_ramp()) b.ramp.push_back(st.color);
      const DensityRangeLabels labels = density_range_labels(in.ranges[i]);
      b.ramp_low = labels.low;
      b.ramp_high = labels.high;
    }
    blocks.push_back(std::move(b));
  }
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const MapLayer& l = spec.layers[i];
    if (!l.visible) continue;
    std::vector<LegendEntry> entries = legend_entries(l);
    const bool inline_name = entries.size() == 1 && entries[0].label == l.name;
    blocks.push_back({inline_name ? "" : l.name, std::move(entries), {}, "", "", "", in.loaded[i].message});
  }
  return blocks;
}

}  // namespace

std::pair<double, double> PngPreviewResult::to_pixel(double x, double y) const {
  return {(x - frame.min_x) / frame.width() * width_px, (frame.max_y - y) / frame.height() * height_px};
}

RgbaImage render_png_preview(const MapSpec& spec, const PngPreviewOptions& o, PngPreviewResult* result) {
  validate_map_spec(spec);
  if (o.width_px <= 0 || o.width_px > 20000 || o.height_px < 0 || o.height_px > 20000)
    throw std::invalid_argument("preview size must be 1..20000 pixels, got " + std::to_string(o.width_px) + "x" + std::to_string(o.height_px));
  const Crs target = Crs::from_user_input(o.crs);
  const Crs wgs84 = Crs::from_user_input("EPSG:4326");
  const CrsTransform to_target(wgs84, target);
  PngPreviewResult res;
  const PreviewInputs in = load_preview_inputs(spec, target, !o.frame.empty(), res);
  Extent frame = o.frame;
  if (frame.empty()) frame_everything(frame, in, to_target, o.margin_fraction);
  int w = o.width_px, h = o.height_px;
  fit_picture(w, h, frame);
  Canvas canvas(w, h, frame, target, parse_hex_color(o.background));
  for (size_t i = 0; i < spec.overlays.size(); ++i) {
    const RasterOverlay& ov = spec.overlays[i];
    if (!ov.visible || in.ranges[i].empty()) continue;
    const RgbaImage img = render_density_into(ov.raster_path, target, frame, w, h, in.ranges[i]);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) canvas.image.blend(x, y, img.at(x, y), ov.opacity);
  }
  for (size_t i = 0; i < spec.layers.size(); ++i)
    if (spec.layers[i].visible) draw_layer(canvas, spec.layers[i], in.loaded[i], to_target);
  res.width_px = w;
  res.height_px = h;
  res.frame = frame;
  if (o.furniture == Furniture::draw) {
    const MapFurniture f{spec.title, spec.notes, preview_legend(spec, in), o.scale_units};
    canvas.image = draw_map_furniture(canvas.image, PictureFrame{frame, w, h}, target, f, &res.furniture);
  }
  if (result) *result = res;
  return std::move(canvas.image);
}

PngPreviewResult write_png_preview(const MapSpec& spec, const PngPreviewOptions& options) {
  if (options.path.empty()) throw std::invalid_argument("write_png_preview: no output path");
  PngPreviewResult res;
  const RgbaImage img = render_png_preview(spec, options, &res);
  write_png(img, options.path, options.overwrite);
  return res;
}

}  // namespace hotspot
