// What the Kde stage leaves for later stages (hot zones, areas, report, maps) and for the command's summary.
#pragma once

#include <string>
#include <vector>

#include "engine/core/grid.h"
#include "engine/density/kde.h"

namespace hotspot::cli {

struct KdeOutcome {
  Raster raster;                        // in the output unit, nodata NaN outside the mask
  std::string unit_label;               // "incidents per square mile"
  KdeKernel kernel = KdeKernel::kQuartic;
  double radius_crs = 0.0;              // compact kernels
  double sigma_crs = 0.0;               // gaussian
  std::string bandwidth_note;           // the radius (or sigma) and how it was chosen: "2000 US survey foot (2000ft)"
  bool default_cell_size = false;
  std::string extent_note;              // where the grid extent came from
  std::string mask_path;                // cells outside are nodata; empty = none
  std::string description;              // one line for reports and map notes
  std::string path;                     // the GeoTIFF written
  double density_seconds = 0.0, write_seconds = 0.0;
};

}  // namespace hotspot::cli
