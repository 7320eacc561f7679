#include "geo/read/incident_columns.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/core/columns.h"
#include "engine/core/text.h"
#include "geo/read/wkt_point.h"

namespace hotspot {

namespace {

struct CoordPair {
  const char* x;
  const char* y;
  bool geographic;
};

// Common police and GIS export names, most specific first.
const CoordPair kCoordPairs[] = {
    {"LONGITUDE_PUBLIC", "LATITUDE_PUBLIC", true},
    {"longitude", "latitude", true},
    {"lon", "lat", true},
    {"lng", "lat", true},
    {"long", "lat", true},
    {"coordinates_lon", "coordinates_lat", true},
    {"X_COORD_PUBLIC", "Y_COORD_PUBLIC", false},
    {"x_coord", "y_coord", false},  // also XCoord, X-Coord, X COORD (names match ignoring case, spaces, - and _)
    {"POINT_X", "POINT_Y", false},  // ArcGIS's Add XY Coordinates
    {"x", "y", false},
    {"easting", "northing", false},
};

const char* kDateColumns[] = {"DATE_REPORTED", "DATE_INCIDENT_BEGAN", "date", "incident_date", "reported_date",
                              "datetime", "occurred_date"};
const char* kCategoryColumns[] = {"HIGHEST_NIBRS_DESCRIPTION", "OFFENSE_DESCRIPTION", "offense", "offence",
                                  "category", "crime_type"};

bool is_lonlat_name(const std::string& name) {
  const std::string n = lower(name);
  return n.find("lon") != std::string::npos || n.find("lng") != std::string::npos || n.find("lat") != std::string::npos;
}

// Whether column `col` holds WKT points in `sample`: more of its values are points than are not (a geometry of
// another kind, or text); `lonlat` says whether the points all lie in the longitude/latitude range.
bool holds_wkt_points(const std::vector<std::vector<std::string>>& sample, size_t col, bool& lonlat) {
  int points = 0, others = 0;
  lonlat = true;
  for (const std::vector<std::string>& row : sample) {
    if (col >= row.size()) continue;
    double x = 0, y = 0;
    const WktPointRead r = read_wkt_point(row[col], x, y);
    others += r == WktPointRead::not_a_point || r == WktPointRead::unreadable;
    if (r != WktPointRead::point) continue;
    ++points;
    lonlat = lonlat && std::fabs(x) <= 180.0 && std::fabs(y) <= 90.0;
  }
  return points > others;
}

void use_wkt_column(int col, bool lonlat, IncidentColumns& c) {
  c.x = c.y = c.wkt = col;
  c.names_geographic = lonlat;
}

// The x/y columns the options name; both or neither must be named.
// The x/y columns the options name; both or neither must be named. One column named for both holds WKT points.
void find_named_coordinates(const std::vector<std::string>& header, const IngestOptions& opt, const std::string& path,
                            const std::vector<std::vector<std::string>>& sample, IncidentColumns& c) {
  if (opt.x_column.empty() || opt.y_column.empty())
    throw std::runtime_error(path + ": give both the x and the y column (got only one)");
  c.x = find_column(header, opt.x_column);
  c.y = find_column(header, opt.y_column);
  if (c.x < 0) throw std::runtime_error(path + ": column '" + opt.x_column + "' not found in the header");
  if (c.y < 0) throw std::runtime_error(path + ": column '" + opt.y_column + "' not found in the header");
  c.names_geographic = is_lonlat_name(opt.x_column) && is_lonlat_name(opt.y_column);
  if (c.x != c.y) return;
  bool lonlat = false;
  holds_wkt_points(sample, static_cast<size_t>(c.x), lonlat);
  use_wkt_column(c.x, lonlat, c);
}

// The first pair of common coordinate names that are both in the header, else the first column of WKT points.
void detect_coordinates(const std::vector<std::string>& header, const std::string& path,
                        const std::vector<std::vector<std::string>>& sample, IncidentColumns& c) {
  for (const CoordPair& p : kCoordPairs) {
    c.x = find_column(header, p.x);
    c.y = find_column(header, p.y);
    if (c.x >= 0 && c.y >= 0) {
      c.names_geographic = p.geographic;
      return;
    }
  }
  for (size_t col = 0; col < header.size(); ++col) {
    bool lonlat = false;
    if (!holds_wkt_points(sample, col, lonlat)) continue;
    use_wkt_column(static_cast<int>(col), lonlat, c);
    return;
  }
  throw std::runtime_error(path + ": no coordinate columns found (looked for LONGITUDE_PUBLIC/LATITUDE_PUBLIC, "
                           "longitude/latitude, lon/lat, lng/lat, X_COORD_PUBLIC/Y_COORD_PUBLIC, XCoord/YCoord, POINT_X/POINT_Y, x/y, "
                           "..., and a column of WKT points); header has: " + column_list(header) +
                           ". Name them with --x-col and --y-col");
}

// The column named `given` (which must be there), else the first of `names` in the header; -1 when none is.
template <class Names>
int named_or_detected(const std::vector<std::string>& header, const std::string& given, const Names& names,
                      const char* what, const std::string& path) {
  if (!given.empty()) {
    const int i = find_column(header, given);
    if (i < 0) throw std::runtime_error(path + ": " + what + " column '" + given + "' not found in the header");
    return i;
  }
  for (const char* n : names)
    if (const int i = find_column(header, n); i >= 0) return i;
  return -1;
}

std::string name_of(const std::vector<std::string>& header, int i) {
  return i >= 0 ? header[static_cast<size_t>(i)] : std::string();
}

}  // namespace

IncidentColumns find_incident_columns(const std::vector<std::string>& header, const IngestOptions& opt,
                                      IncidentColumns::Coordinates coordinates, const std::string& path,
                                      const std::vector<std::vector<std::string>>& sample) {
  IncidentColumns c;
  c.coordinates = coordinates;
  if (coordinates == IncidentColumns::Coordinates::columns) {
    if (!opt.x_column.empty() || !opt.y_column.empty()) find_named_coordinates(header, opt, path, sample, c);
    else detect_coordinates(header, path, sample, c);
    c.x_name = name_of(header, c.x);
    c.y_name = name_of(header, c.y);
  } else if (coordinates == IncidentColumns::Coordinates::geometry) {
    c.x_name = c.y_name = "(geometry)";
  }
  c.date = named_or_detected(header, opt.date_column, kDateColumns, "date", path);
  c.category = named_or_detected(header, opt.category_column, kCategoryColumns, "category", path);
  const std::vector<const char*> no_names;  // a weight column is never guessed
  c.weight = opt.weight_column.empty() ? -1 : named_or_detected(header, opt.weight_column, no_names, "weight", path);
  c.count = opt.count_column.empty() ? -1 : named_or_detected(header, opt.count_column, no_names, "count", path);
  c.id = opt.id_column.empty() ? -1 : named_or_detected(header, opt.id_column, no_names, "id", path);
  c.count_name = name_of(header, c.count);
  c.id_name = name_of(header, c.id);
  c.date_name = name_of(header, c.date);
  c.category_name = name_of(header, c.category);
  c.weight_name = name_of(header, c.weight);
  if ((!opt.date_from.empty() || !opt.date_to.empty()) && c.date < 0)
    throw std::runtime_error(path + ": a date filter needs a date column (none detected; name it with --date-col)");
  if (!opt.categories.empty() && c.category < 0)
    throw std::runtime_error(path + ": a category filter needs a category column (none detected; name it with --category-col)");
  return c;
}

void check_export_files_have_columns(const IncidentColumns& c, const IngestOptions& opt,
                                     const std::map<size_t, std::vector<std::string>>& missing_by_file,
                                     const std::vector<std::string>& files) {
  const bool date_filter = !opt.date_from.empty() || !opt.date_to.empty();
  for (const auto& [fi, missing] : missing_by_file) {
    for (const std::string& need : {c.x_name, c.y_name, c.date_name, c.category_name, c.weight_name, c.count_name, c.id_name}) {
      if (need.empty()) continue;
      const bool needed = need == c.x_name || need == c.y_name || need == c.weight_name || need == c.count_name || need == c.id_name ||
                          (need == c.date_name && date_filter) || (need == c.category_name && !opt.categories.empty());
      if (needed && std::find(missing.begin(), missing.end(), need) != missing.end())
        throw std::runtime_error(files[fi] + ": column '" + need + "' (present in " + files[0] +
                                 ") is missing from this file's header; files of one export must share the columns the run uses");
    }
  }
}

}  // namespace hotspot
