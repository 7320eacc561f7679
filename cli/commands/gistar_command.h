// `hotspot gistar INPUT -o hotspots.geojson|.shp|.gpkg`: Getis-Ord Gi* hot spots of incidents aggregated into a
// fishnet, a hexagon grid or polygon zones, with ArcGIS's output fields (SOURCE_ID, the value, GiZScore, GiPValue,
// Gi_Bin, NNeighbors, GiPseudoP with permutations) and a QGIS .qml beside the output.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "cli/commands/command.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct GistarOptions {
  IngestOptions ingest;
  std::string output_path;
  bool overwrite = false;
  // Units: a fishnet (default) or hexagons of this size, or zones.
  std::string cell_size;       // length with units ("1000ft", "300m"); required for grids
  bool hex = false;
  std::string extent;          // "xmin,ymin,xmax,ymax" in analysis CRS units; default: study area or data extent
  std::string zones_path;      // polygon layer as analysis units
  std::string zones_layer;
  std::string zone_id_field;   // empty: feature id
  // Value per unit.
  std::string value = "count";  // count | sum:FIELD | rate:NUM/DEN
  // Weights.
  std::string weights = "band";  // band | idw1 | idw2 | knn:K | indifference | contiguity-edges | contiguity-corners
  std::string band;              // length; empty = the smallest giving every unit a neighbour (reported)
  // Inference.
  int permutations = 0;
  uint64_t seed = 12345;
  bool no_fdr = false;
  int threads = 0;
};

int run_gistar(const GistarOptions& options, std::ostream& out, std::ostream& err);
void register_gistar(CLI::App& app, CommandAction& action);

}  // namespace hotspot::cli
