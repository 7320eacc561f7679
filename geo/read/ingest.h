// Reading incident records (CSV or any OGR vector source) into points in a projected analysis CRS, with full record
// accounting: every input record is accepted or rejected with a reason code, never dropped silently.
//
// Stages per record: parse coordinates -> (optional) resolve missing coordinates (geocoder) -> transform to the
// analysis CRS -> area-of-use check -> date filter -> category filter -> study-area filter.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/extent.h"
#include "engine/core/point.h"
#include "engine/core/progress.h"
#include "engine/core/record_accounting.h"
#include "geo/gdal/crs.h"
#include "geo/read/zones.h"

namespace hotspot {

struct IngestOptions {
  std::string input_path;
  // Further CSV files of the same export (e.g. one file per year), read after input_path. Their columns are matched
  // to the first file's header by name; a file missing a column the run needs is an error naming both.
  std::vector<std::string> additional_inputs;
  std::string layer;             // OGR layer name; empty = first layer
  std::string x_column;          // empty: detected (LONGITUDE_PUBLIC, lon, X_COORD_PUBLIC, x, ...)
  std::string y_column;
  std::string source_crs;        // empty: the layer's CRS, a .prj beside the file, or EPSG:4326 for lon/lat columns
  std::string analysis_crs;      // empty: the source CRS if projected, else the WGS 84 UTM zone of the data
  std::string weight_column;     // empty: every record weighs 1
  // Signed counts: exports where a row with count -1 corrects (cancels) an earlier row of the same incident.
  // count_column: each row's count, 1 (a record) or -1 (a cancellation); empty = no netting.
  // id_column: the incident id the rows are netted by. REQUIRES: given whenever count_column is.
  std::string count_column;
  std::string id_column;
  std::string date_column;       // empty: detected (DATE_REPORTED, date, ...) for reporting; filters need it
  std::string date_from;         // ISO date or epoch ms, inclusive; empty = open
  std::string date_to;           // ISO date (whole day included) or epoch ms, inclusive; empty = open
  std::string category_column;   // empty: detected (HIGHEST_NIBRS_DESCRIPTION, category, ...)
  std::vector<std::string> categories;  // keep only these (case-insensitive); empty = all
  // A value given that matches nothing (a category here; a violent category or an area name in later stages):
  // a warning naming the closest values (DEFAULT), or with --strict an error.
  enum class Unmatched { warn, error } unmatched = Unmatched::warn;
  std::string study_area_path;   // polygons; records outside are rejected (outside_study_area)
  char delimiter = 0;            // CSV delimiter; 0 = detect
  bool reject_zero_coordinates = true;
  // Where each record's point comes from. DEFAULT: its own coordinates (those without are placed by the resolver,
  // when one is given). by_address: every record is placed by the resolver from its address and coordinates are
  // not read (`hotspot geocode`). REQUIRES for by_address: a resolver and analysis_crs.
  enum class Placement { own_coordinates, by_address } placement = Placement::own_coordinates;
  // The input columns each accepted record keeps in IngestedRecord::fields, for the stages that read them (Gi*'s
  // value columns): the listed ones (DEFAULT: none), or every column (`hotspot geocode` writes them all). The
  // others are not kept (a rejected record keeps all of its fields either way).
  enum class KeptFields { listed, all } kept_fields = KeptFields::listed;
  std::vector<std::string> kept_columns;
  // Threads parsing CSV text; 0 = every core. The result is the same for any count.
  int threads = 0;
};

// Supplies a point for a record whose coordinates are missing (e.g. a geocoder over its address column).
// Returns a point in the analysis CRS, or nullopt with `why` set.
class CoordinateResolver {
 public:
  virtual ~CoordinateResolver() = default;
  virtual void prepare(const std::vector<std::string>& header, const Crs& analysis_crs) = 0;
  virtual std::optional<Point> resolve(const std::vector<std::string>& fields, std::string& why) = 0;

  // A resolver that learns from the input itself (a block gazetteer from the records that have coordinates) says
  // so here. ingest() then calls learn() for every record whose own coordinates were read and transformed (before
  // the date, category and study-area filters), in input order, then ready() once, and only then resolve() for the
  // records without coordinates. The records come out in input order either way.
  virtual bool learns_from_input() const { return false; }
  // The input columns it reads, for the rejects file ("LOCATION", "NUMBER+STREET").
  virtual std::string columns_label() const { return ""; }
  virtual void learn(const std::vector<std::string>& fields, const Point& point_in_analysis_crs) {}
  virtual void ready() {}
};

struct IngestedRecord {
  int64_t source_row = 0;             // 1-based data row (CSV) or feature number (OGR)
  Point point;                        // analysis CRS
  double lon = 0.0, lat = 0.0;        // WGS 84
  std::optional<int64_t> time_ms;     // from the date column, when there is one
  std::string category;               // from the category column, when there is one
  bool resolved = false;              // placed by the CoordinateResolver
  int64_t resolution = -1;            // which resolve() call placed it (0, 1, ... in call order); -1 = not resolved
  // Raw values in header order, as IngestOptions::kept_fields says: every column, or only the kept columns (the
  // others empty), or none (an empty vector) when no column is kept.
  std::vector<std::string> fields;
  int source_file = 0;                // 0 = input_path, 1.. = additional_inputs
};

struct RejectedRecord {
  int64_t source_row = 0;
  std::string reason;                 // a code from engine/core/record_accounting.h
  std::string column;                 // the column at fault, when one is
  std::string detail;                 // human-readable explanation
  std::vector<std::string> fields;    // raw values in header order
  int source_file = 0;                // 0 = input_path, 1.. = additional_inputs
};

struct IngestResult {
  std::string source_path;
  std::vector<std::string> source_files;  // input_path, then additional_inputs
  std::vector<std::string> header;
  std::vector<IngestedRecord> records;
  std::vector<RejectedRecord> rejects;
  RecordAccounting accounting;
  std::optional<Crs> source_crs;
  std::optional<Crs> analysis_crs;
  std::string crs_note;               // how the CRSs were chosen, for the output
  std::string x_column, y_column, date_column, category_column, weight_column, count_column;
  Extent extent;                      // of accepted points, analysis CRS
  std::optional<int64_t> min_time_ms, max_time_ms;
  int64_t undated = 0;                // accepted records whose date is empty (only when there is a date column)
  std::map<std::string, int64_t> category_counts;
  std::vector<std::string> warnings;
  std::vector<std::string> unmatched;  // the warnings about given values that match no record (also in `warnings`)
  // The study area, loaded once here in the analysis CRS (its warnings are in `warnings`); later stages use it.
  std::shared_ptr<const ZoneLayer> study_area;

  std::vector<Point> points() const;
};

// Throws std::runtime_error for environment or whole-file failures (file missing, no header, no coordinate
// columns, no CRS), naming the file and column. Bad records never throw: they become rejects.
IngestResult ingest(const IngestOptions& options, Progress* progress = nullptr, CoordinateResolver* resolver = nullptr);

// The rejects file's columns: source_file, source_row, reason, column, detail, then the input's own columns, each
// renamed input_NAME (input_NAME_2, ...) when its name, ignoring case, is already taken.
std::vector<std::string> rejects_header(const std::vector<std::string>& input_header);

// Writes the rejects as CSV: the columns of rejects_header, then one row per rejected record. Atomic.
void write_rejects_csv(const IngestResult& result, const std::string& path, bool overwrite);

// Parses a coordinate value; returns a reason code on failure (missing / unparseable / non-finite).
std::optional<double> parse_coordinate(const std::string& text, const char** reason_code);

}  // namespace hotspot
