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

Header read_header(const ReferenceSource& s) {
  Header h;
  if (is_csv(s.path)) {
    CsvReader r(s.path);
    h.names = r.header();
    return h;
  }
  GdalDatasetPtr ds = open_vector(s.path);
  OGRLayer* layer = s.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(s.layer.c_str());
  if (!layer) throw std::runtime_error(s.path + ": no layer" + (s.layer.empty() ? "" : " named '" + s.layer + "'"));
  OGRFeatureDefn* d = layer->GetLayerDefn();
  for (int i = 0; i < d->GetFieldCount(); ++i) h.names.push_back(d->GetFieldDefn(i)->GetNameRef());
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
  IngestOptions io;
  io.input_path = s.path;
  io.layer = s.layer;
  io.x_column = s.x_column;
  io.y_column = s.y_column;
  io.source_crs = s.source_crs;
  io.analysis_crs = crs_.wkt();
  if (io.source_crs.empty() && is_csv(s.path) && !fs::exists(fs::path(s.path).replace_extension(".prj")) &&
      csv_coordinates_look_lonlat(s)) {
    io.source_crs = "EPSG:4326";
    rep.warnings.push_back(s.path + ": no CRS given; the coordinates are all within lon/lat bounds, read as EPSG:4326");
  }
  IngestResult in = ingest(io);
  rep.features_in = in.accounting.records_in();
  for (const auto& [why, n] : in.accounting.rejected_by_reason()) rep.skipped[why] += n;
  for (const std::string& w : in.warnings) rep.warnings.push_back(w);
  const std::vector<std::string>& H = in.header;
  const int id = field_for(H, s, "id");
  auto used = [&](const char* role, int i) {
    if (i >= 0) rep.fields_used += (rep.fields_used.empty() ? "" : " ") + std::string(role) + "=" + H[static_cast<size_t>(i)];
  };
  used("id", id);
  auto id_of = [&](const IngestedRecord& r) {
    return id >= 0 && !r.fields[static_cast<size_t>(id)].empty() ? r.fields[static_cast<size_t>(id)]
                                                                   : "row " + std::to_string(r.source_row);
  };
  auto skip = [&](const char* why) { rep.skipped[why] += 1; };

  if (kind == ReferenceKind::kIntersections) {
    const int name = field_for(H, s, "intersection");
    if (name < 0)
      throw std::runtime_error(s.path + ": no intersection name field (looked for UNITDESC, INTERSECTION, NAME, ...); fields: " +
                               column_list(H) + ". Name it with the 'intersection' field role");
    used("intersection", name);
    for (const IngestedRecord& r : in.records) {
      const ParsedAddress a = parse_address(r.fields[static_cast<size_t>(name)], index_.options().parse);
      if (a.kind != AddressKind::kIntersection) {
        skip("not_an_intersection_name");
        continue;
      }
      std::vector<StreetName> streets{a.street};
      streets.insert(streets.end(), a.cross.begin(), a.cross.end());
      index_.add_intersection(streets, {r.point.x, r.point.y}, id_of(r));
      ++rep.loaded;
    }
  } else if (kind == ReferenceKind::kGazetteer) {
    const int loc = field_for(H, s, "location");
    if (loc < 0)
      throw std::runtime_error(s.path + ": no address field for the gazetteer (looked for LOCATION, ADDRESS, ...); fields: " +
                               column_list(H) + ". Name it with the 'location' field role");
    used("location", loc);
    for (const IngestedRecord& r : in.records) learn_block(r.fields[static_cast<size_t>(loc)], r.point, rep);
  } else {  // address points
    const int num = field_for(H, s, "number");
    const int full = field_for(H, s, "address");
    const int street = field_for(H, s, "street");
    const int name = field_for(H, s, "name");
    const bool parts = name >= 0 && (s.fields.count("name") || street < 0);
    const int pre = parts ? field_for(H, s, "pre_dir") : -1, type = parts ? field_for(H, s, "type") : -1,
              post = parts ? field_for(H, s, "post_dir") : -1;
    const bool use_full = num < 0 || (street < 0 && !parts);
    if (use_full && full < 0)
      throw std::runtime_error(s.path + ": address points need a number and a street field, or a full address field; fields: " +
                               column_list(H));
    if (use_full) used("address", full);
    else {
      used("number", num);
      if (parts) {
        used("pre_dir", pre);
        used("name", name);
        used("type", type);
        used("post_dir", post);
      } else {
        used("street", street);
      }
    }
    for (const IngestedRecord& r : in.records) {
      StreetName st;
      int64_t n = -1;
      if (use_full) {
        const ParsedAddress a = parse_address(r.fields[static_cast<size_t>(full)]);
        if (a.kind != AddressKind::kHouse && a.kind != AddressKind::kBlock) {
          skip("unparseable_address");
          continue;
        }
        st = a.street;
        n = a.number;
      } else {
        auto v = parse_house_number(r.fields[static_cast<size_t>(num)]);
        if (!v) {
          skip("bad_number");
          continue;
        }
        n = *v;
        st = street_of(r.fields, street, pre, parts ? name : -1, type, post);
      }
      if (st.empty()) {
        skip("no_street_name");
        continue;
      }
      index_.add_address_point(st, n, {r.point.x, r.point.y}, id_of(r));
      ++rep.loaded;
    }
  }
  return rep;
}

ReferenceLoadReport Geocoder::load_centrelines(const ReferenceSource& s) {
  ReferenceLoadReport rep;
  rep.path = s.path;
  rep.kind = ReferenceKind::kCentrelines;
  GdalDatasetPtr ds = open_vector(s.path);
  OGRLayer* layer = s.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(s.layer.c_str());
  if (!layer) throw std::runtime_error(s.path + ": no layer" + (s.layer.empty() ? "" : " named '" + s.layer + "'"));
  OGRFeatureDefn* d = layer->GetLayerDefn();
  std::vector<std::string> H;
  for (int i = 0; i < d->GetFieldCount(); ++i) H.push_back(d->GetFieldDefn(i)->GetNameRef());
  std::optional<Crs> src;
  if (!s.source_crs.empty()) src = Crs::from_user_input(s.source_crs);
  else if (const OGRSpatialReference* sr = layer->GetSpatialRef()) src = Crs::from_ogr(*sr);
  else
    throw std::runtime_error(s.path + ": the centreline layer has no CRS; give its source CRS (e.g. EPSG:2264)");
  CrsTransform tr(*src, crs_);

  const int id = field_for(H, s, "id");
  const int street = field_for(H, s, "street");
  const int name = field_for(H, s, "name");
  const bool parts = name >= 0 && (s.fields.count("name") || street < 0);
  const int pre = parts ? field_for(H, s, "pre_dir") : -1, type = parts ? field_for(H, s, "type") : -1,
            post = parts ? field_for(H, s, "post_dir") : -1;
  if (!parts && street < 0)
    throw std::runtime_error(s.path + ": no street name field (looked for FULLNAME, STREET, WHOLESTNAME, STREETNAME, ...); fields: " +
                             column_list(H) + ". Name it with the 'street' or 'name' field role");
  const int lf = field_for(H, s, "left_from"), lt = field_for(H, s, "left_to"), rf = field_for(H, s, "right_from"),
            rt = field_for(H, s, "right_to");
  auto used = [&](const char* role, int i) {
    if (i >= 0) rep.fields_used += (rep.fields_used.empty() ? "" : " ") + std::string(role) + "=" + H[static_cast<size_t>(i)];
  };
  used("id", id);
  if (parts) {
    used("pre_dir", pre);
    used("name", name);
    used("type", type);
    used("post_dir", post);
  } else {
    used("street", street);
  }
  used("left_from", lf);
  used("left_to", lt);
  used("right_from", rf);
  used("right_to", rt);
  if ((lf < 0) != (lt < 0) || (rf < 0) != (rt < 0))
    throw std::runtime_error(s.path + ": a side has a from field without its to field (or the reverse); fields: " + column_list(H));
  if (lf < 0 && rf < 0)
    rep.warnings.push_back(s.path + ": no address range fields; the centrelines serve intersections only");

  auto number_of = [&](const OGRFeature& f, int i) -> std::optional<int64_t> {
    const OGRFieldType ft = d->GetFieldDefn(i)->GetType();
    if (ft == OFTInteger || ft == OFTInteger64) {
      const GIntBig v = f.GetFieldAsInteger64(i);
      return v >= 0 ? std::optional<int64_t>(v) : std::nullopt;
    }
    return parse_house_number(f.GetFieldAsString(i));
  };
  auto range_of = [&](const OGRFeature& f, int from, int to) {
    HouseRange r;
    if (from < 0 || !f.IsFieldSetAndNotNull(from) || !f.IsFieldSetAndNotNull(to)) return r;
    auto a = number_of(f, from), b = number_of(f, to);
    if (!a || !b || (*a == 0 && *b == 0)) return r;
    r.from = *a;
    r.to = *b;
    return r;
  };
  std::vector<std::string> fields(H.size());
  std::vector<int> needed;  // only the fields used are read as text
  for (int i : {id, street, pre, name, type, post})
    if (i >= 0) needed.push_back(i);
  // Street texts repeat along a street's segments: parse each distinct one once.
  std::unordered_map<std::string, StreetName> parsed_streets;
  std::string street_key;
  layer->ResetReading();
  for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
    ++rep.features_in;
    for (int i : needed) fields[static_cast<size_t>(i)] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) {
      rep.skipped["no_geometry"] += 1;
      continue;
    }
    std::vector<double> xs, ys;
    const auto t = wkbFlatten(g->getGeometryType());
    auto add_line = [&](const OGRLineString* ls) {
      for (int i = 0; i < ls->getNumPoints(); ++i) {
        // Parts of a multi-line that continue where the previous ended share that vertex: keep it once.
        if (!xs.empty() && i == 0 && xs.back() == ls->getX(0) && ys.back() == ls->getY(0)) continue;
        xs.push_back(ls->getX(i));
        ys.push_back(ls->getY(i));
      }
    };
    if (t == wkbLineString) add_line(g->toLineString());
    else if (t == wkbMultiLineString)
      for (const OGRLineString* ls : *g->toMultiLineString()) add_line(ls);
    else {
      rep.skipped["not_a_line"] += 1;
      continue;
    }
    bool finite = !xs.empty();
    for (size_t i = 0; i < xs.size() && finite; ++i) finite = std::isfinite(xs[i]) && std::isfinite(ys[i]);
    if (!finite) {
      rep.skipped["invalid_geometry"] += 1;
      continue;
    }
    std::vector<bool> ok;
    if (tr.transform(xs, ys, ok) > 0) {
      rep.skipped["transform_failed"] += 1;
      continue;
    }
    street_key.clear();
    for (int i : {street, pre, name, type, post})
      if (i >= 0) (street_key += fields[static_cast<size_t>(i)]) += '\x1f';
    auto it = parsed_streets.find(street_key);
    if (it == parsed_streets.end())
      it = parsed_streets.emplace(street_key, street_of(fields, street, pre, parts ? name : -1, type, post)).first;
    const StreetName& st = it->second;
    if (st.empty()) {
      rep.skipped["no_street_name"] += 1;
      continue;
    }
    RangedSegment seg;
    seg.line.reserve(xs.size());
    for (size_t i = 0; i < xs.size(); ++i) seg.line.push_back({xs[i], ys[i]});
    seg.left = range_of(*f, lf, lt);
    seg.right = range_of(*f, rf, rt);
    seg.id = id >= 0 && !fields[static_cast<size_t>(id)].empty() ? fields[static_cast<size_t>(id)]
                                                                  : "feature " + std::to_string(f->GetFID());
    index_.add_segment(st, std::move(seg));
    ++rep.loaded;
  }
  return rep;
}

size_t Geocoder::compute_centreline_intersections() {
  const std::vector<RangedSegment>& segs = index_.segments();
  if (segs.size() < 2) return 0;
  GeosContext ctx;
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
  GEOSSTRtree* tree = GEOSSTRtree_create_r(h, 10);
  for (size_t i = 0; i < geoms.size(); ++i)
    if (geoms[i]) GEOSSTRtree_insert_r(h, tree, geoms[i].get(), reinterpret_cast<void*>(i + 1));
  struct Hits {
    std::vector<size_t> items;
  } hits;
  // Crossing points per pair of streets, then merged within the merge distance.
  std::unordered_map<uint64_t, std::vector<std::pair<XY, std::string>>> by_pair;
  for (size_t i = 0; i < geoms.size(); ++i) {
    if (!geoms[i]) continue;
    hits.items.clear();
    GEOSSTRtree_query_r(h, tree, geoms[i].get(), [](void* item, void* data) {
      static_cast<Hits*>(data)->items.push_back(reinterpret_cast<size_t>(item) - 1);
    }, &hits);
    const uint32_t si = index_.segment_street(i);
    for (size_t j : hits.items) {
      if (j <= i) continue;
      const uint32_t sj = index_.segment_street(j);
      if (si == sj) continue;
      if (GEOSIntersects_r(h, geoms[i].get(), geoms[j].get()) != 1) continue;
      GeosGeomPtr x = geos_owned(ctx, GEOSIntersection_r(h, geoms[i].get(), geoms[j].get()));
      if (!x) continue;
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
        const uint64_t key = (static_cast<uint64_t>(std::min(si, sj)) << 32) | std::max(si, sj);
        by_pair[key].push_back({{px, py}, "computed:" + segs[i].id + "/" + segs[j].id});
      }
    }
  }
  GEOSSTRtree_destroy_r(h, tree);
  const double merge = options_.intersection_merge_m / unit_m_;
  size_t added = 0;
  std::vector<uint64_t> keys;
  for (const auto& [k, v] : by_pair) keys.push_back(k);
  std::sort(keys.begin(), keys.end());  // deterministic order
  for (uint64_t k : keys) {
    auto& pts = by_pair[k];
    std::vector<bool> used(pts.size(), false);
    const StreetName a = index_.streets().street(static_cast<uint32_t>(k >> 32));
    const StreetName b = index_.streets().street(static_cast<uint32_t>(k & 0xffffffffu));
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
      index_.add_intersection({a, b}, {sx / n, sy / n}, pts[i].second);
      ++added;
    }
  }
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
