// The records of an incident source as they are read, before any check: the rows of one or more CSV files of one
// export (a later file's columns matched to the first file's header by name), or the features of an OGR layer.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/progress.h"
#include "geo/gdal/crs.h"
#include "geo/read/csv_blocks.h"
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
  int64_t offset = -1;               // CSV: where the row starts in its file's text (CsvExport::fields_at)
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

class CsvReader;

// The CSV files of one export (delimiter 0 = detected; each a file, a .gz, a zip member or "-" for standard input,
// geo/read/input_source.h), opened: every file's header read and a later file's matched to the first's by name.
// Their rows are then read once, in blocks, with only the columns a caller needs, and any row can be read again,
// whole, by where it starts. Throws std::runtime_error naming a file that does not exist or cannot be read as CSV.
class CsvExport {
 public:
  CsvExport(const std::vector<std::string>& files, char delimiter);
  ~CsvExport();

  // The header, the CRS of a .prj beside the first file, the columns later files lack, the warnings; no records.
  RawSource& source() { return src_; }

  // Every file is UTF-8 text in a file (not standard input, not UTF-16), so fields_at() can read rows again.
  bool rereadable() const;

  // The fields of the first `n` well-formed rows, in the first file's header order.
  std::vector<std::vector<std::string>> sample(size_t n) const;

  // Reads every row, file by file, in blocks of text parsed on `threads` threads (the rows are the same for any
  // count); each block's rows go to `sink` in order as raw records whose fields are the header columns `keep`, in
  // that order, and a malformed row's as `malformed` says. Once only. Adds the Latin-1 warning to source().
  using RowSink = std::function<void(std::vector<RawRecord>&)>;
  void read_rows(const std::vector<int>& keep, CsvRowSelection::Malformed malformed, int threads, Progress* progress,
                 const RowSink& sink);

  // Where a row read by read_rows() is: its file index and RawRecord::offset.
  struct Place {
    int file = 0;
    int64_t offset = 0;
  };
  // The fields of the rows at `places` (in any order), as read_csv_records() gives them: in the first file's
  // header order, a malformed row's as read. REQUIRES: rereadable().
  std::vector<std::vector<std::string>> fields_at(const std::vector<Place>& places) const;

 private:
  struct File;
  void read_file(size_t index, const std::vector<int>& keep, CsvRowSelection::Malformed malformed, int threads,
                 Progress* progress, const RowSink& sink);

  std::vector<std::string> paths_;
  char delimiter_ = 0;
  std::vector<std::unique_ptr<File>> files_;
  RawSource src_;
  bool repaired_ = false;
  int64_t rows_read_ = 0;
};

// Reads every row of `files`, the CSV files of one export (delimiter 0 = detected; each a file, a .gz, a zip member
// or "-" for standard input, geo/read/input_source.h). Throws std::runtime_error naming a file that does not exist
// or cannot be read as CSV.
RawSource read_csv_records(const std::vector<std::string>& files, char delimiter, Progress* progress);

// Reads every feature of the layer called `layer` (empty = the first) of an OGR source. Throws std::runtime_error
// naming the input when it cannot be opened, has no such layer or fails part-way.
RawSource read_layer_records(const InputSource& input, const std::string& layer);

}  // namespace hotspot
