#include "cli/pipeline/write_placed_stage.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>

#include "cli/pipeline/errors.h"
#include "engine/core/text.h"
#include "geo/write/atomic_output.h"
#include "cli/pipeline/privacy_metadata.h"
#include "cli/pipeline/privacy_points.h"
#include "geo/write/vector_writer.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

const std::vector<std::string> kMatchFields = {"gc_x",       "gc_y",       "gc_lon",       "gc_lat",          "match_type",
                                               "match_score", "match_ref_id", "match_ties", "matched_address", "match_detail"};

bool is_csv(const std::string& path) { return lower(fs::path(path).extension().string()) == ".csv"; }

// One output row: a record the geocoder placed (`match` set), or, when the gazetteer was learnt from the input, a
// record that kept its own coordinates (`match` null: match_type "coordinates", no score).
struct Placed {
  const IngestedRecord* record;
  const GeocodeResult* match;
  double lon = NAN, lat = NAN;
  XY point() const { return match ? match->point : XY{record->point.x, record->point.y}; }
};

constexpr const char* kOwnCoordinates = "coordinates";

std::vector<Placed> placed_records(const Context& ctx) {
  std::vector<Placed> out;
  for (const IngestedRecord& r : ctx.records().records) {
    if (r.resolution < 0) {
      out.push_back({&r, nullptr, r.lon, r.lat});
      continue;
    }
    Placed p{&r, &ctx.resolver->match(r.resolution)};
    if (!ctx.geocoder->to_lonlat(p.match->point.x, p.match->point.y, p.lon, p.lat)) p.lon = p.lat = NAN;
    out.push_back(p);
  }
  return out;
}

void write_csv(const std::vector<std::string>& header, const std::vector<Placed>& placed, const std::string& path,
               Overwrite overwrite) {
  AtomicOutput file(path, overwrite == Overwrite::allow);
  std::ofstream f(file.temp_path(), std::ios::binary);
  if (!f) throw std::runtime_error(path + ": cannot write");
  for (size_t i = 0; i < header.size(); ++i) f << (i ? "," : "") << csv_field(header[i]);
  for (const std::string& e : kMatchFields) f << (header.empty() ? "" : ",") << e;
  f << "\n" << std::setprecision(10);
  for (const Placed& p : placed) {
    const std::vector<std::string>& fields = p.record->fields;
    for (size_t i = 0; i < header.size(); ++i) f << (i ? "," : "") << csv_field(i < fields.size() ? fields[i] : "");
    f << "," << p.point().x << "," << p.point().y << "," << p.lon << "," << p.lat << ",";
    if (const GeocodeResult* m = p.match)
      f << to_string(m->type) << "," << m->score << "," << csv_field(m->ref_id) << "," << m->ties << ","
        << csv_field(m->matched) << "," << csv_field(m->detail) << "\n";
    else
      f << kOwnCoordinates << ",,,,,\n";
  }
  f.flush();
  if (!f) throw std::runtime_error(path + ": write failed (disk full?)");
  f.close();
  file.commit();
}

VectorLayer placed_layer(const std::vector<std::string>& header, const std::vector<Placed>& placed, const std::string& path) {
  VectorLayer layer;
  layer.name = fs::path(path).stem().string();
  layer.kind = GeometryKind::kPoint;
  for (const std::string& h : header) layer.fields.push_back({h, FieldType::kString});
  for (const std::string& e : kMatchFields) {
    if (e == "gc_x" || e == "gc_y" || e == "gc_lon" || e == "gc_lat") layer.fields.push_back({e, FieldType::kReal});
    else if (e == "match_score" || e == "match_ties") layer.fields.push_back({e, FieldType::kInteger});
    else layer.fields.push_back({e, FieldType::kString});
  }
  for (const Placed& p : placed) {
    VectorFeature feat;
    feat.geometry = PointGeometry{p.point().x, p.point().y};
    const std::vector<std::string>& fields = p.record->fields;
    for (size_t i = 0; i < header.size(); ++i) feat.values.emplace_back(i < fields.size() ? fields[i] : "");
    feat.values.emplace_back(p.point().x);
    feat.values.emplace_back(p.point().y);
    feat.values.emplace_back(p.lon);
    feat.values.emplace_back(p.lat);
    if (const GeocodeResult* m = p.match) {
      feat.values.emplace_back(std::string(to_string(m->type)));
      feat.values.emplace_back(static_cast<int64_t>(m->score));
      feat.values.emplace_back(m->ref_id);
      feat.values.emplace_back(static_cast<int64_t>(m->ties));
      feat.values.emplace_back(m->matched);
      feat.values.emplace_back(m->detail);
    } else {
      feat.values.emplace_back(std::string(kOwnCoordinates));
      feat.values.resize(feat.values.size() + 5);  // no score, reference, ties, address or detail: null
    }
    layer.features.push_back(std::move(feat));
  }
  return layer;
}

// The public profile: the placed positions generalised (cli/pipeline/privacy_points.h), no field of the records.
void write_public(const std::vector<Placed>& placed, const std::string& path, const Context& ctx, Outputs& outputs) {
  std::vector<Point> points;
  for (const Placed& p : placed) points.push_back({p.point().x, p.point().y, 1.0});
  const PublicPoints pub = public_points(points, block_reference_points(ctx), *ctx.privacy, ctx.geocoder->crs_unit_m(),
                                         ctx.threads);
  if (is_csv(path)) {
    AtomicOutput file(path, outputs.overwrite_allowed());
    std::ofstream f(file.temp_path(), std::ios::binary);
    f << "gc_x,gc_y" << (pub.layer.fields.empty() ? "" : ",INCIDENTS") << "\n" << std::setprecision(10);
    for (const VectorFeature& feat : pub.layer.features) {
      const PointGeometry& g = std::get<PointGeometry>(feat.geometry);
      f << g.x << "," << g.y;
      if (!feat.values.empty()) f << "," << std::get<int64_t>(feat.values[0]);
      f << "\n";
    }
    f.close();
    if (!f) throw std::runtime_error(path + ": write failed (disk full?)");
    file.commit();
  } else {
    VectorWriteOptions vo;
    vo.path = path;
    vo.overwrite = outputs.overwrite_allowed();
    write_vector(pub.layer, ctx.geocoder->crs(), vo);
  }
}

}  // namespace

void WritePlacedStage::declare_input_columns(InputColumns& columns) const {
  columns.fields = IngestOptions::KeptFields::all;
}

void WritePlacedStage::validate(const Outputs& outputs) {
  if (o_.output.empty()) throw UsageError("-o OUTPUT: give the file for the placed records");
  if (!is_csv(o_.output)) {
    try {
      (void)vector_driver_for(o_.output);
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
  }
  outputs.check_free(o_.output);
}

void WritePlacedStage::run(Context& ctx, Outputs& outputs) {
  if (!ctx.resolver || !ctx.geocoder) throw std::logic_error("write placed needs the References stage");
  const std::vector<Placed> placed = placed_records(ctx);
  const std::vector<std::string>& header = ctx.records().header;
  const std::string path = outputs.path(o_.output, o_.output);
  if (ctx.privacy && ctx.privacy->is_public()) {
    write_public(placed, path, ctx, outputs);
    record_layer_privacy(path, ctx, outputs);
  } else if (is_csv(path)) {
    write_csv(header, placed, path, outputs.overwrite());
  } else {
    VectorWriteOptions vo;
    vo.path = path;
    vo.overwrite = outputs.overwrite_allowed();
    write_vector(placed_layer(header, placed, path), ctx.geocoder->crs(), vo);
  }
  ctx.stage_line = std::to_string(placed.size()) + " placed records to " + path;
}

}  // namespace hotspot::cli
