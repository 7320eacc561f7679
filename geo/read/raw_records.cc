#include "geo/read/raw_records.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "engine/core/columns.h"
#include "engine/core/text.h"
#include "geo/gdal/gdal_handles.h"
#include "geo/read/csv_reader.h"
#include "geo/read/input_source.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

// The text of the .prj file beside a CSV export (x.csv or x.csv.gz: x.prj; inside a zip: the member's .prj).
std::optional<std::string> projection_beside(const std::string& path) {
  if (path == kStandardInput) return std::nullopt;
  const InputSource input = resolve_input(path);
  std::string base = input.vsi_path;
  if (base.rfind("/vsigzip/", 0) == 0) base = base.substr(9, base.size() - 9 - 3);
  const std::string prj = fs::path(base).replace_extension(".prj").string();
  VSIStatBufL st;
  if (VSIStatL(prj.c_str(), &st) != 0) return std::nullopt;
  VSILFILE* f = VSIFOpenL(prj.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string text(static_cast<size_t>(st.st_size), '\0');
  text.resize(VSIFReadL(text.data(), 1, text.size(), f));
  VSIFCloseL(f);
  return text;
}

std::string comma_list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// Maps the columns of a later file of the export onto the first file's header: returns, per column of the later
// file, the first header's column (-1: not there, dropped). A header that differs is warned about and the columns
// it lacks are noted in `src`.
std::vector<int> match_later_header(const std::vector<std::string>& header, size_t file_index,
                                    const std::vector<std::string>& files, RawSource& src) {
  std::vector<int> remap;
  if (header == src.header) {
    for (size_t k = 0; k < src.header.size(); ++k) remap.push_back(static_cast<int>(k));
    return remap;
  }
  std::vector<std::string> missing, extra, respelt;
  for (const std::string& h : header) {
    const int k = find_column(src.header, h);
    remap.push_back(k);
    if (k < 0) extra.push_back(h);
    else if (src.header[static_cast<size_t>(k)] != h) respelt.push_back(h + " = " + src.header[static_cast<size_t>(k)]);
  }
  for (const std::string& h : src.header)
    if (find_column(header, h) < 0) missing.push_back(h);
  std::string w = files[file_index] + ": header differs from " + files[0] + "; columns matched by name";
  if (!missing.empty()) w += "; missing (left empty): " + comma_list(missing);
  if (!extra.empty()) w += "; extra (ignored): " + comma_list(extra);
  if (!respelt.empty()) w += "; spelt differently (matched ignoring case, spaces, - and _): " + comma_list(respelt);
  src.warnings.push_back(w);
  src.missing_columns[file_index] = missing;
  return remap;
}

// Header column -> the later file's column it is read from (the last one matched to it; -1: none).
std::vector<int> columns_by_header(const std::vector<int>& remap, size_t header_size) {
  std::vector<int> out(header_size, -1);
  for (size_t k = 0; k < remap.size(); ++k)
    if (remap[k] >= 0) out[static_cast<size_t>(remap[k])] = static_cast<int>(k);
  return out;
}

// A well-formed row's fields in the first file's header order.
std::vector<std::string> in_header_order(std::vector<std::string>& fields, const std::vector<int>& column_of) {
  std::vector<std::string> out;
  out.reserve(column_of.size());
  for (const int c : column_of) out.push_back(c >= 0 && static_cast<size_t>(c) < fields.size() ? std::move(fields[static_cast<size_t>(c)]) : "");
  return out;
}

constexpr size_t kBlockBytes = 8 << 20;  // text parsed at a time: the rows of one block are in memory at once

// Whether a feature's geometry is one point (a multipoint of one counts), and its coordinates.
void read_point_geometry(const OGRGeometry* g, RawRecord& r) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPoint) {
    r.has_geometry = true;
    r.gx = g->toPoint()->getX();
    r.gy = g->toPoint()->getY();
  } else if (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
    r.has_geometry = true;
    r.gx = g->toMultiPoint()->getGeometryRef(0)->getX();
    r.gy = g->toMultiPoint()->getGeometryRef(0)->getY();
  } else {
    r.geometry_not_point = true;
  }
}

// One feature as a raw record: its fields as text (unset or null: empty) and its point.
RawRecord feature_raw_record(const OGRFeature& f, int field_count, int64_t row) {
  RawRecord r;
  r.row = row;
  for (int i = 0; i < field_count; ++i) r.fields.push_back(f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "");
  read_point_geometry(f.GetGeometryRef(), r);
  return r;
}

}  // namespace

struct CsvExport::File {
  std::unique_ptr<CsvReader> reader;  // opened past its header; hands its text to read_rows()
  std::vector<int> column_of;         // header column -> this file's column (-1: the file lacks it)
};

CsvExport::CsvExport(const std::vector<std::string>& files, char delimiter) : paths_(files), delimiter_(delimiter) {
  src_.format = RawSource::Format::csv_files;
  CsvOptions co;
  co.delimiter = delimiter;
  for (size_t fi = 0; fi < files.size(); ++fi) {
    auto f = std::make_unique<File>();
    f->reader = std::make_unique<CsvReader>(resolve_input(files[fi]), co);
    std::vector<int> remap;
    if (fi == 0) {
      src_.header = f->reader->header();
      for (size_t k = 0; k < src_.header.size(); ++k) remap.push_back(static_cast<int>(k));
    } else {
      remap = match_later_header(f->reader->header(), fi, files, src_);
    }
    f->column_of = columns_by_header(remap, src_.header.size());
    files_.push_back(std::move(f));
  }
  if (auto prj = projection_beside(files[0])) src_.crs = Crs::from_wkt(*prj);
}

CsvExport::~CsvExport() = default;

bool CsvExport::rereadable() const {
  return std::all_of(files_.begin(), files_.end(), [](const auto& f) { return f->reader->text_is_file_bytes(); });
}

std::vector<std::vector<std::string>> CsvExport::sample(size_t n) const {
  std::vector<std::vector<std::string>> out;
  CsvOptions co;
  co.delimiter = delimiter_;
  for (size_t fi = 0; fi < paths_.size() && out.size() < n; ++fi) {
    CsvReader reader(resolve_input(paths_[fi]), co);
    while (out.size() < n) {
      std::optional<CsvRecord> rec = reader.next();
      if (!rec) break;
      if (rec->error.empty()) out.push_back(in_header_order(rec->fields, files_[fi]->column_of));
    }
  }
  return out;
}

void CsvExport::read_rows(const std::vector<int>& keep, CsvRowSelection::Malformed malformed, int threads,
                          Progress* progress, const RowSink& sink) {
  for (size_t fi = 0; fi < files_.size(); ++fi) read_file(fi, keep, malformed, threads, progress, sink);
  if (repaired_) src_.warnings.push_back(paths_[0] + ": some bytes were not UTF-8 and were read as Latin-1");
}

void CsvExport::read_file(size_t fi, const std::vector<int>& keep, CsvRowSelection::Malformed malformed, int threads,
                          Progress* progress, const RowSink& sink) {
  File& f = *files_[fi];
  CsvReader& reader = *f.reader;
  CsvRowSelection sel;
  sel.header_fields = reader.header().size();
  sel.malformed = malformed;
  for (const int h : keep) sel.columns.push_back(f.column_of[static_cast<size_t>(h)]);
  const CsvBlockFormat format{reader.delimiter(), CsvOptions{}.max_record_bytes};
  int64_t line = reader.line(), base = reader.text_offset(), row = 0;
  const std::string where = fi == 0 ? "" : reader.path() + " ";
  std::string text;
  bool more = true, stuck = false;
  for (;;) {
    while (more && (text.size() < kBlockBytes || stuck)) {
      more = reader.take_text(text);
      stuck = false;
    }
    CsvBlock block = parse_csv_block(text, more ? TextEnd::more_follows : TextEnd::end_of_input, line, format, sel, threads);
    std::vector<RawRecord> records(block.rows.size());
    for (size_t i = 0; i < block.rows.size(); ++i) {
      CsvRow& r = block.rows[i];
      RawRecord& out = records[i];
      out.row = ++row;
      out.file = static_cast<int>(fi);
      out.offset = base + static_cast<int64_t>(r.begin);
      out.fields = std::move(r.fields);
      repaired_ = repaired_ || r.latin1_repaired;
      if (!r.malformed(sel.header_fields)) continue;
      const std::string why = r.error.kind != CsvRecordError::Kind::none ? r.error.message(format.max_record_bytes, 0)
                                                                         : field_count_error(r.field_count, sel.header_fields);
      out.error = where + "line " + std::to_string(r.line) + ": " + why;
    }
    rows_read_ += static_cast<int64_t>(records.size());
    if (progress && !records.empty()) progress->update("reading " + reader.path(), rows_read_, 0);
    sink(records);
    stuck = block.consumed == 0 && more;
    text.erase(0, block.consumed);
    base += static_cast<int64_t>(block.consumed);
    line = block.end_line;
    if (!more) break;
  }
}

std::vector<std::vector<std::string>> CsvExport::fields_at(const std::vector<Place>& places) const {
  std::vector<size_t> order(places.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return places[a].file != places[b].file ? places[a].file < places[b].file : places[a].offset < places[b].offset;
  });
  std::vector<std::vector<std::string>> out(places.size());
  CsvOptions co;
  co.delimiter = delimiter_;
  std::unique_ptr<CsvReader> reader;
  int open_file = -1;
  for (const size_t i : order) {
    const Place& p = places[i];
    if (p.file != open_file) {
      reader = std::make_unique<CsvReader>(resolve_input(paths_[static_cast<size_t>(p.file)]), co);
      open_file = p.file;
    }
    reader->seek_text(p.offset);
    std::optional<CsvRecord> rec = reader->next();
    if (!rec) throw std::runtime_error(paths_[static_cast<size_t>(p.file)] + ": changed while it was read (no row at byte " +
                                       std::to_string(p.offset) + ")");
    out[i] = p.file == 0 || !rec->error.empty() ? std::move(rec->fields)
                                                : in_header_order(rec->fields, files_[static_cast<size_t>(p.file)]->column_of);
  }
  return out;
}

RawSource read_csv_records(const std::vector<std::string>& files, char delimiter, Progress* progress) {
  CsvExport csv(files, delimiter);
  RawSource& src = csv.source();
  std::vector<int> all(src.header.size());
  for (size_t k = 0; k < all.size(); ++k) all[k] = static_cast<int>(k);
  csv.read_rows(all, CsvRowSelection::Malformed::as_read, 1, progress, [&src](std::vector<RawRecord>& rows) {
    src.records.insert(src.records.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  });
  return std::move(src);
}

RawSource read_layer_records(const InputSource& input, const std::string& layer_name) {
  const std::string& path = input.name;
  GdalDatasetPtr ds = open_vector(input.vsi_path, path);
  OGRLayer* layer = layer_name.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer_name.c_str());
  if (!layer) throw std::runtime_error(path + ": no layer" + (layer_name.empty() ? "" : " named '" + layer_name + "'"));
  RawSource src;
  src.format = RawSource::Format::ogr_layer;
  if (const OGRSpatialReference* s = layer->GetSpatialRef()) src.crs = Crs::from_ogr(*s);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  const int field_count = defn->GetFieldCount();
  for (int i = 0; i < field_count; ++i) src.header.push_back(defn->GetFieldDefn(i)->GetNameRef());
  layer->ResetReading();
  int64_t n = 0;
  CPLErrorReset();
  for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature()))
    src.records.push_back(feature_raw_record(*f, field_count, ++n));
  if (CPLGetLastErrorType() == CE_Failure)
    throw std::runtime_error(path + ": read failed after " + std::to_string(n) + " features: " + last_gdal_error());
  return src;
}

}  // namespace hotspot
