// The maps of a run: an offline map.html of every layer the run wrote, a PNG preview for the report, the density
// raster's QGIS style, a QGIS project with every layer styled, and vector tiles for dashboards.
#pragma once

#include <string>

#include "cli/pipeline/boundaries_stage.h"
#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class MapStage : public Stage {
 public:
  struct Options {
    std::string title = "Hotspot analysis";  // map and project title
    // XYZ tile URL template of a basemap. DEFAULT: none (the page needs no network).
    std::string basemap_url;
    // Zooms of tiles.mbtiles. DEFAULT: 10..14. REQUIRES: 0 <= min_zoom <= max_zoom <= 22 (checked by the config).
    int min_zoom = 10, max_zoom = 14;
    // The report's start year, named in the areas' "change" popup. DEFAULT: 0.
    int start_year = 0;
    // Boundary layers drawn as outlines (city limits, divisions). DEFAULT: the run's.
    BoundariesStage::Options boundaries;
  };

  explicit MapStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "maps"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
