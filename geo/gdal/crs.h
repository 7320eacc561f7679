// Coordinate reference systems and transforms (GDAL's OGRSpatialReference over PROJ).
// Axis order is always x = easting/longitude, y = northing/latitude (OAMS_TRADITIONAL_GIS_ORDER), whatever the
// authority says. Distance work happens only in projected CRSs: degrees are never used as distances.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/extent.h"

class OGRSpatialReference;

namespace hotspot {

class Crs {
 public:
  // From "EPSG:2264", "ESRI:102719", "4326", WKT, PROJJSON or a PROJ string. Throws std::invalid_argument.
  static Crs from_user_input(const std::string& text);
  // From a WKT / .prj file's contents.
  static Crs from_wkt(const std::string& wkt);
  // Copies a spatial reference (e.g. a layer's).
  static Crs from_ogr(const OGRSpatialReference& srs);
  // UTM zone (WGS 84) for a longitude/latitude, used when lon/lat data needs a projected CRS.
  static Crs utm_for(double lon, double lat);

  Crs(const Crs&);
  Crs& operator=(const Crs&);
  Crs(Crs&&) noexcept;
  Crs& operator=(Crs&&) noexcept;
  ~Crs();

  bool is_projected() const;
  bool is_geographic() const;
  // Metres per linear unit (projected CRS only; 0.3048006096 for US survey feet).
  double linear_unit_m() const;
  std::string linear_unit_name() const;  // e.g. "US survey foot", "metre"
  std::string name() const;              // e.g. "NAD83 / North Carolina (ftUS)"
  std::string authority_code() const;    // e.g. "EPSG:2264", or "" when none is known
  std::string wkt() const;               // WKT2
  std::string wkt1_esri() const;         // for .prj files
  // The CRS's area of use in lon/lat degrees, if PROJ knows it.
  std::optional<Extent> area_of_use_lonlat() const;
  // "EPSG:2264 (NAD83 / North Carolina (ftUS), US survey foot)"
  std::string describe() const;

  const OGRSpatialReference& ogr() const { return *srs_; }
  bool same_as(const Crs& other) const;

 private:
  Crs();
  std::unique_ptr<OGRSpatialReference> srs_;
};

class CrsTransform {
 public:
  CrsTransform(const Crs& from, const Crs& to);
  ~CrsTransform();
  CrsTransform(CrsTransform&&) noexcept;
  CrsTransform& operator=(CrsTransform&&) noexcept;

  // Transforms in place; ok[i] is false where PROJ failed. Returns the number that failed.
  size_t transform(std::vector<double>& x, std::vector<double>& y, std::vector<bool>& ok) const;
  // One point; false on failure.
  bool transform(double& x, double& y) const;

  bool identity() const { return impl_ == nullptr; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotspot
