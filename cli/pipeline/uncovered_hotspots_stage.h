// Hot spots the priority areas miss: significant Gi* hot cells (Gi_Bin 2 or 3, 95 % or more) outside every area,
// joined into clusters of edge- or corner-touching cells, ranked by incidents, each labelled with its nearest named
// intersection, patrol division and neighbourhood area at its hottest cell. Fishnets only (hexagons: skipped, noted).
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class UncoveredHotspotsStage : public Stage {
 public:
  struct Options {
    // Layers with one polygon per cluster. DEFAULT: none; a run writes hotspot_clusters.geojson and .shp.
    std::vector<std::string> layers;
  };

  explicit UncoveredHotspotsStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "uncovered hotspots"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
