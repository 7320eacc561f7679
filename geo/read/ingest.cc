#include "geo/read/ingest.h"

#include "engine/core/columns.h"
#include "engine/core/text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "engine/core/timestamp.h"
#include "geo/write/atomic_output.h"
#include "geo/gdal/gdal_handles.h"
#include "geo/read/incident_columns.h"
#include "geo/read/ingest_crs.h"
#include "geo/read/raw_records.h"
#include "geo/read/zones.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

struct Candidate {
  int64_t row;
  int file = 0;
  std::vector<std::string> fields;
  double sx = 0, sy = 0;    // source CRS
  bool needs_resolve = false;
  std::string missing_column;
};

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
  IngestResult res;
  res.source_path = opt.input_path;
  const std::string& path = opt.input_path;
  if (!fs::exists(path)) throw std::runtime_error(path + ": no such file");

  // ---- Open the source and read every record.
  const bool csv = is_csv_path(path);
  res.source_files.push_back(path);
  for (const std::string& more : opt.additional_inputs) res.source_files.push_back(more);
  if (!csv && !opt.additional_inputs.empty())
    throw std::runtime_error(path + ": several input files are read only for CSV exports");
  RawSource source = csv ? read_csv_records(res.source_files, opt.delimiter, progress) : read_layer_records(path, opt.layer);
  res.header = std::move(source.header);
  res.warnings = std::move(source.warnings);
  std::vector<RawRecord>& raw = source.records;
  const std::optional<Crs>& layer_crs = source.crs;
  const std::map<size_t, std::vector<std::string>>& pending_missing = source.missing_columns;
  if (res.header.empty()) throw std::runtime_error(path + ": no columns (expected a header row)");

  // ---- Columns.
  const bool by_address = opt.placement == IngestOptions::Placement::by_address;
  if (by_address && !resolver) throw std::invalid_argument("placing every record by its address needs a geocoder");
  const bool use_columns = !by_address && (csv || !opt.x_column.empty());
  using Coordinates = IncidentColumns::Coordinates;
  const IncidentColumns columns = find_incident_columns(
      res.header, opt, by_address ? Coordinates::address : use_columns ? Coordinates::columns : Coordinates::geometry, path);
  const int xi = columns.x, yi = columns.y, di = columns.date, ci = columns.category, wi = columns.weight;
  res.x_column = columns.x_name;
  res.y_column = columns.y_name;
  res.date_column = columns.date_name;
  res.category_column = columns.category_name;
  res.weight_column = columns.weight_name;
  check_export_files_have_columns(columns, opt, pending_missing, res.source_files);
  std::optional<int64_t> from_ms, to_ms;
  if (!opt.date_from.empty()) {
    from_ms = parse_timestamp_ms(opt.date_from);
    if (!from_ms) throw std::invalid_argument("date_from '" + opt.date_from + "' is not a date (use YYYY-MM-DD)");
  }
  if (!opt.date_to.empty()) {
    to_ms = parse_timestamp_ms(opt.date_to);
    if (!to_ms) throw std::invalid_argument("date_to '" + opt.date_to + "' is not a date (use YYYY-MM-DD)");
    if (opt.date_to.size() <= 10 && opt.date_to.find_first_of("T ") == std::string::npos) *to_ms += 86400000LL - 1;
  }
  if (from_ms && to_ms && *from_ms > *to_ms)
    throw std::invalid_argument("date range is empty: " + opt.date_from + " is after " + opt.date_to);

  // ---- Source CRS.
  std::string note;
  res.source_crs = choose_source_crs(opt, layer_crs, source.format, columns, note);
  const bool source_geographic = res.source_crs->is_geographic();

  // ---- First pass: coordinates.
  std::vector<Candidate> cands;
  cands.reserve(raw.size());
  auto reject = [&](const auto& from, const char* code, std::string column, std::string detail, std::vector<std::string> fields) {
    res.accounting.reject(code);
    res.rejects.push_back({from.row, code, std::move(column), std::move(detail), std::move(fields), from.file});
  };
  for (RawRecord& r : raw) {
    res.accounting.add_input();
    if (!r.error.empty()) {
      reject(r, reason::kMalformedRow, "", r.error, std::move(r.fields));
      continue;
    }
    Candidate c;
    c.row = r.row;
    c.file = r.file;
    if (by_address) {
      c.needs_resolve = true;
      c.missing_column = resolver->columns_label();
    } else if (use_columns) {
      const char* xr = nullptr;
      const char* yr = nullptr;
      auto xv = parse_coordinate(r.fields[static_cast<size_t>(xi)], &xr);
      auto yv = parse_coordinate(r.fields[static_cast<size_t>(yi)], &yr);
      if (!xv || !yv) {
        const bool x_bad = !xv;
        const char* code = x_bad ? xr : yr;
        const std::string col = x_bad ? res.x_column : res.y_column;
        if (code == reason::kMissingCoordinate && resolver) {
          c.needs_resolve = true;
          c.missing_column = col;
        } else {
          const std::string& val = r.fields[static_cast<size_t>(x_bad ? xi : yi)];
          reject(r, code, col, std::string(code == reason::kMissingCoordinate ? "empty value" : "value '" + val + "' is not a finite number"),
                 std::move(r.fields));
          continue;
        }
      } else {
        c.sx = *xv;
        c.sy = *yv;
      }
    } else {
      if (r.geometry_not_point) {
        reject(r, reason::kNotAPoint, "(geometry)", "geometry is not a point", std::move(r.fields));
        continue;
      }
      if (!r.has_geometry) {
        if (resolver) {
          c.needs_resolve = true;
          c.missing_column = "(geometry)";
        } else {
          reject(r, reason::kMissingCoordinate, "(geometry)", "feature has no geometry", std::move(r.fields));
          continue;
        }
      }
      c.sx = r.gx;
      c.sy = r.gy;
      if (!std::isfinite(c.sx) || !std::isfinite(c.sy)) {
        reject(r, reason::kNonFiniteCoordinate, "(geometry)", "geometry has a non-finite coordinate", std::move(r.fields));
        continue;
      }
    }
    if (!c.needs_resolve && opt.reject_zero_coordinates && c.sx == 0.0 && c.sy == 0.0) {
      reject(r, reason::kZeroCoordinate, res.x_column, "coordinates are (0, 0), a placeholder for unknown", std::move(r.fields));
      continue;
    }
    c.fields = std::move(r.fields);
    cands.push_back(std::move(c));
  }
  raw.clear();
  raw.shrink_to_fit();

  // ---- Lon/lat of candidates (for the area-of-use check and the UTM choice).
  const Crs wgs84 = Crs::from_user_input("EPSG:4326");
  std::vector<double> lon, lat;
  std::vector<bool> ok_ll;
  lon.reserve(cands.size());
  lat.reserve(cands.size());
  for (const Candidate& c : cands) {
    lon.push_back(c.sx);
    lat.push_back(c.sy);
  }
  CrsTransform to_ll(*res.source_crs, wgs84);
  to_ll.transform(lon, lat, ok_ll);

  // ---- Analysis CRS.
  res.analysis_crs = analysis_crs_from_options(opt.analysis_crs, *res.source_crs, note);
  if (!res.analysis_crs) {
    std::vector<double> lons, lats;
    for (size_t i = 0; i < cands.size(); ++i)
      if (!cands[i].needs_resolve && ok_ll[i] && std::fabs(lat[i]) <= 90 && std::fabs(lon[i]) <= 180) {
        lons.push_back(lon[i]);
        lats.push_back(lat[i]);
      }
    res.analysis_crs = analysis_crs_from_points(lons, lats, note);
  }
  res.crs_note = note;
  const Crs& acrs = *res.analysis_crs;

  // ---- Transform to the analysis CRS.
  std::vector<double> ax, ay;
  std::vector<bool> ok_a;
  ax.reserve(cands.size());
  ay.reserve(cands.size());
  for (const Candidate& c : cands) {
    ax.push_back(c.sx);
    ay.push_back(c.sy);
  }
  CrsTransform to_analysis(*res.source_crs, acrs);
  to_analysis.transform(ax, ay, ok_a);

  const std::optional<Extent> src_area = res.source_crs->area_of_use_lonlat();
  const std::optional<Extent> dst_area = acrs.area_of_use_lonlat();

  std::shared_ptr<ZoneLayer> study;
  if (!opt.study_area_path.empty()) {
    ZoneLayerOptions zo;
    zo.path = opt.study_area_path;
    std::vector<std::string> w;
    study = std::make_shared<ZoneLayer>(ZoneLayer::load(zo, acrs, &w));
    for (std::string& s : w) res.warnings.push_back("study area: " + s);
    res.study_area = study;
  }
  std::optional<CrsTransform> analysis_to_ll;
  if (resolver) {
    resolver->prepare(res.header, acrs);
    analysis_to_ll.emplace(acrs, wgs84);
  }
  std::vector<std::string> wanted;
  for (const std::string& c : opt.categories) wanted.push_back(lower(trim(c)));

  const bool learning = resolver && resolver->learns_from_input();
  int64_t done = 0, resolutions = 0;
  auto check = [&](size_t i) {
    Candidate& c = cands[i];
    if (progress && ++done % 65536 == 0) progress->update("checking records", done, static_cast<int64_t>(cands.size()));
    IngestedRecord rec;
    rec.source_row = c.row;
    rec.source_file = c.file;
    if (c.needs_resolve) {
      std::string why;
      std::optional<Point> p = resolver->resolve(c.fields, why);
      rec.resolution = resolutions++;
      if (!p) {
        reject(c, reason::kNotGeocoded, c.missing_column,
               by_address ? why : "no coordinates and the address could not be placed: " + why, std::move(c.fields));
        return;
      }
      rec.point = *p;
      rec.resolved = true;
      double lo = p->x, la = p->y;
      analysis_to_ll->transform(lo, la);
      rec.lon = lo;
      rec.lat = la;
    } else {
      if (!ok_ll[i] || !ok_a[i]) {
        reject(c, reason::kTransformFailed, res.x_column,
               "could not transform (" + std::to_string(c.sx) + ", " + std::to_string(c.sy) + ") to " + acrs.describe(), std::move(c.fields));
        return;
      }
      if (source_geographic && (std::fabs(c.sy) > 90.0 || std::fabs(c.sx) > 180.0)) {
        std::string detail = "longitude " + std::to_string(c.sx) + ", latitude " + std::to_string(c.sy) + " is not a valid lon/lat";
        if (std::fabs(c.sx) <= 90.0 && std::fabs(c.sy) <= 180.0) detail += " (latitude and longitude look swapped)";
        reject(c, reason::kOutsideCrsArea, res.y_column, detail, std::move(c.fields));
        return;
      }
      if (!in_area_of_use(src_area, lon[i], lat[i]) || !in_area_of_use(dst_area, lon[i], lat[i])) {
        std::string detail = "point (lon " + std::to_string(lon[i]) + ", lat " + std::to_string(lat[i]) + ") is outside the area of use of " +
                             (!in_area_of_use(src_area, lon[i], lat[i]) ? res.source_crs->describe() : acrs.describe());
        if (source_geographic && in_area_of_use(dst_area, c.sy, c.sx)) detail += " (latitude and longitude look swapped)";
        reject(c, reason::kOutsideCrsArea, res.x_column, detail, std::move(c.fields));
        return;
      }
      rec.point = Point{ax[i], ay[i], 1.0};
      rec.lon = lon[i];
      rec.lat = lat[i];
      if (learning) resolver->learn(c.fields, rec.point);
    }
    if (di >= 0) {
      const std::string& dv = c.fields[static_cast<size_t>(di)];
      rec.time_ms = parse_timestamp_ms(dv);
      if ((from_ms || to_ms) && !rec.time_ms) {
        reject(c, reason::kUnparseableDate, res.date_column, "date '" + dv + "' is not readable", std::move(c.fields));
        return;
      }
      if ((from_ms && *rec.time_ms < *from_ms) || (to_ms && *rec.time_ms > *to_ms)) {
        reject(c, reason::kFilteredDate, res.date_column, "date " + format_date(*rec.time_ms) + " is outside the date range", std::move(c.fields));
        return;
      }
    }
    if (ci >= 0) {
      rec.category = trim(c.fields[static_cast<size_t>(ci)]);
      if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), lower(rec.category)) == wanted.end()) {
        reject(c, reason::kFilteredCategory, res.category_column, "category '" + rec.category + "' not selected", std::move(c.fields));
        return;
      }
    }
    if (wi >= 0) {
      const char* code = nullptr;
      const std::string& wv = c.fields[static_cast<size_t>(wi)];
      auto w = parse_coordinate(wv, &code);
      if (!w || *w < 0.0) {
        reject(c, reason::kBadWeight, res.weight_column, "weight '" + wv + "' is not a non-negative number", std::move(c.fields));
        return;
      }
      rec.point.weight = *w;
    }
    if (study && !study->contains_any(rec.point.x, rec.point.y)) {
      reject(c, reason::kOutsideStudyArea, res.x_column, "point is outside the study area " + opt.study_area_path, std::move(c.fields));
      return;
    }
    rec.fields = std::move(c.fields);
    res.accounting.accept();
    res.extent.include(rec.point.x, rec.point.y);
    if (rec.time_ms) {
      if (!res.min_time_ms || *rec.time_ms < *res.min_time_ms) res.min_time_ms = rec.time_ms;
      if (!res.max_time_ms || *rec.time_ms > *res.max_time_ms) res.max_time_ms = rec.time_ms;
    }
    if (ci >= 0) res.category_counts[rec.category.empty() ? "(blank)" : rec.category] += 1;
    res.records.push_back(std::move(rec));
  };
  // A resolver that learns from the input sees every record with coordinates before it places the others.
  for (size_t i = 0; i < cands.size(); ++i)
    if (!learning || !cands[i].needs_resolve) check(i);
  if (learning) {
    resolver->ready();
    for (size_t i = 0; i < cands.size(); ++i)
      if (cands[i].needs_resolve) check(i);
    std::stable_sort(res.records.begin(), res.records.end(), [](const IngestedRecord& a, const IngestedRecord& b) {
      return a.source_file != b.source_file ? a.source_file < b.source_file : a.source_row < b.source_row;
    });
  }
  std::sort(res.rejects.begin(), res.rejects.end(),
            [](const RejectedRecord& a, const RejectedRecord& b) {
              return a.source_file != b.source_file ? a.source_file < b.source_file : a.source_row < b.source_row;
            });
  if (!res.accounting.balanced())
    throw std::logic_error("record accounting does not balance: " + res.accounting.summary());
  return res;
}

void write_rejects_csv(const IngestResult& result, const std::string& path, bool overwrite) {
  AtomicOutput out(path, overwrite);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot write");
    f << "source_file,source_row,reason,column,detail";
    for (const std::string& h : result.header) f << "," << csv_field(h);
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
