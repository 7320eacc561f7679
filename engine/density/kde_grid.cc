#include "engine/density/kde_grid.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace hotspot {

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 6) {
    bytes /= 1024.0;
    ++u;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

uint64_t available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  uint64_t value = 0;
  std::string unit;
  while (in >> key >> value >> unit) {
    if (key == "MemAvailable:") return value * 1024;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page);
  return 0;
}

void check_grid_size(double ncols, double nrows, double cell_size, int64_t bytes_per_cell, uint64_t available) {
  const double cells = ncols * nrows;
  const double need = cells * static_cast<double>(bytes_per_cell);
  std::ostringstream what;
  what.precision(4);
  what << "the density grid would be " << ncols << " x " << nrows << " cells (" << cells << " cells at cell size "
       << cell_size << ")";
  if (!std::isfinite(cells) || ncols > 2147483647.0 || nrows > 2147483647.0)
    throw std::runtime_error(what.str() + ", beyond what a GeoTIFF can hold; use a larger --cell-size or a smaller --extent");
  if (available > 0 && need > static_cast<double>(available))
    throw std::runtime_error(what.str() + " and need about " + format_bytes(need) + " of memory, more than the " +
                             format_bytes(static_cast<double>(available)) +
                             " available; use a larger --cell-size or a smaller --extent");
}

KdeGridChoice choose_kde_grid(const KdeGridRequest& rq, int64_t bytes_per_cell, uint64_t available) {
  KdeGridChoice c;
  Extent e;
  if (rq.extent) {
    e = *rq.extent;
    c.extent_source = "given extent";
  } else {
    e = rq.data_extent.grown(rq.support_crs);
    c.extent_source = "data extent grown by the search radius";
  }
  if (e.empty() || !std::isfinite(e.width()) || !std::isfinite(e.height()) || e.width() <= 0.0 || e.height() <= 0.0)
    throw std::invalid_argument("the density extent is empty or not finite (" + c.extent_source + ")");
  double cell = rq.cell_size_crs;
  if (cell == 0.0) {
    cell = std::min(e.width(), e.height()) / 250.0;
    c.default_cell_size = true;
  }
  if (!std::isfinite(cell) || cell <= 0.0)
    throw std::invalid_argument("cell size must be a positive length, got " + std::to_string(cell));
  const double cols = std::ceil(e.width() / cell - 1e-9 * std::max(1.0, e.width() / cell));
  const double rows = std::ceil(e.height() / cell - 1e-9 * std::max(1.0, e.height() / cell));
  check_grid_size(std::max(1.0, cols), std::max(1.0, rows), cell, bytes_per_cell, available);
  c.grid = GridSpec::covering(e, cell);
  return c;
}

}  // namespace hotspot
