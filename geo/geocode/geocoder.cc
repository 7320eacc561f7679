#include "geo/geocode/geocoder.h"

#include "engine/core/columns.h"
#include "engine/core/text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "geo/read/csv_reader.h"
#include "geo/gdal/gdal_handles.h"
#include "geo/gdal/geos_handles.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {


bool is_csv(const std::string& path) {
  const std::string e = lower(fs::path(path).extension().string());
  return e == ".csv" || e == ".tsv" || e == ".txt";
}

// Common field names per role, most specific first.
const std::map<std::string, std::vector<std::string>>& role_candidates() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"id", {"TLID", "OBJECTID", "SIGNAL_ID", "ADDRESS_ID", "GLOBALID", "FID", "ID"}},
      {"number", {"ADD_NUMBER", "ADDRESS_NUMBER", "HOUSE_NUMBER", "HOUSENUMBER", "HOUSE_NUM", "HOUSENUM", "ADDNUM",
                  "ADDR_NUM", "HOUSENO", "ST_NUM", "NUMBER", "NUM"}},
      {"street", {"FULL_STREET", "FULLSTREET", "FULLNAME", "FULL_NAME", "WHOLESTNAME", "STREET_FULL", "ST_FULL",
                  "STREET", "STREET_NAME", "STREETNAME_FULL"}},
      {"address", {"FULL_ADDRESS", "FULLADDR", "FULL_ADDR", "ADDRESS", "ADDR", "SITE_ADDRESS"}},
      {"pre_dir", {"PREFIXDIRECTION", "PREDIR", "PRE_DIR", "FEDIRP", "ST_PREFIX", "PREFIX_DIR", "PRE_DIRECTION"}},
      {"name", {"STREETNAME", "STNAME", "ST_NAME", "FENAME", "STREET_NAM"}},
      {"type", {"STREETTYPE", "SUFTYPE", "ST_TYPE", "FETYPE", "STTYPE", "STREET_TYP", "SUFFIX_TYPE"}},
      {"post_dir", {"SUFFIX", "SUFDIR", "SUF_DIR", "FEDIRS", "POSTDIR", "POST_DIR", "SUFFIX_DIR"}},
      {"left_from", {"LFROMADD", "L_F_ADD", "FROMLEFT", "FROM_LEFT", "L_ADD_FROM", "LEFTFROM", "LF_ADD", "LFROMHN", "L_FROM"}},
      {"left_to", {"LTOADD", "L_T_ADD", "TOLEFT", "TO_LEFT", "L_ADD_TO", "LEFTTO", "LT_ADD", "LTOHN", "L_TO"}},
      {"right_from", {"RFROMADD", "R_F_ADD", "FROMRIGHT", "FROM_RIGHT", "R_ADD_FROM", "RIGHTFROM", "RF_ADD", "RFROMHN", "R_FROM"}},
      {"right_to", {"RTOADD", "R_T_ADD", "TORIGHT", "TO_RIGHT", "R_ADD_TO", "RIGHTTO", "RT_ADD", "RTOHN", "R_TO"}},
      {"intersection", {"UNITDESC", "INTERSECTION", "INTERSECTION_NAME", "INT_NAME", "XSTREETS", "CROSS_STREETS", "LABEL", "NAME"}},
      {"location", {"LOCATION", "BLOCK_ADDRESS", "ADDRESS", "FULL_ADDRESS", "ADDR"}},
  };
  return m;
}

const std::set<std::string> kRoles = {"id", "number", "street", "address", "pre_dir", "name", "type", "post_dir",
                                      "left_from", "left_to", "right_from", "right_to", "intersection", "location"};

// Resolves role -> column index: the given name (error when absent), else the first candidate present, else -1.
int field_for(const std::vector<std::string>& header, const ReferenceSource& s, const std::string& role) {
  if (auto it = s.fields.find(role); it != s.fields.end() && !it->second.empty()) {
    const int i = find_column(header, it->second);
    if (i < 0)
      throw std::runtime_error(s.path + ": field '" + it->second + "' (" + role + ") not found; the layer has: " +
                               column_list(header));
    return i;
  }
  for (const std::string& c : role_candidates().at(role))
    if (const int i = find_column(header, c); i >= 0) return i;
  return -1;
}

std::optional<int64_t> parse_house_number(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  size_t j = i;
  while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
  if (j == i || j - i > 12) return std::nullopt;
  // "123.0" from a real-typed field is accepted; other trailing text is not a number.
  std::string_view rest(text.data() + j, text.size() - j);
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.remove_suffix(1);
  if (!rest.empty() && !(rest[0] == '.' && rest.find_first_not_of('0', 1) == std::string_view::npos)) return std::nullopt;
  return std::stoll(text.substr(i, j - i));
}

struct Header {
  std::vector<std::string> names;
  bool lines = false;  // OGR layer of line geometries
};

// The layer of an OGR reference: the one named, else the first.
OGRLayer* reference_layer(GDALDataset& ds, const ReferenceSource& s) {
  OGRLayer* layer = s.layer.empty() ? ds.GetLayer(0) : ds.GetLayerByName(s.layer.c_str());
  if (!layer) throw std::runtime_error(s.path + ": no layer" + (s.layer.empty() ? "" : " named '" + s.layer + "'"));
  return layer;
}

std::vector<std::string> field_names(OGRLayer& layer) {
  std::vector<std::string> names;
  OGRFeatureDefn* d = layer.GetLayerDefn();
  for (int i = 0; i < d->GetFieldCount(); ++i) names.push_back(d->GetFieldDefn(i)->GetNameRef());
  return names;
}

Header read_header(const ReferenceSource& s) {
  Header h;
  if (is_csv(s.path)) {
    CsvReader r(s.path);
    h.names = r.header();
    return h;
  }
  GdalDatasetPtr ds = open_vector(s.path);
  OGRLayer* layer = reference_layer(*ds, s);
  h.names = field_names(*layer);
  const auto t = wkbFlatten(layer->GetGeomType());
  h.lines = t == wkbLineString || t == wkbMultiLineString;
  return h;
}

// A CSV whose X/Y-like columns all hold lon/lat values, with no .prj and no CRS given: EPSG:4326.
bool csv_coordinates_look_lonlat(const ReferenceSource& s) {
  CsvReader r(s.path);
  int xi = -1, yi = -1;
  if (!s.x_column.empty()) {
    xi = r.column(s.x_column);
    yi = r.column(s.y_column);
  } else {
    for (auto [x, y] : {std::pair{"X", "Y"}, {"x_coord", "y_coord"}, {"easting", "northing"}}) {
      xi = r.column(x);
      yi = r.column(y);
      if (xi >= 0 && yi >= 0) break;
    }
  }
  if (xi < 0 || yi < 0) return false;
  int seen = 0;
  while (auto rec = r.next()) {
    if (!rec->error.empty() || rec->fields.size() <= static_cast<size_t>(std::max(xi, yi))) continue;
    const char* code = nullptr;
    auto x = parse_coordinate(rec->fields[static_cast<size_t>(xi)], &code);
    auto y = parse_coordinate(rec->fields[static_cast<size_t>(yi)], &code);
    if (!x || !y) continue;
    if (std::fabs(*x) > 180.0 || std::fabs(*y) > 90.0) return false;
    if (++seen >= 500) break;
  }
  return seen > 0;
}

StreetName street_of(const std::vector<std::string>& f, int street, int pre, int name, int type, int post) {
  auto get = [&](int i) -> std::string_view { return i >= 0 && static_cast<size_t>(i) < f.size() ? std::string_view(f[static_cast<size_t>(i)]) : std::string_view(); };
  if (name >= 0) return street_from_parts(get(pre), get(name), get(type), get(post));
  return parse_street_name(get(street));
}

// Adds "role=FIELD" to the fields a load used; nothing for an absent field (-1).
void note_field_used(ReferenceLoadReport& rep, const std::vector<std::string>& header, const char* role, int i) {
  if (i >= 0) rep.fields_used += (rep.fields_used.empty() ? "" : " ") + std::string(role) + "=" + header[static_cast<size_t>(i)];
}

// The fields a reference's street names are read from (-1: absent): one street field, or the parts.
struct StreetFields {
  int street = -1;
  int name = -1;
  bool parts = false;                 // pre-directional, name, type and post-directional fields
  int pre = -1, type = -1, post = -1;  // only with parts

  StreetName of(const std::vector<std::string>& fields) const {
    return street_of(fields, street, pre, parts ? name : -1, type, post);
  }
  void note_used(ReferenceLoadReport& rep, const std::vector<std::string>& header) const {
    if (parts) {
      note_field_used(rep, header, "pre_dir", pre);
      note_field_used(rep, header, "name", name);
      note_field_used(rep, header, "type", type);
      note_field_used(rep, header, "post_dir", post);
    } else {
      note_field_used(rep, header, "street", street);
    }
  }
};

// The parts are read when a name field is given, or found with no street field.
StreetFields find_street_fields(const std::vector<std::string>& header, const ReferenceSource& s) {
  StreetFields f;
  f.street = field_for(header, s, "street");
  f.name = field_for(header, s, "name");
  f.parts = f.name >= 0 && (s.fields.count("name") || f.street < 0);
  if (f.parts) {
    f.pre = field_for(header, s, "pre_dir");
    f.type = field_for(header, s, "type");
    f.post = field_for(header, s, "post_dir");
  }
  return f;
}

// ---- Points references (address points, intersections, gazetteer), read with ingest().

// How ingest() reads a points reference into `crs`. A CSV without a CRS or .prj whose coordinates are all within
// lon/lat bounds is read as EPSG:4326, with a warning in the report.
IngestOptions points_ingest_options(const ReferenceSource& s, const Crs& crs, ReferenceLoadReport& rep) {
  IngestOptions io;
  io.input_path = s.path;
  io.kept_fields = IngestOptions::KeptFields::all;  // the reference's fields are read from the records
  io.layer = s.layer;
  io.x_column = s.x_column;
  io.y_column = s.y_column;
  io.source_crs = s.source_crs;
  io.analysis_crs = crs.wkt();
  if (io.source_crs.empty() && is_csv(s.path) && !fs::exists(fs::path(s.path).replace_extension(".prj")) &&
      csv_coordinates_look_lonlat(s)) {
    io.source_crs = "EPSG:4326";
    rep.warnings.push_back(s.path + ": no CRS given; the coordinates are all within lon/lat bounds, read as EPSG:4326");
  }
  return io;
}

// The records of a points reference as ingest() read them, and the report of their loading.
struct PointRecords {
  const ReferenceSource& s;
  const IngestResult& in;
  ReferenceLoadReport& rep;
  int id = -1;  // the id field; -1: a record is named by its row

  std::string id_of(const IngestedRecord& r) const {
    return id >= 0 && !r.fields[static_cast<size_t>(id)].empty() ? r.fields[static_cast<size_t>(id)]
                                                                   : "row " + std::to_string(r.source_row);
  }
  void skip(const char* why) { rep.skipped[why] += 1; }
  void used(const char* role, int i) { note_field_used(rep, in.header, role, i); }
  // The field of a role the kind cannot do without (noted as used); throws naming what was looked for.
  int required_field(const std::string& role, const std::string& looked_for) {
    const int i = field_for(in.header, s, role);
    if (i < 0)
      throw std::runtime_error(s.path + ": no " + looked_for + "; fields: " + column_list(in.header) + ". Name it with the '" +
                               role + "' field role");
    used(role.c_str(), i);
    return i;
  }
};

void load_intersection_points(PointRecords& pr, GeocodeIndex& index) {
  const int name = pr.required_field("intersection", "intersection name field (looked for UNITDESC, INTERSECTION, NAME, ...)");
  for (const IngestedRecord& r : pr.in.records) {
    const ParsedAddress a = parse_address(r.fields[static_cast<size_t>(name)], index.options().parse);
    if (a.kind != AddressKind::kIntersection) {
      pr.skip("not_an_intersection_name");
      continue;
    }
    std::vector<StreetName> streets{a.street};
    streets.insert(streets.end(), a.cross.begin(), a.cross.end());
    index.add_intersection(streets, {r.point.x, r.point.y}, pr.id_of(r));
    ++pr.rep.loaded;
  }
}

// The fields of address points: a number and a street, or one full-address field.
struct AddressPointFields {
  int number = -1;
  int full = -1;
  StreetFields street;
  bool use_full = false;  // the number and the street from the full address
};

AddressPointFields find_address_point_fields(PointRecords& pr) {
  const std::vector<std::string>& H = pr.in.header;
  AddressPointFields f;
  f.number = field_for(H, pr.s, "number");
  f.full = field_for(H, pr.s, "address");
  f.street = find_street_fields(H, pr.s);
  f.use_full = f.number < 0 || (f.street.street < 0 && !f.street.parts);
  if (f.use_full && f.full < 0)
    throw std::runtime_error(pr.s.path + ": address points need a number and a street field, or a full address field; fields: " +
                             column_list(H));
  if (f.use_full) {
    pr.used("address", f.full);
  } else {
    pr.used("number", f.number);
    f.street.note_used(pr.rep, H);
  }
  return f;
}

struct NumberedStreet {
  StreetName street;
  int64_t number = -1;
};

// The street and number of one address point; nullopt (counted as skipped) when they cannot be read.
std::optional<NumberedStreet> address_of(const IngestedRecord& r, const AddressPointFields& f, PointRecords& pr) {
  if (f.use_full) {
    const ParsedAddress a = parse_address(r.fields[static_cast<size_t>(f.full)]);
    if (a.kind != AddressKind::kHouse && a.kind != AddressKind::kBlock) {
      pr.skip("unparseable_address");
      return std::nullopt;
    }
    return NumberedStreet{a.street, a.number};
  }
  auto v = parse_house_number(r.fields[static_cast<size_t>(f.number)]);
  if (!v) {
    pr.skip("bad_number");
    return std::nullopt;
  }
  return NumberedStreet{f.street.of(r.fields), *v};
}

void load_address_points(PointRecords& pr, GeocodeIndex& index) {
  const AddressPointFields f = find_address_point_fields(pr);
  for (const IngestedRecord& r : pr.in.records) {
    const std::optional<NumberedStreet> a = address_of(r, f, pr);
    if (!a) continue;
    if (a->street.empty()) {
      pr.skip("no_street_name");
      continue;
    }
    index.add_address_point(a->street, a->number, {r.point.x, r.point.y}, pr.id_of(r));
    ++pr.rep.loaded;
  }
}

// ---- Centrelines, read with OGR.

// The source CRS of a centreline layer: the one given, else the layer's.
Crs centreline_crs(OGRLayer& layer, const ReferenceSource& s) {
  if (!s.source_crs.empty()) return Crs::from_user_input(s.source_crs);
  if (const OGRSpatialReference* sr = layer.GetSpatialRef()) return Crs::from_ogr(*sr);
  throw std::runtime_error(s.path + ": the centreline layer has no CRS; give its source CRS (e.g. EPSG:2264)");
}

// The fields of a centreline layer (-1: absent); the ranges' from/to fields come in pairs.
struct CentrelineFields {
  int id = -1;
  StreetFields street;
  int left_from = -1, left_to = -1, right_from = -1, right_to = -1;
};

// Finds the fields and notes them in the report (a layer without ranges, with a warning); throws when there is no
// street name field or a side's from field lacks its to field.
CentrelineFields find_centreline_fields(const std::vector<std::string>& H, const ReferenceSource& s,
                                        ReferenceLoadReport& rep) {
  CentrelineFields f;
  f.id = field_for(H, s, "id");
  f.street = find_street_fields(H, s);
  if (!f.street.parts && f.street.street < 0)
    throw std::runtime_error(s.path + ": no street name field (looked for FULLNAME, STREET, WHOLESTNAME, STREETNAME, ...); fields: " +
                             column_list(H) + ". Name it with the 'street' or 'name' field role");
  f.left_from = field_for(H, s, "left_from");
  f.left_to = field_for(H, s, "left_to");
  f.right_from = field_for(H, s, "right_from");
  f.right_to = field_for(H, s, "right_to");
  note_field_used(rep, H, "id", f.id);
  f.street.note_used(rep, H);
  note_field_used(rep, H, "left_from", f.left_from);
  note_field_used(rep, H, "left_to", f.left_to);
  note_field_used(rep, H, "right_from", f.right_from);
  note_field_used(rep, H, "right_to", f.right_to);
  if ((f.left_from < 0) != (f.left_to < 0) || (f.right_from < 0) != (f.right_to < 0))
    throw std::runtime_error(s.path + ": a side has a from field without its to field (or the reverse); fields: " + column_list(H));
  if (f.left_from < 0 && f.right_from < 0)
    rep.warnings.push_back(s.path + ": no address range fields; the centrelines serve intersections only");
  return f;
}

// A house number field: an integer one as it is (negative: none), another parsed from its text.
std::optional<int64_t> house_number_field(const OGRFeature& f, int i) {
  const OGRFieldType ft = f.GetFieldDefnRef(i)->GetType();
  if (ft == OFTInteger || ft == OFTInteger64) {
    const GIntBig v = f.GetFieldAsInteger64(i);
    return v >= 0 ? std::optional<int64_t>(v) : std::nullopt;
  }
  return parse_house_number(f.GetFieldAsString(i));
}

// One side's range from its from/to fields; none (-1) when a field is absent, null or unreadable, or both are 0.
HouseRange range_fields(const OGRFeature& f, int from, int to) {
  HouseRange r;
  if (from < 0 || !f.IsFieldSetAndNotNull(from) || !f.IsFieldSetAndNotNull(to)) return r;
  auto a = house_number_field(f, from), b = house_number_field(f, to);
  if (!a || !b || (*a == 0 && *b == 0)) return r;
  r.from = *a;
  r.to = *b;
  return r;
}

// The vertices of a line or a multi-line's parts in order; false for another geometry.
bool line_vertices(const OGRGeometry& g, std::vector<double>& xs, std::vector<double>& ys) {
  auto add_line = [&](const OGRLineString* ls) {
    for (int i = 0; i < ls->getNumPoints(); ++i) {
      // Parts of a multi-line that continue where the previous ended share that vertex: keep it once.
      if (!xs.empty() && i == 0 && xs.back() == ls->getX(0) && ys.back() == ls->getY(0)) continue;
      xs.push_back(ls->getX(i));
      ys.push_back(ls->getY(i));
    }
  };
  const auto t = wkbFlatten(g.getGeometryType());
  if (t == wkbLineString) add_line(g.toLineString());
  else if (t == wkbMultiLineString)
    for (const OGRLineString* ls : *g.toMultiLineString()) add_line(ls);
  else
    return false;
  return true;
}

bool all_finite(const std::vector<double>& xs, const std::vector<double>& ys) {
  bool finite = !xs.empty();
  for (size_t i = 0; i < xs.size() && finite; ++i) finite = std::isfinite(xs[i]) && std::isfinite(ys[i]);
  return finite;
}

// Reads the features of one centreline layer into the index, counting the skipped ones by reason.
struct CentrelineRun {
  CentrelineRun(const CentrelineFields& f, size_t field_count, const CrsTransform& tr, GeocodeIndex& ix,
                ReferenceLoadReport& r)
      : cols(f), fields(field_count), to_analysis(tr), index(ix), rep(r) {
    for (int i : {f.id, f.street.street, f.street.pre, f.street.name, f.street.type, f.street.post})
      if (i >= 0) needed.push_back(i);
  }

  const CentrelineFields& cols;
  std::vector<std::string> fields;  // the current feature's fields, by index
  std::vector<int> needed;          // only the fields used are read as text
  const CrsTransform& to_analysis;
  GeocodeIndex& index;
  ReferenceLoadReport& rep;
  // Street texts repeat along a street's segments: parse each distinct one once.
  std::unordered_map<std::string, StreetName> parsed_streets;
  std::string street_key;

  void read(const OGRFeature& f) {
    ++rep.features_in;
    for (int i : needed) fields[static_cast<size_t>(i)] = f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
    const OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty()) return skip("no_geometry");
    std::vector<double> xs, ys;
    if (!line_vertices(*g, xs, ys)) return skip("not_a_line");
    if (!all_finite(xs, ys)) return skip("invalid_geometry");
    std::vector<bool> ok;
    if (to_analysis.transform(xs, ys, ok) > 0) return skip("transform_failed");
    const StreetName& st = street();
    if (st.empty()) return skip("no_street_name");
    index.add_segment(st, segment(f, xs, ys));
    ++rep.loaded;
  }

  void skip(const char* why) { rep.skipped[why] += 1; }

  // The street name of the current feature.
  const StreetName& street() {
    const StreetFields& s = cols.street;
    street_key.clear();
    for (int i : {s.street, s.pre, s.name, s.type, s.post})
      if (i >= 0) (street_key += fields[static_cast<size_t>(i)]) += '\x1f';
    auto it = parsed_streets.find(street_key);
    if (it == parsed_streets.end()) it = parsed_streets.emplace(street_key, s.of(fields)).first;
    return it->second;
  }

  RangedSegment segment(const OGRFeature& f, const std::vector<double>& xs, const std::vector<double>& ys) const {
    RangedSegment seg;
    seg.line.reserve(xs.size());
    for (size_t i = 0; i < xs.size(); ++i) seg.line.push_back({xs[i], ys[i]});
    seg.left = range_fields(f, cols.left_from, cols.left_to);
    seg.right = range_fields(f, cols.right_from, cols.right_to);
    seg.id = cols.id >= 0 && !fields[static_cast<size_t>(cols.id)].empty() ? fields[static_cast<size_t>(cols.id)]
                                                                           : "feature " + std::to_string(f.GetFID());
    return seg;
  }
};

// ---- Intersections computed from centrelines (GEOS).

// Crossing points of two streets' segments with the ids of the segments, by pair of street ids (pair_key).
using CrossingsByPair = std::unordered_map<uint64_t, std::vector<std::pair<XY, std::string>>>;

uint64_t pair_key(uint32_t a, uint32_t b) { return (static_cast<uint64_t>(std::min(a, b)) << 32) | std::max(a, b); }

// The segments' lines in GEOS; null for a segment of fewer than 2 vertices.
std::vector<GeosGeomPtr> geos_lines(const GeosContext& ctx, const std::vector<RangedSegment>& segs) {
  GEOSContextHandle_t h = ctx.get();
  std::vector<GeosGeomPtr> geoms;
  geoms.reserve(segs.size());
  for (const RangedSegment& s : segs) {
    GEOSGeometry* g = nullptr;
    if (s.line.size() >= 2) {
      GEOSCoordSequence* cs = GEOSCoordSeq_create_r(h, static_cast<unsigned>(s.line.size()), 2);
      for (size_t i = 0; i < s.line.size(); ++i) GEOSCoordSeq_setXY_r(h, cs, static_cast<unsigned>(i), s.line[i].x, s.line[i].y);
      g = GEOSGeom_createLineString_r(h, cs);
    }
    geoms.push_back(geos_owned(ctx, g));
  }
  return geoms;
}

// Where two lines cross or touch: the points of their intersection, and the first vertex of each overlapping piece.
std::vector<XY> crossing_points(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
  GEOSContextHandle_t h = ctx.get();
  std::vector<XY> out;
  if (GEOSIntersects_r(h, a, b) != 1) return out;
  GeosGeomPtr x = geos_owned(ctx, GEOSIntersection_r(h, a, b));
  if (!x) return out;
  const int n = GEOSGetNumGeometries_r(h, x.get());
  for (int k = 0; k < n; ++k) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(h, x.get(), k);
    double px, py;
    if (GEOSGeomTypeId_r(h, part) == GEOS_POINT) {
      if (!GEOSGeomGetX_r(h, part, &px) || !GEOSGeomGetY_r(h, part, &py)) continue;
    } else {  // overlapping pieces: their first vertex
      GeosGeomPtr p = geos_owned(ctx, GEOSGeomGetStartPoint_r(h, part));
      if (!p || !GEOSGeomGetX_r(h, p.get(), &px) || !GEOSGeomGetY_r(h, p.get(), &py)) continue;
    }
    out.push_back({px, py});
  }
  return out;
}

// The crossings of segments of differently named streets, found through an STR tree of the segments.
CrossingsByPair crossings_by_street_pair(const GeosContext& ctx, const std::vector<GeosGeomPtr>& geoms,
                                         const GeocodeIndex& index) {
  GEOSContextHandle_t h = ctx.get();
  const std::vector<RangedSegment>& segs = index.segments();
  GEOSSTRtree* tree = GEOSSTRtree_create_r(h, 10);
  for (size_t i = 0; i < geoms.size(); ++i)
    if (geoms[i]) GEOSSTRtree_insert_r(h, tree, geoms[i].get(), reinterpret_cast<void*>(i + 1));
  struct Hits {
    std::vector<size_t> items;
  } hits;
  CrossingsByPair by_pair;
  for (size_t i = 0; i < geoms.size(); ++i) {
    if (!geoms[i]) continue;
    hits.items.clear();
    GEOSSTRtree_query_r(h, tree, geoms[i].get(), [](void* item, void* data) {
      static_cast<Hits*>(data)->items.push_back(reinterpret_cast<size_t>(item) - 1);
    }, &hits);
    const uint32_t si = index.segment_street(i);
    for (size_t j : hits.items) {
      if (j <= i) continue;
      const uint32_t sj = index.segment_street(j);
      if (si == sj) continue;
      for (const XY& p : crossing_points(ctx, geoms[i].get(), geoms[j].get()))
        by_pair[pair_key(si, sj)].push_back({p, "computed:" + segs[i].id + "/" + segs[j].id});
    }
  }
  GEOSSTRtree_destroy_r(h, tree);
  return by_pair;
}

// Adds the crossings of one pair of streets as intersections, each at the mean of the crossings within `merge` of
// the first one not yet used; returns how many it added.
size_t add_merged_crossings(GeocodeIndex& index, uint64_t key, const std::vector<std::pair<XY, std::string>>& pts,
                            double merge) {
  std::vector<bool> used(pts.size(), false);
  const StreetName a = index.streets().street(static_cast<uint32_t>(key >> 32));
  const StreetName b = index.streets().street(static_cast<uint32_t>(key & 0xffffffffu));
  size_t added = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    if (used[i]) continue;
    double sx = 0, sy = 0;
    int n = 0;
    for (size_t j = i; j < pts.size(); ++j) {
      if (used[j] || std::hypot(pts[j].first.x - pts[i].first.x, pts[j].first.y - pts[i].first.y) > merge) continue;
      used[j] = true;
      sx += pts[j].first.x;
      sy += pts[j].first.y;
      ++n;
    }
    index.add_intersection({a, b}, {sx / n, sy / n}, pts[i].second);
    ++added;
  }
  return added;
}

}  // namespace

const char* to_string(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kAuto: return "auto";
    case ReferenceKind::kAddressPoints: return "address_points";
    case ReferenceKind::kCentrelines: return "centrelines";
    case ReferenceKind::kIntersections: return "intersections";
    case ReferenceKind::kGazetteer: return "gazetteer";
  }
  return "?";
}

ReferenceKind parse_reference_kind(const std::string& text) {
  const std::string t = lower(text);
  if (t == "auto" || t.empty()) return ReferenceKind::kAuto;
  if (t == "address_points" || t == "points" || t == "addresses") return ReferenceKind::kAddressPoints;
  if (t == "centrelines" || t == "centerlines" || t == "streets" || t == "ranges") return ReferenceKind::kCentrelines;
  if (t == "intersections" || t == "signals") return ReferenceKind::kIntersections;
  if (t == "gazetteer" || t == "blocks") return ReferenceKind::kGazetteer;
  throw std::invalid_argument("unknown reference kind '" + text +
                              "' (use address_points, centrelines, intersections or gazetteer)");
}

std::string ReferenceLoadReport::summary() const {
  std::string s = path + " (" + to_string(kind) + "): " + std::to_string(loaded) + " of " + std::to_string(features_in) +
                  " loaded";
  if (!skipped.empty()) {
    s += "; skipped";
    bool first = true;
    for (const auto& [why, n] : skipped) {
      s += (first ? " " : ", ") + why + " " + std::to_string(n);
      first = false;
    }
  }
  if (!fields_used.empty()) s += "; fields " + fields_used;
  return s;
}

struct Geocoder::Impl {
  std::unique_ptr<CrsTransform> to_wgs84;
};

Geocoder::Geocoder(const Crs& analysis_crs, GeocoderOptions options)
    : crs_(analysis_crs), options_(options), impl_(std::make_unique<Impl>()) {
  if (!crs_.is_projected())
    throw std::invalid_argument("geocoder: analysis CRS " + crs_.describe() + " is not projected; distances need a projected CRS");
  unit_m_ = crs_.linear_unit_m();
  GeocodeOptions& o = index_.options();
  o.min_score = options_.min_score;
  o.side_offset_crs = options_.side_offset_m / unit_m_;
  o.tie_cluster_crs = options_.tie_cluster_m / unit_m_;
  o.parse.hundreds_are_blocks = options_.hundreds_are_blocks;
  o.gazetteer.max_interpolation_span = options_.gazetteer_max_interpolation_span;
  o.gazetteer.max_extrapolation = options_.gazetteer_max_extrapolation;
  index_ = GeocodeIndex(o);
  impl_->to_wgs84 = std::make_unique<CrsTransform>(crs_, Crs::from_user_input("EPSG:4326"));
}

Geocoder::~Geocoder() = default;
Geocoder::Geocoder(Geocoder&&) noexcept = default;
Geocoder& Geocoder::operator=(Geocoder&&) noexcept = default;

const Crs& Geocoder::crs() const { return crs_; }

ReferenceLoadReport Geocoder::load(const ReferenceSource& s) {
  ensure_gdal();
  if (!fs::exists(s.path)) throw std::runtime_error(s.path + ": no such file (geocoder reference)");
  for (const auto& [role, col] : s.fields)
    if (!kRoles.count(role))
      throw std::invalid_argument("geocoder reference field role '" + role +
                                  "' is unknown (use id, number, street, address, pre_dir, name, type, post_dir, "
                                  "left_from, left_to, right_from, right_to, intersection, location)");
  ReferenceKind kind = s.kind;
  if (kind == ReferenceKind::kAuto) {
    const Header h = read_header(s);
    auto has = [&](const std::string& role) { return field_for(h.names, s, role) >= 0; };
    if (h.lines || has("left_from") || has("right_from")) kind = ReferenceKind::kCentrelines;
    else if (s.fields.count("intersection") || (find_column(h.names, "UNITDESC") >= 0 || find_column(h.names, "INTERSECTION") >= 0))
      kind = ReferenceKind::kIntersections;
    else if (s.fields.count("location") || find_column(h.names, "LOCATION") >= 0) kind = ReferenceKind::kGazetteer;
    else if (has("number") && (has("street") || has("name"))) kind = ReferenceKind::kAddressPoints;
    else
      throw std::runtime_error(s.path + ": cannot tell what kind of geocoding reference this is (fields: " +
                               column_list(h.names) +
                               "); give the kind (address_points, centrelines, intersections, gazetteer) and its fields");
  }
  if (kind == ReferenceKind::kCentrelines) return load_centrelines(s);
  return load_points(s, kind);
}

ReferenceLoadReport Geocoder::load_points(const ReferenceSource& s, ReferenceKind kind) {
  ReferenceLoadReport rep;
  rep.path = s.path;
  rep.kind = kind;
  const IngestResult in = ingest(points_ingest_options(s, crs_, rep));
  rep.features_in = in.accounting.records_in();
  for (const auto& [why, n] : in.accounting.rejected_by_reason()) rep.skipped[why] += n;
  for (const std::string& w : in.warnings) rep.warnings.push_back(w);
  PointRecords records{s, in, rep, field_for(in.header, s, "id")};
  records.used("id", records.id);
  if (kind == ReferenceKind::kIntersections) {
    load_intersection_points(records, index_);
  } else if (kind == ReferenceKind::kGazetteer) {
    const int loc = records.required_field("location", "address field for the gazetteer (looked for LOCATION, ADDRESS, ...)");
    for (const IngestedRecord& r : in.records) learn_block(r.fields[static_cast<size_t>(loc)], r.point, rep);
  } else {
    load_address_points(records, index_);
  }
  return rep;
}

ReferenceLoadReport Geocoder::load_centrelines(const ReferenceSource& s) {
  ReferenceLoadReport rep;
  rep.path = s.path;
  rep.kind = ReferenceKind::kCentrelines;
  GdalDatasetPtr ds = open_vector(s.path);
  OGRLayer* layer = reference_layer(*ds, s);
  const std::vector<std::string> H = field_names(*layer);
  const CrsTransform tr(centreline_crs(*layer, s), crs_);
  const CentrelineFields fields = find_centreline_fields(H, s, rep);
  CentrelineRun run(fields, H.size(), tr, index_, rep);
  layer->ResetReading();
  for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) run.read(*f);
  return rep;
}

size_t Geocoder::compute_centreline_intersections() {
  if (index_.segments().size() < 2) return 0;
  GeosContext ctx;
  // Crossing points per pair of streets, then merged within the merge distance.
  CrossingsByPair by_pair = crossings_by_street_pair(ctx, geos_lines(ctx, index_.segments()), index_);
  const double merge = options_.intersection_merge_m / unit_m_;
  size_t added = 0;
  std::vector<uint64_t> keys;
  for (const auto& [k, v] : by_pair) keys.push_back(k);
  std::sort(keys.begin(), keys.end());  // deterministic order
  for (uint64_t k : keys) added += add_merged_crossings(index_, k, by_pair[k], merge);
  return added;
}

void Geocoder::learn_block(std::string_view address, const Point& p, ReferenceLoadReport& report) {
  const ParsedAddress a = parse_address(address);
  if (a.kind != AddressKind::kHouse && a.kind != AddressKind::kBlock) {
    report.skipped[a.kind == AddressKind::kIntersection ? "intersection_not_a_block" : "no_block_address"] += 1;
    return;
  }
  index_.add_known_block(a.street, a.number, {p.x, p.y});
  ++report.loaded;
}

void Geocoder::finalize() { index_.finalize(); }

GeocodeResult Geocoder::geocode(std::string_view address) const { return index_.geocode(address); }

std::optional<NamedIntersection> Geocoder::nearest_intersection(double x, double y) const {
  return index_.nearest_intersection(x, y);
}

bool Geocoder::to_lonlat(double x, double y, double& lon, double& lat) const {
  lon = x;
  lat = y;
  return impl_->to_wgs84->transform(lon, lat);
}

Geocoder load_intersection_reference(const std::string& path, const Crs& analysis_crs, const std::string& name_field,
                                     GeocoderOptions options) {
  Geocoder g(analysis_crs, options);
  ReferenceSource s;
  s.kind = ReferenceKind::kIntersections;
  s.path = path;
  if (!name_field.empty()) s.fields["intersection"] = name_field;
  const ReferenceLoadReport rep = g.load(s);
  if (rep.loaded == 0) throw std::runtime_error(path + ": no named intersection could be read: " + rep.summary());
  g.finalize();
  return g;
}

IntersectionPlacement geocode_intersection(const Geocoder& geocoder, std::string_view name) {
  IntersectionPlacement p;
  const ParsedAddress a = parse_address(name);
  if (a.kind != AddressKind::kIntersection) {
    p.reason = "'" + std::string(name) + "' is not an intersection (expected two streets joined by &, /, AND, AT or _)";
    return p;
  }
  const GeocodeResult r = geocoder.index().geocode(a);
  if (!r.placed()) {
    p.reason = std::string(r.reason_code) + ": " + r.reason;
    return p;
  }
  p.ok = true;
  p.point = Point{r.point.x, r.point.y, 1.0};
  p.score = r.score;
  p.matched = r.matched;
  return p;
}

Crs default_analysis_crs(const ReferenceSource& s) {
  ensure_gdal();
  if (!fs::exists(s.path)) throw std::runtime_error(s.path + ": no such file (geocoder reference)");
  if (!is_csv(s.path)) {
    GdalDatasetPtr ds = open_vector(s.path);
    OGRLayer* layer = s.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(s.layer.c_str());
    std::optional<Crs> c;
    if (!s.source_crs.empty()) c = Crs::from_user_input(s.source_crs);
    else if (layer && layer->GetSpatialRef()) c = Crs::from_ogr(*layer->GetSpatialRef());
    if (c && c->is_projected()) return *c;
    OGREnvelope e;
    if (c && layer && layer->GetExtent(&e, TRUE) == OGRERR_NONE) {
      double x = 0.5 * (e.MinX + e.MaxX), y = 0.5 * (e.MinY + e.MaxY);
      CrsTransform t(*c, Crs::from_user_input("EPSG:4326"));
      if (t.transform(x, y)) return Crs::utm_for(x, y);
    }
    throw std::runtime_error(s.path + ": cannot choose an analysis CRS from this reference; give one (--crs)");
  }
  IngestOptions io;
  io.input_path = s.path;
  io.x_column = s.x_column;
  io.y_column = s.y_column;
  io.source_crs = s.source_crs;
  if (io.source_crs.empty() && !fs::exists(fs::path(s.path).replace_extension(".prj")) && csv_coordinates_look_lonlat(s))
    io.source_crs = "EPSG:4326";
  IngestResult res = ingest(io);
  if (!res.analysis_crs) throw std::runtime_error(s.path + ": cannot choose an analysis CRS; give one (--crs)");
  return *res.analysis_crs;
}

GeocodingResolver::GeocodingResolver(const Geocoder& geocoder, std::vector<std::string> address_columns)
    : geocoder_(geocoder), columns_(std::move(address_columns)) {
  if (columns_.empty()) throw std::invalid_argument("geocoding needs at least one address column");
}

GeocodingResolver::GeocodingResolver(Geocoder& geocoder, std::vector<std::string> address_columns, std::string location_column)
    : GeocodingResolver(static_cast<const Geocoder&>(geocoder), std::move(address_columns)) {
  learner_ = &geocoder;
  location_column_ = std::move(location_column);
  learnt_.kind = ReferenceKind::kGazetteer;
}

GeocodingResolver::~GeocodingResolver() = default;

void GeocodingResolver::prepare(const std::vector<std::string>& header, const Crs& analysis_crs) {
  index_.clear();
  for (const std::string& c : columns_) {
    const int i = find_column(header, c);
    if (i < 0) throw std::runtime_error("address column '" + c + "' not found in the header; it has: " + column_list(header));
    index_.push_back(i);
  }
  to_analysis_.reset();
  to_geocoder_.reset();
  if (!analysis_crs.same_as(geocoder_.crs())) to_analysis_ = std::make_unique<CrsTransform>(geocoder_.crs(), analysis_crs);
  if (!learner_) return;
  location_index_ = find_column(header, location_column_);
  if (location_index_ < 0)
    throw std::runtime_error("no address field '" + location_column_ + "' to learn the block gazetteer from; the header has: " +
                             column_list(header));
  learnt_.fields_used = "location=" + header[static_cast<size_t>(location_index_)];
  if (to_analysis_) to_geocoder_ = std::make_unique<CrsTransform>(analysis_crs, geocoder_.crs());
}

void GeocodingResolver::learn(const std::vector<std::string>& fields, const Point& p) {
  ++learnt_.features_in;
  Point q = p;
  if (to_geocoder_ && !to_geocoder_->transform(q.x, q.y)) {
    learnt_.skipped["transform_failed"] += 1;
    return;
  }
  learner_->learn_block(fields[static_cast<size_t>(location_index_)], q, learnt_);
}

std::string GeocodingResolver::columns_label() const {
  std::string label;
  for (const std::string& c : columns_) label += (label.empty() ? "" : "+") + c;
  return label;
}

void GeocodingResolver::ready() {
  if (learner_) learner_->finalize();
}

std::optional<Point> GeocodingResolver::resolve(const std::vector<std::string>& fields, std::string& why) {
  std::string text;
  for (int i : index_) {
    if (static_cast<size_t>(i) >= fields.size()) continue;
    if (!text.empty()) text.push_back(' ');
    text += fields[static_cast<size_t>(i)];
  }
  const GeocodeResult& r = matches_.emplace_back(geocoder_.geocode(text));
  counts_[to_string(r.type)] += 1;
  if (!r.placed()) {
    reasons_[r.reason_code] += 1;
    why = std::string(r.reason_code) + ": " + r.reason;
    return std::nullopt;
  }
  double x = r.point.x, y = r.point.y;
  if (to_analysis_ && !to_analysis_->transform(x, y)) {
    why = "the geocoded point could not be transformed to the analysis CRS";
    return std::nullopt;
  }
  return Point{x, y, 1.0};
}

}  // namespace hotspot
