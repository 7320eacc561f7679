// `hotspot kde INPUT ... -o density.tif`: an exact kernel density surface written as a Cloud-Optimized GeoTIFF,
// optionally with hot-zone polygons.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/commands/command.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct KdeCommandOptions {
  IngestOptions ingest;
  std::string output_path;                 // .tif
  std::string radius;                      // length ("2000ft", "600m"); empty = ArcGIS default radius
  std::string cell_size;                   // length; empty = min(width, height) / 250 of the extent
  std::string kernel = "quartic";
  std::string sigma;                       // gaussian only: length
  double gaussian_truncation_sigmas = 8.0;
  std::string units;                       // per-sq-mile | per-sq-km | count-per-cell; empty = by the CRS's unit
  std::vector<double> extent;              // xmin ymin xmax ymax in the analysis CRS; empty = default
  std::string mask_path;                   // polygons; cells outside are nodata, points outside still count
  std::vector<std::string> hot_zone_paths; // .geojson / .shp / .gpkg
  std::vector<double> hot_zone_top_percents{1.0, 5.0};
  std::vector<double> hot_zone_thresholds; // densities in the output unit
  int threads = 0;
  bool overwrite = false;
  bool quiet = false;                      // no progress on stderr
};

int run_kde(const KdeCommandOptions& options, std::ostream& out, std::ostream& err);
void register_kde(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
