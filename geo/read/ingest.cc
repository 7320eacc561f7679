#include "geo/read/ingest.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "engine/core/closest_names.h"
#include "engine/core/columns.h"
#include "engine/core/signed_counts.h"
#include "engine/core/text.h"
#include "engine/core/timestamp.h"
#include "geo/gdal/gdal_handles.h"
#include "geo/read/incident_columns.h"
#include "geo/read/ingest_crs.h"
#include "geo/read/raw_records.h"
#include "geo/read/wkt_point.h"
#include "geo/read/zones.h"
#include "geo/write/atomic_output.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

// A record whose coordinates were read (or that waits for the resolver), before the CRS checks and the filters.
struct Candidate {
  int64_t row;
  int file = 0;
  int64_t offset = -1;      // CSV: where the row starts in its file
  std::vector<std::string> fields;  // as RawRecord::fields, less the columns only candidate_from() reads
  double sx = 0, sy = 0;    // source CRS
  bool needs_resolve = false;
  std::string missing_column;
};

// The candidates' coordinates in WGS 84 lon/lat and in the analysis CRS, by candidate index; ok_*: transformed.
struct CandidatePositions {
  std::vector<double> lon, lat, x, y;
  std::vector<bool> ok_lonlat, ok_analysis;
};

// The date filter's bounds in epoch ms, inclusive; nullopt = open.
struct DateRange {
  std::optional<int64_t> from_ms, to_ms;
};

// What the per-record checks use besides the candidates.
struct CheckContext {
  std::optional<Extent> source_area, analysis_area;  // the CRSs' areas of use, lon/lat
  std::optional<CrsTransform> analysis_to_lonlat;    // for the resolver's points; only with a resolver
  std::vector<std::string> categories;               // the selected ones, trimmed and lower case; empty = all
  std::vector<bool> category_matched;                // per selected category: some record has it
  std::set<std::string> category_values;             // every category value read (only with a selection)
  bool learning = false;                             // the resolver learns from the records with coordinates
  int64_t checked = 0, resolutions = 0;              // check() and resolve() calls so far
  int64_t looks_swapped = 0;                         // rejected points that would be in the area with x and y swapped
};

// What a raw record's fields hold: every column in header order, or some columns (IngestRun::slot_of), the
// others, and a rejected record's whole fields, read again from the file at the end.
enum class FieldLayout { all_columns, some_columns };

// A rejected record whose fields are read again: its index in the rejects, and where it is.
struct Reread {
  size_t reject = 0;
  CsvExport::Place place;
};

// The state the steps of one ingest() call share.
struct IngestRun {
  IngestRun(const IngestOptions& o, Progress* p, CoordinateResolver* r) : opt(o), progress(p), resolver(r) {}
  const IngestOptions& opt;
  Progress* progress;
  CoordinateResolver* resolver;
  IngestResult res;
  RawSource raw;               // the records as read; emptied once they are candidates
  IncidentColumns columns;
  DateRange dates;
  bool source_geographic = false;
  std::vector<CountFate> count_fates;  // per raw record, when there is a count column
  std::vector<Candidate> cands;
  CandidatePositions pos;
  CheckContext checks;
  std::unique_ptr<CsvExport> csv;  // a CSV export, opened
  FieldLayout layout = FieldLayout::all_columns;
  std::vector<int> slot_of;        // some_columns: header column -> its place in the fields (-1: not read)
  std::vector<int> read_columns;   // some_columns: the header columns read, in field order
  size_t candidate_fields = 0;     // some_columns: the fields a candidate keeps (the first ones)
  std::vector<int> kept_columns;   // header columns accepted records keep (IngestOptions::kept_columns)
  std::vector<Reread> reread;
};

// The value of header column `column` in a record's fields.
const std::string& field(const IngestRun& run, const std::vector<std::string>& fields, int column) {
  const int at = run.layout == FieldLayout::all_columns ? column : run.slot_of[static_cast<size_t>(column)];
  return fields[static_cast<size_t>(at)];
}

// Counts a record as rejected and keeps it with its reason, the column at fault, a detail and its fields (read
// again from the file at the end when only some were kept).
template <class From>
void reject(IngestRun& run, const From& from, const char* code, std::string column, std::string detail,
            std::vector<std::string> fields) {
  IngestResult& res = run.res;
  res.accounting.reject(code);
  const bool reread = run.layout == FieldLayout::some_columns;
  res.rejects.push_back({from.row, code, std::move(column), std::move(detail), reread ? std::vector<std::string>() : std::move(fields),
                         from.file});
  if (reread) run.reread.push_back({res.rejects.size() - 1, {from.file, from.offset}});
}

// Every CSV row as read, with every column, into run.raw (when the fields cannot be read again from the files).
void read_all_csv_rows(IngestRun& run) {
  std::vector<int> all(run.res.header.size());
  for (size_t k = 0; k < all.size(); ++k) all[k] = static_cast<int>(k);
  RawSource& raw = run.raw;
  run.csv->read_rows(all, CsvRowSelection::Malformed::as_read, run.opt.threads, run.progress, [&raw](std::vector<RawRecord>& rows) {
    raw.records.insert(raw.records.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  });
  run.res.warnings = run.csv->source().warnings;
}

// Opens the input (the CSV files of one export, or an OGR layer). A CSV export whose rows can be read again from
// its files is read later, with only the columns the run needs (read_needed_columns); any other input is read
// now, every record as it is.
void read_source(IngestRun& run) {
  const IngestOptions& opt = run.opt;
  const std::string& path = opt.input_path;
  run.res.source_path = path;
  const InputSource input = resolve_input(path);
  const bool csv = input.kind == InputSource::Kind::csv_text;
  run.res.source_files.push_back(path);
  for (const std::string& more : opt.additional_inputs) run.res.source_files.push_back(more);
  if (!csv && !opt.additional_inputs.empty())
    throw std::runtime_error(path + ": several input files are read only for CSV exports");
  if (!csv) {
    run.raw = read_layer_records(input, opt.layer);
    run.res.header = std::move(run.raw.header);
    run.res.warnings = std::move(run.raw.warnings);
  } else {
    run.csv = std::make_unique<CsvExport>(run.res.source_files, opt.delimiter);
    const RawSource& src = run.csv->source();
    run.raw.format = src.format;
    run.raw.crs = src.crs;
    run.raw.missing_columns = src.missing_columns;
    run.res.header = src.header;
    run.res.warnings = src.warnings;
    const bool some = run.csv->rereadable() && !run.resolver && opt.kept_fields == IngestOptions::KeptFields::listed;
    run.layout = some ? FieldLayout::some_columns : FieldLayout::all_columns;
    if (!some) read_all_csv_rows(run);
  }
  if (run.res.header.empty()) throw std::runtime_error(path + ": no columns (expected a header row)");
}

// The date filter's bounds from the options (an ISO date as the end takes the whole day).
DateRange parse_date_range(const IngestOptions& opt) {
  DateRange d;
  if (!opt.date_from.empty()) {
    d.from_ms = parse_timestamp_ms(opt.date_from);
    if (!d.from_ms) throw std::invalid_argument("date_from '" + opt.date_from + "' is not a date (use YYYY-MM-DD)");
  }
  if (!opt.date_to.empty()) {
    d.to_ms = parse_timestamp_ms(opt.date_to);
    if (!d.to_ms) throw std::invalid_argument("date_to '" + opt.date_to + "' is not a date (use YYYY-MM-DD)");
    if (opt.date_to.size() <= 10 && opt.date_to.find_first_of("T ") == std::string::npos) *d.to_ms += 86400000LL - 1;
  }
  if (d.from_ms && d.to_ms && *d.from_ms > *d.to_ms)
    throw std::invalid_argument("date range is empty: " + opt.date_from + " is after " + opt.date_to);
  return d;
}

// Finds the columns the run reads and the date range, and checks every file of the export has them.
void find_columns(IngestRun& run) {
  using Coordinates = IncidentColumns::Coordinates;
  const IngestOptions& opt = run.opt;
  const bool by_address = opt.placement == IngestOptions::Placement::by_address;
  if (by_address && !run.resolver) throw std::invalid_argument("placing every record by its address needs a geocoder");
  const bool use_columns = run.raw.format == RawSource::Format::csv_files || !opt.x_column.empty();
  const Coordinates coordinates = by_address ? Coordinates::address : use_columns ? Coordinates::columns : Coordinates::geometry;
  std::vector<std::vector<std::string>> sample;
  if (run.layout == FieldLayout::some_columns) sample = run.csv->sample(20);
  for (size_t i = 0; i < run.raw.records.size() && sample.size() < 20; ++i)
    if (run.raw.records[i].error.empty()) sample.push_back(run.raw.records[i].fields);
  run.columns = find_incident_columns(run.res.header, opt, coordinates, opt.input_path, sample);
  IngestResult& res = run.res;
  res.x_column = run.columns.x_name;
  res.y_column = run.columns.y_name;
  res.date_column = run.columns.date_name;
  res.category_column = run.columns.category_name;
  res.weight_column = run.columns.weight_name;
  res.count_column = run.columns.count_name;
  check_export_files_have_columns(run.columns, opt, run.raw.missing_columns, res.source_files);
  run.dates = parse_date_range(opt);
}

// The header columns accepted records keep: each of IngestOptions::kept_columns the header has (by its exact
// name, else ignoring case, spaces, - and _).
void find_kept_columns(IngestRun& run) {
  const std::vector<std::string>& header = run.res.header;
  for (const std::string& name : run.opt.kept_columns) {
    int k = static_cast<int>(std::find(header.begin(), header.end(), name) - header.begin());
    if (k == static_cast<int>(header.size())) k = find_column(header, name);
    if (k >= 0 && std::find(run.kept_columns.begin(), run.kept_columns.end(), k) == run.kept_columns.end())
      run.kept_columns.push_back(k);
  }
}

// some_columns: the columns read from each row. Candidates keep the date, category, weight and kept columns
// (first); the coordinates and the count and id columns come after them, read only to make the candidates.
void choose_read_columns(IngestRun& run) {
  if (run.layout != FieldLayout::some_columns) return;
  const IncidentColumns& c = run.columns;
  run.slot_of.assign(run.res.header.size(), -1);
  const auto add = [&run](int column) {
    if (column < 0 || run.slot_of[static_cast<size_t>(column)] >= 0) return;
    run.slot_of[static_cast<size_t>(column)] = static_cast<int>(run.read_columns.size());
    run.read_columns.push_back(column);
  };
  for (const int k : {c.date, c.category, c.weight}) add(k);
  for (const int k : run.kept_columns) add(k);
  run.candidate_fields = run.read_columns.size();
  for (const int k : {c.x, c.y, c.wkt, c.count, c.id}) add(k);
}

// Chooses the source CRS; its note starts the result's CRS note.
void choose_source(IngestRun& run) {
  std::string note;
  run.res.source_crs = choose_source_crs(run.opt, run.raw.crs, run.raw.format, run.columns, note);
  run.res.crs_note = note;
  run.source_geographic = run.res.source_crs->is_geographic();
}

// Reads a WKT point from its column into `c`; an empty one with a resolver leaves the record to it. False: rejected.
bool read_wkt_coordinates(IngestRun& run, RawRecord& r, Candidate& c) {
  const std::string& col = run.columns.x_name;
  const std::string& val = field(run, r.fields, run.columns.wkt);
  const WktPointRead read = read_wkt_point(val, c.sx, c.sy);
  if (read == WktPointRead::point) return true;
  if (read == WktPointRead::empty && run.resolver) {
    c.needs_resolve = true;
    c.missing_column = col;
    return true;
  }
  if (read == WktPointRead::empty)
    reject(run, r, reason::kMissingCoordinate, col, "empty point", std::move(r.fields));
  else if (read == WktPointRead::not_a_point)
    reject(run, r, reason::kNotAPoint, col, "value '" + val + "' is not a point", std::move(r.fields));
  else
    reject(run, r, reason::kUnparseableCoordinate, col, "value '" + val + "' is not a WKT POINT", std::move(r.fields));
  return false;
}

// Reads x/y from their columns into `c`; a missing value with a resolver leaves the record to it. False: rejected.
bool read_column_coordinates(IngestRun& run, RawRecord& r, Candidate& c) {
  const IncidentColumns& cols = run.columns;
  if (cols.wkt >= 0) return read_wkt_coordinates(run, r, c);
  const char* xr = nullptr;
  const char* yr = nullptr;
  auto xv = parse_coordinate(field(run, r.fields, cols.x), &xr);
  auto yv = parse_coordinate(field(run, r.fields, cols.y), &yr);
  if (xv && yv) {
    c.sx = *xv;
    c.sy = *yv;
    return true;
  }
  const bool x_bad = !xv;
  const char* code = x_bad ? xr : yr;
  const std::string col = x_bad ? cols.x_name : cols.y_name;
  if (code == reason::kMissingCoordinate && run.resolver) {
    c.needs_resolve = true;
    c.missing_column = col;
    return true;
  }
  const std::string& val = field(run, r.fields, x_bad ? cols.x : cols.y);
  reject(run, r, code, col, std::string(code == reason::kMissingCoordinate ? "empty value" : "value '" + val + "' is not a finite number"),
         std::move(r.fields));
  return false;
}

// Reads the point geometry into `c`; no geometry with a resolver leaves the record to it. False: rejected.
bool read_geometry_coordinates(IngestRun& run, RawRecord& r, Candidate& c) {
  if (r.geometry_not_point) {
    reject(run, r, reason::kNotAPoint, "(geometry)", "geometry is not a point", std::move(r.fields));
    return false;
  }
  if (!r.has_geometry) {
    if (!run.resolver) {
      reject(run, r, reason::kMissingCoordinate, "(geometry)", "feature has no geometry", std::move(r.fields));
      return false;
    }
    c.needs_resolve = true;
    c.missing_column = "(geometry)";
  }
  c.sx = r.gx;
  c.sy = r.gy;
  if (!std::isfinite(c.sx) || !std::isfinite(c.sy)) {
    reject(run, r, reason::kNonFiniteCoordinate, "(geometry)", "geometry has a non-finite coordinate", std::move(r.fields));
    return false;
  }
  return true;
}

// One raw record as a candidate: its coordinates read, or left to the resolver. False: rejected instead.
bool read_candidate(IngestRun& run, RawRecord& r, Candidate& c) {
  using Coordinates = IncidentColumns::Coordinates;
  if (!r.error.empty()) {
    reject(run, r, reason::kMalformedRow, "", r.error, std::move(r.fields));
    return false;
  }
  c.row = r.row;
  c.file = r.file;
  if (run.columns.coordinates == Coordinates::address) {
    c.needs_resolve = true;
    c.missing_column = run.resolver->columns_label();
  } else if (run.columns.coordinates == Coordinates::columns ? !read_column_coordinates(run, r, c)
                                                               : !read_geometry_coordinates(run, r, c)) {
    return false;
  }
  if (!c.needs_resolve && run.opt.reject_zero_coordinates && c.sx == 0.0 && c.sy == 0.0) {
    reject(run, r, reason::kZeroCoordinate, run.res.x_column, "coordinates are (0, 0), a placeholder for unknown", std::move(r.fields));
    return false;
  }
  c.offset = r.offset;
  if (run.layout == FieldLayout::all_columns) {
    c.fields = std::move(r.fields);
  } else if (run.candidate_fields > 0) {
    const auto keep = r.fields.begin() + static_cast<std::ptrdiff_t>(run.candidate_fields);
    c.fields.assign(std::make_move_iterator(r.fields.begin()), std::make_move_iterator(keep));
  }
  return true;
}

// Nets signed counts by incident id (a row with count -1 cancels an earlier row of its incident) before any check.
void net_counts(IngestRun& run) {
  if (run.columns.count < 0) return;
  std::vector<CountRow> rows;
  rows.reserve(run.raw.records.size());
  const bool all = run.layout == FieldLayout::all_columns;
  const auto count = static_cast<size_t>(all ? run.columns.count : run.slot_of[static_cast<size_t>(run.columns.count)]);
  const auto id = static_cast<size_t>(all ? run.columns.id : run.slot_of[static_cast<size_t>(run.columns.id)]);
  for (const RawRecord& r : run.raw.records) {
    const bool whole = r.error.empty() && count < r.fields.size() && id < r.fields.size();
    rows.push_back(whole ? CountRow{r.fields[count], r.fields[id], false} : CountRow{"", "", true});
  }
  run.count_fates = net_signed_counts(rows);
}

// Where a record is, for a message about another one ("row 12 of march.csv").
std::string row_label(const IngestRun& run, const RawRecord& r) {
  const bool several = run.res.source_files.size() > 1;
  return "row " + std::to_string(r.row) + (several ? " of " + run.res.source_files[static_cast<size_t>(r.file)] : "");
}

// A record that netting took out: rejected with the reason and the row of the other half of its cancellation.
bool reject_by_count(IngestRun& run, size_t index, RawRecord& r) {
  if (run.count_fates.empty() || run.count_fates[index].kind == CountFate::Kind::keep) return false;
  const CountFate& f = run.count_fates[index];
  const std::string& col = run.columns.count_name;
  const std::string& value = field(run, r.fields, run.columns.count);
  const std::string incident = run.columns.id_name + " '" + trim(field(run, r.fields, run.columns.id)) + "'";
  const std::string partner = f.partner >= 0 ? row_label(run, run.raw.records[static_cast<size_t>(f.partner)]) : "";
  switch (f.kind) {
    case CountFate::Kind::cancelled:
      reject(run, r, reason::kCancelled, col, "cancelled by the correction in " + partner + " (" + incident + ")", std::move(r.fields));
      break;
    case CountFate::Kind::correction:
      reject(run, r, reason::kCorrection, col, "count -1 cancels " + partner + " (" + incident + ")", std::move(r.fields));
      break;
    case CountFate::Kind::unmatched:
      reject(run, r, reason::kUnmatchedCancellation, col, "count -1 but no earlier record of " + incident + " to cancel",
             std::move(r.fields));
      break;
    default:
      reject(run, r, reason::kBadCount, col, "count '" + value + "' is neither 1 nor -1", std::move(r.fields));
  }
  return true;
}

// A record read is counted in and becomes a candidate or a reject; `index`: its place in run.raw (for netting).
void take_record(IngestRun& run, size_t index, RawRecord& r) {
  run.res.accounting.add_input();
  Candidate c;
  if (!reject_by_count(run, index, r) && read_candidate(run, r, c)) run.cands.push_back(std::move(c));
}

// some_columns: reads the rows with the columns the run needs; each becomes a candidate or a reject as it is read,
// unless netting needs every row first (then they are kept in run.raw).
void read_needed_columns(IngestRun& run) {
  const size_t warned = run.csv->source().warnings.size();
  const bool netting = run.columns.count >= 0;
  run.csv->read_rows(run.read_columns, CsvRowSelection::Malformed::none, run.opt.threads, run.progress,
                     [&run, netting](std::vector<RawRecord>& rows) {
                       if (netting)
                         run.raw.records.insert(run.raw.records.end(), std::make_move_iterator(rows.begin()),
                                                std::make_move_iterator(rows.end()));
                       else
                         for (RawRecord& r : rows) take_record(run, 0, r);
                     });
  const std::vector<std::string>& w = run.csv->source().warnings;
  run.res.warnings.insert(run.res.warnings.end(), w.begin() + static_cast<std::ptrdiff_t>(warned), w.end());
}

// First pass: every record read is counted in and becomes a candidate or a reject.
void make_candidates(IngestRun& run) {
  if (run.layout == FieldLayout::some_columns) read_needed_columns(run);
  net_counts(run);
  run.cands.reserve(run.cands.size() + run.raw.records.size());
  for (size_t i = 0; i < run.raw.records.size(); ++i) take_record(run, i, run.raw.records[i]);
  run.raw.records.clear();
  run.raw.records.shrink_to_fit();
}

// The candidates' source coordinates transformed to `to`, into x and y, with ok per point.
void transform_candidates(const IngestRun& run, const Crs& to, std::vector<double>& x, std::vector<double>& y,
                          std::vector<bool>& ok) {
  x.reserve(run.cands.size());
  y.reserve(run.cands.size());
  for (const Candidate& c : run.cands) {
    x.push_back(c.sx);
    y.push_back(c.sy);
  }
  CrsTransform transform(*run.res.source_crs, to);
  transform.transform(x, y, ok);
}

// The candidates in lon/lat (for the area-of-use check and the UTM choice), then the analysis CRS and the
// candidates in it.
void choose_analysis_crs(IngestRun& run) {
  CandidatePositions& p = run.pos;
  transform_candidates(run, Crs::from_user_input("EPSG:4326"), p.lon, p.lat, p.ok_lonlat);
  run.res.analysis_crs = analysis_crs_from_options(run.opt.analysis_crs, *run.res.source_crs, run.res.crs_note);
  if (!run.res.analysis_crs) {
    std::vector<double> lons, lats;
    for (size_t i = 0; i < run.cands.size(); ++i)
      if (!run.cands[i].needs_resolve && p.ok_lonlat[i] && std::fabs(p.lat[i]) <= 90 && std::fabs(p.lon[i]) <= 180) {
        lons.push_back(p.lon[i]);
        lats.push_back(p.lat[i]);
      }
    run.res.analysis_crs = analysis_crs_from_points(lons, lats, run.res.crs_note);
  }
  transform_candidates(run, *run.res.analysis_crs, p.x, p.y, p.ok_analysis);
}

// A date column whose values are mostly unreadable is the wrong column or a format hotspot does not read: an error
// naming examples, rather than every record rejected one by one.
void check_date_column(const IngestRun& run) {
  if (run.columns.date < 0) return;
  int64_t present = 0, unreadable = 0;
  std::vector<std::string> examples;
  for (const Candidate& c : run.cands) {
    const std::string v = trim(field(run, c.fields, run.columns.date));
    if (v.empty()) continue;
    ++present;
    if (parse_timestamp_ms(v)) continue;
    ++unreadable;
    if (examples.size() < 3 && std::find(examples.begin(), examples.end(), v) == examples.end()) examples.push_back(v);
  }
  if (unreadable * 2 <= present) return;
  std::string e;
  for (const std::string& x : examples) e += (e.empty() ? "'" : ", '") + x + "'";
  throw std::runtime_error(run.opt.input_path + ": column " + run.res.date_column + ": " + std::to_string(unreadable) + " of " +
                           std::to_string(present) + " dates are not readable (e.g. " + e +
                           "); hotspot reads ISO dates (2024-03-05, with a time and zone), YYYY-MM, M/D/YYYY [H:MM], M/D/YY "
                           "and epoch seconds or milliseconds; name the date column with --date-col");
}

// Loads the study area and readies the resolver and the category filter for the checks.
void prepare_checks(IngestRun& run) {
  const Crs& acrs = *run.res.analysis_crs;
  CheckContext& k = run.checks;
  k.source_area = run.res.source_crs->area_of_use_lonlat();
  k.analysis_area = acrs.area_of_use_lonlat();
  if (!run.opt.study_area_path.empty()) {
    ZoneLayerOptions zo;
    zo.path = run.opt.study_area_path;
    std::vector<std::string> w;
    run.res.study_area = std::make_shared<ZoneLayer>(ZoneLayer::load(zo, acrs, &w));
    for (std::string& s : w) run.res.warnings.push_back("study area: " + s);
  }
  if (run.resolver) {
    run.resolver->prepare(run.res.header, acrs);
    k.analysis_to_lonlat.emplace(acrs, Crs::from_user_input("EPSG:4326"));
  }
  for (const std::string& c : run.opt.categories) k.categories.push_back(lower(trim(c)));
  k.category_matched.assign(k.categories.size(), false);
  k.learning = run.resolver && run.resolver->learns_from_input();
}

// Places a candidate with the resolver. False: rejected.
bool place_by_resolver(IngestRun& run, Candidate& c, IngestedRecord& rec) {
  std::string why;
  std::optional<Point> p = run.resolver->resolve(c.fields, why);
  rec.resolution = run.checks.resolutions++;
  if (!p) {
    const bool by_address = run.columns.coordinates == IncidentColumns::Coordinates::address;
    reject(run, c, reason::kNotGeocoded, c.missing_column,
           by_address ? why : "no coordinates and the address could not be placed: " + why, std::move(c.fields));
    return false;
  }
  rec.point = *p;
  rec.resolved = true;
  double lo = p->x, la = p->y;
  run.checks.analysis_to_lonlat->transform(lo, la);
  rec.lon = lo;
  rec.lat = la;
  return true;
}

// Places a candidate at its own transformed coordinates, which must be valid and inside both CRSs' areas of use;
// a learning resolver learns from it. False: rejected.
bool place_at_coordinates(IngestRun& run, size_t i, IngestedRecord& rec) {
  Candidate& c = run.cands[i];
  const CandidatePositions& p = run.pos;
  const CheckContext& k = run.checks;
  const Crs& acrs = *run.res.analysis_crs;
  if (!p.ok_lonlat[i] || !p.ok_analysis[i]) {
    reject(run, c, reason::kTransformFailed, run.res.x_column,
           "could not transform (" + std::to_string(c.sx) + ", " + std::to_string(c.sy) + ") to " + acrs.describe(), std::move(c.fields));
    return false;
  }
  if (run.source_geographic && (std::fabs(c.sy) > 90.0 || std::fabs(c.sx) > 180.0)) {
    std::string detail = "longitude " + std::to_string(c.sx) + ", latitude " + std::to_string(c.sy) + " is not a valid lon/lat";
    if (std::fabs(c.sx) <= 90.0 && std::fabs(c.sy) <= 180.0) {
      detail += " (latitude and longitude look swapped)";
      ++run.checks.looks_swapped;
    }
    reject(run, c, reason::kOutsideCrsArea, run.res.y_column, detail, std::move(c.fields));
    return false;
  }
  const double lon = p.lon[i], lat = p.lat[i];
  if (!in_area_of_use(k.source_area, lon, lat) || !in_area_of_use(k.analysis_area, lon, lat)) {
    std::string detail = "point (lon " + std::to_string(lon) + ", lat " + std::to_string(lat) + ") is outside the area of use of " +
                         (!in_area_of_use(k.source_area, lon, lat) ? run.res.source_crs->describe() : acrs.describe());
    if (run.source_geographic && in_area_of_use(k.analysis_area, c.sy, c.sx)) {
      detail += " (latitude and longitude look swapped)";
      ++run.checks.looks_swapped;
    }
    reject(run, c, reason::kOutsideCrsArea, run.res.x_column, detail, std::move(c.fields));
    return false;
  }
  rec.point = Point{p.x[i], p.y[i], 1.0};
  rec.lon = lon;
  rec.lat = lat;
  if (k.learning) run.resolver->learn(c.fields, rec.point);
  return true;
}

// Reads the date and applies the date filter. A date that is there but unreadable is rejected even with no filter
// (the record's time would be unknown to every analysis over time); an empty one only when a filter is on.
bool pass_date_filter(IngestRun& run, Candidate& c, IngestedRecord& rec) {
  if (run.columns.date < 0) return true;
  const DateRange& d = run.dates;
  const std::string& dv = field(run, c.fields, run.columns.date);
  rec.time_ms = parse_timestamp_ms(dv);
  const bool blank = trim(dv).empty();
  if (!rec.time_ms && (!blank || d.from_ms || d.to_ms)) {
    reject(run, c, reason::kUnparseableDate, run.res.date_column,
           blank ? std::string("no date, and a date filter is on") : "date '" + dv + "' is not readable", std::move(c.fields));
    return false;
  }
  if (!rec.time_ms) return true;
  if ((d.from_ms && *rec.time_ms < *d.from_ms) || (d.to_ms && *rec.time_ms > *d.to_ms)) {
    reject(run, c, reason::kFilteredDate, run.res.date_column, "date " + format_date(*rec.time_ms) + " is outside the date range",
           std::move(c.fields));
    return false;
  }
  return true;
}

// Reads the category and applies the category filter. False: rejected.
bool pass_category_filter(IngestRun& run, Candidate& c, IngestedRecord& rec) {
  if (run.columns.category < 0) return true;
  const std::vector<std::string>& wanted = run.checks.categories;
  rec.category = trim(field(run, c.fields, run.columns.category));
  if (wanted.empty()) return true;
  run.checks.category_values.insert(rec.category);
  const auto hit = std::find(wanted.begin(), wanted.end(), lower(rec.category));
  if (hit != wanted.end()) run.checks.category_matched[static_cast<size_t>(hit - wanted.begin())] = true;
  if (hit == wanted.end()) {
    reject(run, c, reason::kFilteredCategory, run.res.category_column, "category '" + rec.category + "' not selected",
           std::move(c.fields));
    return false;
  }
  return true;
}

// Reads the weight, which must be a non-negative number. False: rejected.
bool read_weight(IngestRun& run, Candidate& c, IngestedRecord& rec) {
  if (run.columns.weight < 0) return true;
  const char* code = nullptr;
  const std::string& wv = field(run, c.fields, run.columns.weight);
  auto w = parse_coordinate(wv, &code);
  if (!w || *w < 0.0) {
    reject(run, c, reason::kBadWeight, run.res.weight_column, "weight '" + wv + "' is not a non-negative number", std::move(c.fields));
    return false;
  }
  rec.point.weight = *w;
  return true;
}

// Applies the study-area filter. False: rejected.
bool pass_study_area(IngestRun& run, Candidate& c, const IngestedRecord& rec) {
  const std::shared_ptr<const ZoneLayer>& study = run.res.study_area;
  if (!study || study->contains_any(rec.point.x, rec.point.y)) return true;
  reject(run, c, reason::kOutsideStudyArea, run.res.x_column, "point is outside the study area " + run.opt.study_area_path,
         std::move(c.fields));
  return false;
}

// Counts an accepted record into the result: extent, date range, categories.
void accept(IngestResult& res, IngestedRecord&& rec, bool has_category) {
  res.accounting.accept();
  if (!rec.time_ms && !res.date_column.empty()) ++res.undated;
  res.extent.include(rec.point.x, rec.point.y);
  if (rec.time_ms) {
    if (!res.min_time_ms || *rec.time_ms < *res.min_time_ms) res.min_time_ms = rec.time_ms;
    if (!res.max_time_ms || *rec.time_ms > *res.max_time_ms) res.max_time_ms = rec.time_ms;
  }
  if (has_category) res.category_counts[rec.category.empty() ? "(blank)" : rec.category] += 1;
  res.records.push_back(std::move(rec));
}

// The fields an accepted record keeps: every one, or the kept columns (the others empty; none: no fields).
std::vector<std::string> kept_fields(const IngestRun& run, Candidate& c) {
  if (run.opt.kept_fields == IngestOptions::KeptFields::all) return std::move(c.fields);
  std::vector<std::string> out;
  if (run.kept_columns.empty()) return out;
  out.resize(run.res.header.size());
  for (const int k : run.kept_columns) out[static_cast<size_t>(k)] = field(run, c.fields, k);
  return out;
}

// Places candidate i and runs the filters; it ends in the records or in the rejects.
void check(IngestRun& run, size_t i) {
  Candidate& c = run.cands[i];
  if (run.progress && ++run.checks.checked % 65536 == 0)
    run.progress->update("checking records", run.checks.checked, static_cast<int64_t>(run.cands.size()));
  IngestedRecord rec;
  rec.source_row = c.row;
  rec.source_file = c.file;
  if (c.needs_resolve ? !place_by_resolver(run, c, rec) : !place_at_coordinates(run, i, rec)) return;
  if (!pass_date_filter(run, c, rec) || !pass_category_filter(run, c, rec) || !read_weight(run, c, rec) ||
      !pass_study_area(run, c, rec))
    return;
  rec.fields = kept_fields(run, c);
  std::vector<std::string>().swap(c.fields);
  accept(run.res, std::move(rec), run.columns.category >= 0);
}

bool by_file_and_row(int file_a, int64_t row_a, int file_b, int64_t row_b) {
  return file_a != file_b ? file_a < file_b : row_a < row_b;
}

// Checks every candidate, in input order; a resolver that learns from the input sees every record with
// coordinates before it places the others, and the records are then put back in input order.
void check_candidates(IngestRun& run) {
  const bool learning = run.checks.learning;
  run.res.records.reserve(run.cands.size());
  for (size_t i = 0; i < run.cands.size(); ++i)
    if (!learning || !run.cands[i].needs_resolve) check(run, i);
  if (!learning) return;
  run.resolver->ready();
  for (size_t i = 0; i < run.cands.size(); ++i)
    if (run.cands[i].needs_resolve) check(run, i);
  std::stable_sort(run.res.records.begin(), run.res.records.end(), [](const IngestedRecord& a, const IngestedRecord& b) {
    return by_file_and_row(a.source_file, a.source_row, b.source_file, b.source_row);
  });
}

// A selected category that no record has is a warning naming the closest values the data has.
void warn_unmatched_categories(IngestRun& run) {
  const CheckContext& k = run.checks;
  const std::vector<std::string> values(k.category_values.begin(), k.category_values.end());
  for (size_t i = 0; i < k.categories.size(); ++i) {
    if (k.category_matched[i]) continue;
    const std::string& given = run.opt.categories[i];
    const std::string hint = did_you_mean(closest_names(trim(given), values));
    const bool dated = !run.opt.date_from.empty() || !run.opt.date_to.empty();
    run.res.unmatched.push_back("category '" + trim(given) + "' matches no record in " + run.res.category_column +
                                (dated ? " within the dates selected" : "") + (hint.empty() ? "" : "; " + hint));
    run.res.warnings.push_back(run.res.unmatched.back());
  }
}

// When at least as many points look swapped as are accepted, one warning says so (each reject says it too).
void warn_swapped_coordinates(IngestRun& run) {
  const int64_t swapped = run.checks.looks_swapped;
  if (swapped == 0 || swapped < run.res.accounting.accepted()) return;
  run.res.warnings.push_back(std::to_string(swapped) + " of " + std::to_string(run.res.accounting.records_in()) +
                             " records look swapped: their " + run.res.x_column + " holds latitudes and " +
                             run.res.y_column + " longitudes (exchange --x-col and --y-col)");
}

// some_columns: the rejected records' fields, read again from the files.
void reread_reject_fields(IngestRun& run) {
  if (run.reread.empty()) return;
  std::vector<CsvExport::Place> places;
  places.reserve(run.reread.size());
  for (const Reread& r : run.reread) places.push_back(r.place);
  std::vector<std::vector<std::string>> fields = run.csv->fields_at(places);
  for (size_t i = 0; i < fields.size(); ++i) run.res.rejects[run.reread[i].reject].fields = std::move(fields[i]);
}

// Puts the rejects in input order and checks that every record is accounted for.
void finish(IngestResult& res) {
  std::sort(res.rejects.begin(), res.rejects.end(), [](const RejectedRecord& a, const RejectedRecord& b) {
    return by_file_and_row(a.source_file, a.source_row, b.source_file, b.source_row);
  });
  if (!res.accounting.balanced())
    throw std::logic_error("record accounting does not balance: " + res.accounting.summary());
}

}  // namespace

std::optional<double> parse_coordinate(const std::string& text, const char** reason_code) {
  const std::string t = trim(text);
  if (t.empty()) {
    *reason_code = reason::kMissingCoordinate;
    return std::nullopt;
  }
  const std::string l = lower(t);
  if (l == "nan" || l == "inf" || l == "-inf" || l == "+inf" || l == "infinity" || l == "-infinity") {
    *reason_code = reason::kNonFiniteCoordinate;
    return std::nullopt;
  }
  if (l == "null" || l == "na" || l == "n/a" || l == "\\n" || l == "none") {
    *reason_code = reason::kMissingCoordinate;
    return std::nullopt;
  }
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || t.find_first_of("xXpP") != std::string::npos) {
    *reason_code = reason::kUnparseableCoordinate;
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    *reason_code = reason::kNonFiniteCoordinate;
    return std::nullopt;
  }
  return v;
}

std::vector<Point> IngestResult::points() const {
  std::vector<Point> pts;
  pts.reserve(records.size());
  for (const IngestedRecord& r : records) pts.push_back(r.point);
  return pts;
}

IngestResult ingest(const IngestOptions& opt, Progress* progress, CoordinateResolver* resolver) {
  ensure_gdal();
  IngestRun run(opt, progress, resolver);
  read_source(run);
  find_columns(run);
  find_kept_columns(run);
  choose_read_columns(run);
  choose_source(run);
  make_candidates(run);
  check_date_column(run);
  choose_analysis_crs(run);
  prepare_checks(run);
  check_candidates(run);
  warn_unmatched_categories(run);
  warn_swapped_coordinates(run);
  reread_reject_fields(run);
  finish(run.res);
  return std::move(run.res);
}

std::vector<std::string> rejects_header(const std::vector<std::string>& input_header) {
  std::vector<std::string> out = {"source_file", "source_row", "reason", "column", "detail"};
  std::set<std::string> taken;
  for (const std::string& h : out) taken.insert(h);
  for (const std::string& h : input_header) {
    // An input column named like one of ours (CMPD exports have none, others have "reason") keeps its data under
    // input_NAME, then input_NAME_2, ...: no two columns of the file share a name.
    std::string name = h;
    for (int k = 1; taken.count(lower(name)); ++k) name = "input_" + h + (k > 1 ? "_" + std::to_string(k) : "");
    taken.insert(lower(name));
    out.push_back(name);
  }
  return out;
}

void write_rejects_csv(const IngestResult& result, const std::string& path, bool overwrite) {
  AtomicOutput out(path, overwrite);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot write");
    const std::vector<std::string> header = rejects_header(result.header);
    for (size_t i = 0; i < header.size(); ++i) f << (i ? "," : "") << csv_field(header[i]);
    f << "\n";
    for (const RejectedRecord& r : result.rejects) {
      const std::string& file = static_cast<size_t>(r.source_file) < result.source_files.size()
                                    ? result.source_files[static_cast<size_t>(r.source_file)]
                                    : result.source_path;
      f << csv_field(file) << "," << r.source_row << "," << r.reason << "," << csv_field(r.column) << "," << csv_field(r.detail);
      for (size_t i = 0; i < result.header.size(); ++i) f << "," << csv_field(i < r.fields.size() ? r.fields[i] : "");
      f << "\n";
    }
    f.flush();
    if (!f) throw std::runtime_error(path + ": write failed (disk full?)");
  }
  out.commit();
}

}  // namespace hotspot
