// What the HotZones stage leaves for the command's summary: the levels, their polygons and the layers written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geo/write/hot_zones.h"

namespace hotspot::cli {

struct HotZonesOutcome {
  std::vector<HotZoneLevel> levels;  // percentile levels first, then absolute thresholds
  std::vector<HotZone> zones;        // every level's polygons
  std::vector<std::string> paths;    // the layers written, in order

  struct Count {
    int64_t zones = 0, cells = 0;
  };
  // The polygons of levels[level_index] and the cells they cover.
  Count at_level(size_t level_index) const {
    Count c;
    for (const HotZone& z : zones)
      if (z.level_index == static_cast<int>(level_index)) ++c.zones, c.cells += z.cells;
    return c;
  }
};

}  // namespace hotspot::cli
