#include "cli/pipeline/privacy_points.h"

#include <stdexcept>

#include "engine/privacy/generalise_points.h"

namespace hotspot::cli {

std::string PublicPoints::describe() const {
  const std::string what = layer.name == "incidents_hundred_block" ? " hundred-block points" : " donut-masked points";
  return std::to_string(published) + what + " for " + std::to_string(incidents) + " incidents; " +
         std::to_string(dropped) + " dropped";
}

std::vector<Point> block_reference_points(const Context& ctx) {
  std::vector<Point> out;
  if (!ctx.geocoder) return out;
  for (const XY& p : ctx.geocoder->index().gazetteer().block_points()) out.push_back({p.x, p.y, 1.0});
  return out;
}

PublicPoints public_points(const std::vector<Point>& incidents, const std::vector<Point>& references,
                           const PrivacyOptions& p, double crs_unit_m, int threads) {
  PublicPoints r;
  r.incidents = incidents.size();
  r.layer.kind = GeometryKind::kPoint;
  GeneralisedPoints g;
  if (p.points == PrivacyOptions::Points::hundred_block) {
    if (references.empty())
      throw std::runtime_error("point_generalisation hundred_block: the geocoder has no block reference points "
                               "(learn them from the input's LOCATION, or load a gazetteer reference)");
    g = hundred_block_points(incidents, references, p.min_count, p.snap_distance, p.check_distance, crs_unit_m);
    r.layer.name = "incidents_hundred_block";
    r.layer.fields = {{"INCIDENTS", FieldType::kInteger}};
  } else if (p.points == PrivacyOptions::Points::donut) {
    g = donut_points(incidents, DonutOptions{p.donut_min, p.donut_max, p.donut_seed, threads}, p.check_distance,
                     crs_unit_m);
    r.layer.name = "incidents_donut";
  } else {
    return r;
  }
  for (size_t i = 0; i < g.points.size(); ++i) {
    VectorFeature f;
    f.geometry = PointGeometry{g.points[i].x, g.points[i].y};
    if (!r.layer.fields.empty()) f.values.emplace_back(g.incidents[i]);
    r.layer.features.push_back(std::move(f));
  }
  r.published = r.layer.features.size();
  r.dropped = g.dropped_below_k + g.dropped_unplaced;
  return r;
}

}  // namespace hotspot::cli
