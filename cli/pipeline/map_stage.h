// The maps: an offline map.html, a PNG preview for the report, a QGIS project with every layer styled, and vector
// tiles for dashboards. In a run (a folder of outputs) the maps show the layers the run wrote, the boundaries, and any
// layers the config adds; `hotspot map` draws the layers and rasters it is given into the folder named with -o. Either
// way the same writers, the same file names and the same options (`hotspot map`'s flags are the run config's `map`
// keys).
#pragma once

#include <cstdint>
#include <utility>
#include <string>
#include <vector>

#include "cli/pipeline/boundaries_stage.h"
#include "cli/pipeline/map_outcome.h"
#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "geo/map/map_spec.h"

namespace hotspot::cli {

class MapStage : public Stage {
 public:
  enum class Preview { skip, write };
  enum class QgisProject { skip, write };

  struct Options {
    // Map and project title. DEFAULT: the run's title; "Hotspot map" for `hotspot map`.
    std::string title;
    // Layers drawn above the run's, in order: "NAME=PATH[:kind]". DEFAULT: none. REQUIRES (`hotspot map`): a layer
    // or a raster.
    std::vector<MapLayer> layers;
    // Rasters drawn under the layers (density GeoTIFFs). DEFAULT: none.
    std::vector<std::string> rasters;
    std::string raster_unit;            // legend unit of the rasters. DEFAULT: none
    std::vector<std::string> notes;     // lines under the title, after the run's. DEFAULT: none
    // FIELD, unit: shown after that property in the given layers' popups (the last given for a field wins).
    std::vector<std::pair<std::string, std::string>> units;
    // XYZ tile URL template of a basemap. DEFAULT: none (the page needs no network).
    std::string basemap_url, basemap_attribution;
    // Simplification tolerance of the given layers, metres. DEFAULT: 0 (every vertex kept).
    double simplify_m = 0.0;
    Preview png = Preview::write;       // map_preview.png. DEFAULT: written
    int png_width_px = 1600;            // REQUIRES: 200..8000
    QgisProject qgis = QgisProject::write;  // hotspot.qgs. DEFAULT: written
    // Vector tiles of the non-context layers: a folder (z/x/y.pbf) or a .mbtiles file. A run writes tiles.mbtiles.
    // DEFAULT (`hotspot map`): none.
    std::string tiles;
    // Tile zooms. DEFAULT: 10..14 (a city). REQUIRES: 0 <= min_zoom <= max_zoom <= 22.
    int min_zoom = 10, max_zoom = 14;
    // `hotspot map`'s output folder, created when missing. REQUIRES: given (subcommand).
    std::string out_dir;

    // Set by the run, not options: the report's start year (named in the areas' "change" popup) and the boundary
    // layers drawn as outlines.
    int start_year = 0;
    BoundariesStage::Options boundaries;

    // Declares the options above (all but the run's), bound to this struct (which must outlive the table).
    void declare(OptionTable& table);
  };

  explicit MapStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "maps"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

// "NAME=PATH[:kind]" -> a layer with the kind's default style. Throws std::invalid_argument.
MapLayer parse_map_layer_spec(const std::string& text);

}  // namespace hotspot::cli
