// The density grid: extent and cell size defaults (ArcGIS Pro's), and a memory check made before any allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/core/extent.h"
#include "engine/core/grid.h"

namespace hotspot {

struct KdeGridRequest {
  Extent data_extent;             // extent of the points (CRS units)
  double support_crs = 0.0;       // kernel support radius; the default extent is the data extent grown by it
  std::optional<Extent> extent;   // a given box (e.g. --extent, or a study area's bounding box)
  double cell_size_crs = 0.0;     // 0 = ArcGIS default: min(width, height) of the output extent / 250
};

struct KdeGridChoice {
  GridSpec grid;
  bool default_cell_size = false;
  std::string extent_source;      // "data extent grown by the search radius" or "given extent"
};

// Throws std::invalid_argument for an empty or non-finite extent or a non-positive cell size, and
// std::runtime_error (from check_grid_size) for a grid too large to hold.
KdeGridChoice choose_kde_grid(const KdeGridRequest& request, int64_t bytes_per_cell, uint64_t available_bytes);

// Refuses, before anything is allocated, a grid whose cell count, GDAL dimension limit (2^31 - 1 rows/columns)
// or memory need (cells * bytes_per_cell) cannot be met, with a message stating the size and the memory it would
// take: std::runtime_error.
void check_grid_size(double ncols, double nrows, double cell_size, int64_t bytes_per_cell, uint64_t available_bytes);

// MemAvailable from /proc/meminfo (bytes), or the physical memory when that is unknown; 0 if neither is known.
uint64_t available_memory_bytes();

// "1.2 GiB", "87.5 MiB", ...
std::string format_bytes(double bytes);

}  // namespace hotspot
