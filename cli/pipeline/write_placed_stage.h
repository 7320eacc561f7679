// The records the geocoder placed, written with their input columns and the match (point, lon/lat, match type,
// score, reference id, ties, matched address, detail): CSV, or any vector format by extension. `hotspot geocode`
// is References, Ingest (every record placed by address) and this stage. With a gazetteer learnt from the input, the
// records that have coordinates keep them and are written too, with match_type "coordinates".
#pragma once

#include <string>

#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class WritePlacedStage : public Stage {
 public:
  struct Options {
    // .csv, .geojson, .gpkg, .shp. REQUIRES: given, a known extension.
    std::string output;
  };

  explicit WritePlacedStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "write placed"; }
  void validate(const Outputs& outputs) override;
  void declare_input_columns(InputColumns& columns) const override;  // every column: each is written
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
