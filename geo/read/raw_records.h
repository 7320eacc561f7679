// The records of an incident source as they are read, before any check: the rows of one or more CSV files of one
// export (a later file's columns matched to the first file's header by name), or the features of an OGR layer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/progress.h"
#include "geo/gdal/crs.h"
#include "geo/read/input_source.h"

namespace hotspot {

// One record as read.
struct RawRecord {
  int64_t row = 0;                   // 1-based data row (CSV) or feature number (OGR)
  int file = 0;                      // index of the file it came from (0 = the first)
  std::vector<std::string> fields;   // in the first file's header order (a malformed row: as read)
  std::string error;                 // non-empty: malformed, with the line and why
  bool has_geometry = false;         // OGR: a point geometry is present (gx, gy)
  bool geometry_not_point = false;   // OGR: a geometry that is not one point
  double gx = 0.0, gy = 0.0;         // OGR: the point, in the layer's CRS
};

// Everything a source gives before the records are checked.
struct RawSource {
  enum class Format { csv_files, ogr_layer } format = Format::csv_files;
  std::vector<std::string> header;   // the first file's header, or the layer's field names
  std::vector<RawRecord> records;    // in input order, file by file
  std::optional<Crs> crs;            // the layer's CRS, or a .prj beside the first CSV file; nullopt: none
  // File index -> the columns of the first file's header that file lacks (left empty in its records); only for
  // files whose header differs.
  std::map<size_t, std::vector<std::string>> missing_columns;
  std::vector<std::string> warnings; // headers that differ, bytes read as Latin-1
};

// Reads every row of `files`, the CSV files of one export (delimiter 0 = detected; each a file, a .gz, a zip member
// or "-" for standard input, geo/read/input_source.h). Throws std::runtime_error naming a file that does not exist
// or cannot be read as CSV.
RawSource read_csv_records(const std::vector<std::string>& files, char delimiter, Progress* progress);

// Reads every feature of the layer called `layer` (empty = the first) of an OGR source. Throws std::runtime_error
// naming the input when it cannot be opened, has no such layer or fails part-way.
RawSource read_layer_records(const InputSource& input, const std::string& layer);

}  // namespace hotspot
