// Getis-Ord Gi*: the Gistar stage of `hotspot gistar` and `hotspot run`. Incidents are aggregated into a fishnet,
// hexagons or polygon zones; the layer carries ArcGIS's fields (SOURCE_ID, Join_Count or the value, GiZScore,
// GiPValue, Gi_Bin, NNeighbors, GiPseudoP with permutations) with a QGIS .qml beside it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/extent.h"
#include "engine/core/length.h"

namespace hotspot::cli {

class GistarStage : public Stage {
 public:
  // Which grid cells are analysis units: every cell of the grid (or of the study area), or only the cells holding
  // at least one incident (Optimized Hot Spot Analysis's units without a bounding polygon).
  enum class Cells { kAll, kWithIncidents };

  struct Options {
    // Fishnet cell side, or hexagon centre spacing. REQUIRES: given unless zones are.
    std::optional<Length> cell_size;
    // Hexagons instead of square cells. DEFAULT: false (fishnet).
    bool hex = false;
    // Grid cells analysed (grids only). DEFAULT: all.
    Cells cells = Cells::kAll;
    // Grid extent in analysis CRS units. DEFAULT: the study area's bounds, else the data's.
    std::optional<Extent> extent;
    // Polygon zones as the analysis units (instead of a grid), their layer and id field.
    std::string zones, zones_layer, zone_id;
    // count, sum:FIELD or rate:NUMERATOR/DENOMINATOR. DEFAULT: count.
    std::string value = "count";
    // band, idw1, idw2, knn:K, indifference, contiguity-edges or contiguity-corners (zones only). DEFAULT: band.
    std::string weights = "band";
    // Distance band or cutoff. DEFAULT: the cell size for a whole fishnet; else the smallest distance giving every
    // unit a neighbour.
    std::optional<Length> band;
    // Conditional permutations for GiPseudoP. DEFAULT: 0 (none). REQUIRES: 0..99999.
    int permutations = 0;
    uint64_t seed = 12345;
    // Gi_Bin with the Benjamini-Hochberg false discovery rate correction (ArcGIS's default). DEFAULT: true.
    bool fdr = true;
    // Output (command line only; `hotspot run` writes gistar_cells.geojson and gistar_cells.shp).
    std::string output;

    void declare(OptionTable& table);
  };

  explicit GistarStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "gistar"; }
  void validate(const Outputs& outputs) override;
  void declare_input_columns(InputColumns& columns) const override;  // the value's columns
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
