// Hot zones: the HotZones stage of `hotspot kde` (with --hot-zones) and `hotspot run`. Polygons around the cells of
// the Kde stage's surface at or above each level (the top P % of the cells with a positive density, or an absolute
// density), written to each layer asked; a run writes hot_zones.geojson and hot_zones.shp whenever there is a level.
// Its options are the run config's `kde.top` and `kde.threshold` and the flags of `hotspot kde` (see kde_section.h).
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class HotZonesStage : public Stage {
 public:
  struct Options {
    // Levels: the top P % of the cells with a positive density. DEFAULT: 1 and 5. REQUIRES: each in (0, 100].
    std::vector<double> top = {1.0, 5.0};
    // Levels: densities at or above these, in the surface's unit. DEFAULT: none. REQUIRES: finite.
    std::vector<double> threshold;
    // Layers (.geojson / .shp / .gpkg; command line only, `hotspot run` writes hot_zones.geojson and hot_zones.shp).
    // DEFAULT: none. REQUIRES: at least one level (top or threshold) when given.
    std::vector<std::string> paths;

    // Declares every option above (keys top, threshold, hot_zones), bound to this struct (which must outlive the
    // table).
    void declare(OptionTable& table);
  };

  explicit HotZonesStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "hot zones"; }
  void validate(const Outputs& outputs) override;
  // Reads context.density (throws std::logic_error before the Kde stage ran); sets context.hot_zones when it wrote.
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
