// The Violence Reduction Framework priority areas (or any city's): placed by intersection with the geocoder or read
// as polygons, each measured against the city (incidents, violent incidents, share vs area, density, Gi* hot
// cells, change from a start year, top categories), written as a layer with those figures.
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/stage.h"
#include "engine/core/length.h"

namespace hotspot::cli {

class PriorityAreasStage : public Stage {
 public:
  struct Options {
    // CSV: area_id, name, intersection[, radius], placed with the References stage's intersections.
    // DEFAULT: none. REQUIRES: not given with `polygons` (checked by the config).
    std::string file;
    // Or polygons from any OGR layer, with optional id and name fields (DEFAULT: detected).
    std::string polygons;
    std::string polygons_id_field;
    std::string polygons_name_field;
    // Radius of an area whose row gives none. DEFAULT: 0.5 mi (the Framework's). REQUIRES: > 0 (checked by the config).
    Length default_radius{0.5, LengthUnit::kMile};
    // Categories counted as violent (case-insensitive). DEFAULT: none.
    std::vector<std::string> violent_categories;
    // Change is the mean per year from this year on against the years before. DEFAULT: 0 = no change figure.
    int start_year = 0;
    // Categories listed per area. DEFAULT: 5.
    int top_categories = 5;
    // Layers with each area and its figures (.geojson, .shp, .gpkg). DEFAULT: none; a run writes
    // priority_areas.geojson and priority_areas.shp.
    std::vector<std::string> layers;
  };

  explicit PriorityAreasStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "priority areas"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  std::vector<PriorityArea> place(Context& ctx) const;
  void write_layers(const Context& ctx, Outputs& outputs) const;
  Options o_;
};

}  // namespace hotspot::cli
