#include "cli/pipeline/emerging_mix.h"

namespace hotspot::cli {

std::vector<EmergingAreaMix> emerging_mix(const EmergingOutcome& e, const std::vector<PriorityArea>& areas) {
  std::vector<EmergingAreaMix> out;
  for (const PriorityArea& a : areas) out.push_back({a.id, a.name, {}});
  out.push_back({"city", "Citywide", {}});
  for (size_t loc = 0; loc < e.cube.locations() && loc < e.result.locations.size(); ++loc) {
    const int category = category_code(e.result.locations[loc].pattern);
    const Point c = e.grid->centroid(e.cube.location_unit[loc]);
    for (size_t i = 0; i < areas.size(); ++i)
      if (areas[i].contains(c.x, c.y)) ++out[i].cells_by_category[category];
    ++out.back().cells_by_category[category];
  }
  return out;
}

}  // namespace hotspot::cli
