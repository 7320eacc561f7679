// Which columns of an incident source hold each record's coordinates, date, category and weight: the ones the
// options name, or detected from the names common police and GIS exports use.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "geo/read/ingest.h"

namespace hotspot {

struct IncidentColumns {
  // Where the points come from: the address (by the resolver; no coordinates read), x/y columns, or the geometry.
  enum class Coordinates { address, columns, geometry } coordinates = Coordinates::columns;
  int x = -1, y = -1;               // header indices; set only for Coordinates::columns
  int wkt = -1;                     // a column of WKT points (then x == y == wkt); -1 = x and y are numbers
  bool names_geographic = false;    // the x/y names say longitude/latitude (EPSG:4326 when no CRS is known)
  int date = -1, category = -1, weight = -1;  // header indices; -1 = no such column
  int count = -1, id = -1;                    // signed counts and the incident id they are netted by; -1 = none
  // The names for the result: the header's spelling; x/y "(geometry)" for the geometry, "" by address; "" = none.
  std::string x_name, y_name, date_name, category_name, weight_name, count_name, id_name;
};

// Finds the columns in `header` for `coordinates`: named x/y columns (the same column named for both: WKT points),
// else the first pair of common coordinate names, else the first column whose values in `sample` (the first rows'
// fields) are WKT points. Throws std::runtime_error naming `path` and the column when a named column is not there,
// only one of x/y is named, no coordinate columns are found, or a date or category filter has no column to read.
IncidentColumns find_incident_columns(const std::vector<std::string>& header, const IngestOptions& options,
                                      IncidentColumns::Coordinates coordinates, const std::string& path,
                                      const std::vector<std::vector<std::string>>& sample);

// Checks that no later file of the export lacks a column the run uses (the coordinates, the weight, and the date
// or the category when a filter reads it). `missing`: file index -> the columns it lacks; `files`: every file, the
// first one first. Throws std::runtime_error naming the file and the column.
void check_export_files_have_columns(const IncidentColumns& columns, const IngestOptions& options,
                                     const std::map<size_t, std::vector<std::string>>& missing,
                                     const std::vector<std::string>& files);

}  // namespace hotspot
