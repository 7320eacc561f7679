// RAII over the GEOS C API (reentrant, one context per owner).
#pragma once

#include <memory>
#include <string>

#include <geos_c.h>

namespace hotspot {

// Owns a GEOS context; errors and notices are captured as text rather than printed.
class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
  GEOSContextHandle_t get() const { return handle_; }
  const std::string& last_error() const { return *error_; }

 private:
  GEOSContextHandle_t handle_;
  std::unique_ptr<std::string> error_;
};

struct GeosGeomDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using GeosGeomPtr = std::unique_ptr<GEOSGeometry, GeosGeomDeleter>;

struct GeosPreparedDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(const GEOSPreparedGeometry* g) const {
    if (g) GEOSPreparedGeom_destroy_r(ctx, g);
  }
};
using GeosPreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

inline GeosGeomPtr geos_owned(const GeosContext& c, GEOSGeometry* g) { return GeosGeomPtr(g, GeosGeomDeleter{c.get()}); }

}  // namespace hotspot
