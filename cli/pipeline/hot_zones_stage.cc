#include "cli/pipeline/hot_zones_stage.h"

#include <stdexcept>

#include "cli/pipeline/errors.h"
#include "cli/pipeline/privacy_metadata.h"
#include "geo/write/hot_zones.h"

namespace hotspot::cli {

namespace {

// The layers to write: those asked, or in a run folder the fixed names whenever there is a level.
std::vector<std::string> layer_paths(const HotZonesStage::Options& o, const Outputs& outputs) {
  if (outputs.is_folder() && (!o.top.empty() || !o.threshold.empty())) return {"hot_zones.geojson", "hot_zones.shp"};
  return o.paths;
}

// "top 1%: 4 zones, 31 cells; top 5%: 9 zones, 160 cells"
std::string describe(const HotZonesOutcome& r) {
  std::string s;
  for (size_t li = 0; li < r.levels.size(); ++li) {
    const HotZonesOutcome::Count c = r.at_level(li);
    s += (s.empty() ? "" : "; ") + r.levels[li].label + ": " + std::to_string(c.zones) + " zones, " +
         std::to_string(c.cells) + " cells";
  }
  return s;
}

}  // namespace

void HotZonesStage::Options::declare(OptionTable& t) {
  t.numbers("top", "Hot-zone level: top P % of cells with density > 0", top, 0.0001, 100.0);
  t.numbers("threshold", "Hot-zone level: density at or above this (output unit)", threshold, 0.0, 1e300);
  Option& hz = t.texts("hot_zones", "Write hot-zone polygons here (.geojson, .shp, .gpkg)", paths, "PATH");
  hz.config = false;
}

void HotZonesStage::validate(const Outputs& outputs) {
  if (!outputs.is_folder())
    for (const std::string& p : o_.paths) outputs.check_free(p);
  if (o_.top.empty() && o_.threshold.empty() && !o_.paths.empty())
    throw UsageError("--hot-zones needs at least one level (--top or --threshold)");
}

void HotZonesStage::run(Context& ctx, Outputs& outputs) {
  if (!ctx.density) throw std::logic_error("the hot-zones stage needs the density surface of the kde stage");
  const std::vector<std::string> paths = layer_paths(o_, outputs);
  if (paths.empty()) {
    ctx.stage_line = "no level asked; nothing written";
    return;
  }
  const KdeOutcome& density = *ctx.density;
  HotZonesOutcome r;
  r.levels = hot_zone_levels(density.raster, o_.top, o_.threshold);
  r.zones = hot_zones(density.raster, r.levels);
  for (const std::string& p : paths) {
    const std::string path = outputs.path(p, p);
    write_hot_zones(r.zones, r.levels, ctx.crs(), density.unit_label, path, outputs.overwrite_allowed());
    record_layer_privacy(path, ctx, outputs);
    r.paths.push_back(path);
  }
  ctx.stage_line = describe(r);
  ctx.hot_zones = std::move(r);
}

}  // namespace hotspot::cli
