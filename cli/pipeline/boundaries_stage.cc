#include "cli/pipeline/boundaries_stage.h"

namespace hotspot::cli {

namespace {

std::optional<ZoneLayer> load(const ZoneRef& ref, Context& ctx, const std::string& label) {
  if (ref.path.empty()) return std::nullopt;
  ZoneLayerOptions zo;
  zo.path = ref.path;
  zo.id_field = ref.id_field;
  zo.name_field = ref.name_field;
  std::vector<std::string> warnings;
  ZoneLayer z = ZoneLayer::load(zo, ctx.crs(), &warnings);
  for (const std::string& w : warnings) ctx.note(label + ": " + w);
  return z;
}

}  // namespace

void BoundariesStage::run(Context& ctx, Outputs&) {
  Context::Boundaries& b = ctx.boundaries.emplace();
  b.city_limits = load({o_.city_limits, "", ""}, ctx, "city limits");
  b.divisions = load(o_.divisions, ctx, "divisions");
  b.neighborhoods = load(o_.neighborhoods, ctx, "neighbourhoods");
  std::string line;
  for (const auto& [label, layer] : {std::pair{"city limits", &b.city_limits}, std::pair{"divisions", &b.divisions},
                                     std::pair{"neighbourhoods", &b.neighborhoods}})
    if (*layer) line += (line.empty() ? "" : ", ") + std::to_string((*layer)->zones().size()) + " " + label;
  ctx.stage_line = line.empty() ? "none given" : line;
}

}  // namespace hotspot::cli
