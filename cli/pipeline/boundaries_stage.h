// Boundary layers the report and the maps refer to: city limits (the city's area for area shares), patrol divisions
// and neighbourhood areas (labels of the hot-spot clusters). Loaded once, in the analysis CRS, after Ingest.
#pragma once

#include <string>

#include "cli/pipeline/stage.h"

namespace hotspot::cli {

struct ZoneRef {
  std::string path;        // empty = not used
  std::string id_field;    // DEFAULT: detected
  std::string name_field;  // DEFAULT: detected
};

class BoundariesStage : public Stage {
 public:
  struct Options {
    // City limits polygons. DEFAULT: none (the study area gives the city's area, if there is one).
    std::string city_limits;
    ZoneRef divisions;      // patrol divisions. DEFAULT: none.
    ZoneRef neighborhoods;  // neighbourhood profile areas. DEFAULT: none.
  };

  explicit BoundariesStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "boundaries"; }
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
