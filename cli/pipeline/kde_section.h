// The options users see as kernel density's: the flags of `hotspot kde` and the run config's `kde` section are the
// Kde stage's options followed by the HotZones stage's (top, threshold, hot_zones), declared in one table, so the
// flags, the config keys and README's table are those of one section although two stages read them.
#pragma once

#include "cli/pipeline/hot_zones_stage.h"
#include "cli/pipeline/kde_stage.h"
#include "cli/pipeline/option_table.h"

namespace hotspot::cli {

struct KdeSectionOptions {
  KdeStage::Options density;         // the surface
  HotZonesStage::Options hot_zones;  // the polygons around its highest cells

  // Declares both stages' options, bound to this struct (which must outlive the table).
  void declare(OptionTable& table) {
    density.declare(table);
    hot_zones.declare(table);
  }
};

}  // namespace hotspot::cli
