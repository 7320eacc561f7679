#include "geo/read/ingest_crs.h"

#include <algorithm>
#include <stdexcept>

namespace hotspot {

Crs choose_source_crs(const IngestOptions& opt, const std::optional<Crs>& own, RawSource::Format format,
                      const IncidentColumns& columns, std::string& note) {
  const bool csv = format == RawSource::Format::csv_files;
  if (columns.coordinates == IncidentColumns::Coordinates::address) {
    if (opt.analysis_crs.empty()) throw std::invalid_argument("placing records by address needs the analysis CRS");
    note = "points placed by address";
    return Crs::from_user_input(opt.analysis_crs);
  }
  if (!opt.source_crs.empty()) {
    Crs crs = Crs::from_user_input(opt.source_crs);
    note = "source CRS " + crs.describe() + " (given)";
    return crs;
  }
  if (own) {
    note = "source CRS " + own->describe() + (csv ? " (from the .prj beside the file)" : " (from the layer)");
    return *own;
  }
  if (columns.coordinates == IncidentColumns::Coordinates::columns && columns.names_geographic) {
    note = columns.wkt >= 0 ? "source CRS EPSG:4326 (WGS 84 lon/lat: the WKT points of column " + columns.x_name + " are in that range)"
                            : "source CRS EPSG:4326 (WGS 84 lon/lat, from the column names " + columns.x_name + "/" + columns.y_name + ")";
    return Crs::from_user_input("EPSG:4326");
  }
  throw std::runtime_error(opt.input_path + ": the coordinates' CRS is unknown (" +
                           (csv ? "columns " + columns.x_name + "/" + columns.y_name
                                : std::string("layer has no CRS; shapefile without .prj?")) +
                           "); give it with --source-crs, e.g. EPSG:2264");
}

std::optional<Crs> analysis_crs_from_options(const std::string& analysis_crs, const Crs& source, std::string& note) {
  if (!analysis_crs.empty()) {
    Crs crs = Crs::from_user_input(analysis_crs);
    if (!crs.is_projected())
      throw std::invalid_argument("analysis CRS " + crs.describe() + " is not projected; distances need a projected CRS");
    note += "; analysis CRS " + crs.describe() + " (given)";
    return crs;
  }
  if (source.is_projected()) {
    note += "; analysis CRS = source CRS";
    return source;
  }
  return std::nullopt;
}

Crs analysis_crs_from_points(std::vector<double>& lons, std::vector<double>& lats, std::string& note) {
  if (lons.empty()) {
    note += "; analysis CRS EPSG:3857 (no usable point to choose a UTM zone)";
    return Crs::from_user_input("EPSG:3857");
  }
  std::nth_element(lons.begin(), lons.begin() + static_cast<long>(lons.size() / 2), lons.end());
  std::nth_element(lats.begin(), lats.begin() + static_cast<long>(lats.size() / 2), lats.end());
  Crs crs = Crs::utm_for(lons[lons.size() / 2], lats[lats.size() / 2]);
  note += "; analysis CRS " + crs.describe() + " (UTM zone of the data's median point; set analysis_crs to choose another)";
  return crs;
}

bool in_area_of_use(const std::optional<Extent>& area, double lon, double lat) {
  if (!area) return true;
  constexpr double eps = 1e-9;
  if (area->min_x <= area->max_x) {
    if (lon < area->min_x - eps || lon > area->max_x + eps) return false;
  } else if (lon < area->min_x - eps && lon > area->max_x + eps) {  // crosses the antimeridian
    return false;
  }
  return lat >= area->min_y - eps && lat <= area->max_y + eps;
}

}  // namespace hotspot
