// Writes a layer of features to GeoJSON (RFC 7946: WGS 84 lon/lat), ESRI Shapefile (.prj, .cpg UTF-8, field names
// of at most 10 characters) or GeoPackage, chosen by the output's extension, through AtomicOutput. An optional QGIS
// style is written beside it as <stem>.qml so the layer opens styled in QGIS.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/core/extent.h"
#include "geo/gdal/crs.h"

namespace hotspot {

enum class FieldType { kInteger, kReal, kString };

struct FieldDef {
  std::string name;
  FieldType type = FieldType::kReal;
  int width = 0;      // 0 = driver default
  int precision = 0;  // decimals for reals in shapefiles; 0 = driver default
};

// null (std::monostate), integer, real or text. A NaN real is written as null.
using FieldValue = std::variant<std::monostate, int64_t, double, std::string>;

struct PointGeometry {
  double x = 0, y = 0;
};
struct BoxGeometry {  // an axis-aligned rectangle (fishnet cell)
  Extent box;
};
struct WktGeometry {  // anything else, in the layer's CRS
  std::string wkt;
};
using Geometry = std::variant<PointGeometry, BoxGeometry, WktGeometry>;

struct VectorFeature {
  Geometry geometry;
  std::vector<FieldValue> values;  // one per field, in order
};

enum class GeometryKind { kPoint, kPolygon, kLineString, kUnknown };

struct VectorLayer {
  std::string name = "layer";
  GeometryKind kind = GeometryKind::kPolygon;
  std::vector<FieldDef> fields;
  std::vector<VectorFeature> features;
};

struct VectorWriteOptions {
  std::string path;          // .geojson / .json, .shp, .gpkg
  bool overwrite = false;
  std::string qml_style;     // non-empty: written as <stem>.qml beside the output
  int geojson_decimals = 7;  // lon/lat decimals in GeoJSON (7 = about 1 cm)
};

// Throws std::runtime_error naming the path for an unknown extension, a shapefile field name longer than 10
// characters, or any GDAL failure; nothing is left behind on failure.
void write_vector(const VectorLayer& layer, const Crs& crs, const VectorWriteOptions& options);

// "GeoJSON", "ESRI Shapefile" or "GPKG" for a path, or throws.
std::string vector_driver_for(const std::string& path);

}  // namespace hotspot
