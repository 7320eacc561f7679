#include "geo/map/staged_geojson.h"

#include <atomic>
#include <stdexcept>

#include <cpl_vsi.h>

namespace hotspot {

namespace {

// Puts the text in a new /vsimem file (the buffer is the text's own, not a copy) and returns its path.
std::string stage(const std::string& geojson, const std::string& what) {
  static std::atomic<unsigned> counter{0};
  const std::string path = "/vsimem/hotspot_staged_" + std::to_string(counter++) + ".geojson";
  VSILFILE* fp = VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(geojson.data())),
                                      static_cast<vsi_l_offset>(geojson.size()), FALSE);
  if (!fp) throw std::runtime_error(what + ": cannot stage GeoJSON");
  VSIFCloseL(fp);
  return path;
}

}  // namespace

StagedGeoJson::VsimemFile::~VsimemFile() { VSIUnlink(path.c_str()); }

StagedGeoJson::StagedGeoJson(const std::string& geojson, const std::string& what)
    : file_(stage(geojson, what)), dataset_(open_vector(file_.path)) {}

}  // namespace hotspot
