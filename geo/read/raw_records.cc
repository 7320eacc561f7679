#include "geo/read/raw_records.h"

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

// One CSV record as a raw record: fields in the first file's column order (a malformed row's as read), and where
// a malformed row is.
RawRecord csv_raw_record(CsvRecord& rec, size_t file_index, const std::vector<int>& remap, const RawSource& src,
                         const std::string& file) {
  RawRecord r;
  r.row = rec.row;
  r.file = static_cast<int>(file_index);
  if (file_index == 0 || !rec.error.empty()) {
    r.fields = std::move(rec.fields);
  } else {
    r.fields.assign(src.header.size(), "");
    for (size_t k = 0; k < rec.fields.size() && k < remap.size(); ++k)
      if (remap[k] >= 0) r.fields[static_cast<size_t>(remap[k])] = std::move(rec.fields[k]);
  }
  if (!rec.error.empty())
    r.error = (file_index == 0 ? "" : file + " ") + "line " + std::to_string(rec.line) + ": " + rec.error;
  return r;
}

// Appends every record of one file to `src`; true if some bytes were not UTF-8.
bool read_csv_file(CsvReader& reader, size_t file_index, const std::vector<int>& remap, RawSource& src,
                   Progress* progress) {
  bool repaired = false;
  while (auto rec = reader.next()) {
    src.records.push_back(csv_raw_record(*rec, file_index, remap, src, reader.path()));
    repaired = repaired || rec->latin1_repaired;
    if (progress && src.records.size() % 65536 == 0)
      progress->update("reading " + reader.path(), static_cast<int64_t>(src.records.size()), 0);
  }
  return repaired;
}

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

RawSource read_csv_records(const std::vector<std::string>& files, char delimiter, Progress* progress) {
  RawSource src;
  src.format = RawSource::Format::csv_files;
  CsvOptions co;
  co.delimiter = delimiter;
  bool repaired = false;
  for (size_t fi = 0; fi < files.size(); ++fi) {
    CsvReader reader(resolve_input(files[fi]), co);
    std::vector<int> remap;  // unused for the first file, whose fields are kept as read
    if (fi == 0) src.header = reader.header();
    else remap = match_later_header(reader.header(), fi, files, src);
    repaired = read_csv_file(reader, fi, remap, src, progress) || repaired;
  }
  if (repaired) src.warnings.push_back(files[0] + ": some bytes were not UTF-8 and were read as Latin-1");
  if (auto prj = projection_beside(files[0])) src.crs = Crs::from_wkt(*prj);
  return src;
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
