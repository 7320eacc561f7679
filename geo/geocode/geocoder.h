// The offline geocoder: reference data from any OGR source (or CSV with coordinate columns), in the analysis CRS,
// and the matching of addresses against it (engine/geocode/geocode_index.h does the matching).
//
// Reference kinds (ReferenceKind), field names configurable, detected from common names when not given:
//   address points   number + street (or one full-address field), point geometry / coordinate columns
//   centrelines      street name (one field, or pre-directional/name/type/post-directional fields) and TIGER-style
//                    left/right from/to house numbers (LFROMADD/LTOADD/RFROMADD/RTOADD, Esri FROMLEFT/...);
//                    lines in any CRS. Intersections of differently named centrelines are computed with GEOS.
//   intersections    named points: the name holds two or more streets joined by & / _ AND AT (CDOT UNITDESC)
//   gazetteer        records that already have coordinates + a block/house address (CMPD LOCATION + public point)
//
// Bad reference features (no geometry, invalid geometry, unreadable name) are skipped and counted by reason in
// the load report; a layer without the needed fields is an error naming the fields it has.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/geocode/geocode_index.h"
#include "engine/core/point.h"
#include "geo/gdal/crs.h"
#include "geo/read/ingest.h"

namespace hotspot {

enum class ReferenceKind { kAuto, kAddressPoints, kCentrelines, kIntersections, kGazetteer };
const char* to_string(ReferenceKind kind);  // "auto", "address_points", "centrelines", "intersections", "gazetteer"
// Parses those names (and "points", "centerlines", "streets", "signals", "blocks"); throws std::invalid_argument.
ReferenceKind parse_reference_kind(const std::string& text);

struct ReferenceSource {
  ReferenceKind kind = ReferenceKind::kAuto;
  std::string path;
  std::string layer;          // OGR layer; empty = first
  std::string source_crs;     // CSV without .prj: the coordinates' CRS (X/Y within lon/lat bounds: EPSG:4326 assumed)
  std::string x_column, y_column;  // CSV point coordinates; empty = detected
  // Field roles -> column names, all optional (detected when absent):
  //   id, number, street, address (full address), pre_dir, name, type, post_dir,
  //   left_from, left_to, right_from, right_to, intersection (name), location (gazetteer address)
  std::map<std::string, std::string> fields;
};

struct ReferenceLoadReport {
  std::string path;
  ReferenceKind kind = ReferenceKind::kAuto;
  int64_t features_in = 0;
  int64_t loaded = 0;
  std::map<std::string, int64_t> skipped;  // reason -> count
  std::string fields_used;                  // "intersection=UNITDESC id=OBJECTID"
  std::vector<std::string> warnings;
  std::string summary() const;              // one line
};

struct GeocoderOptions {
  int min_score = 70;                   // 0-100
  double side_offset_m = 10.0;          // house numbers on centrelines: set off to their side by this much
  double tie_cluster_m = 300.0;         // tied candidates within this distance are placed at their centroid
  double intersection_merge_m = 20.0;   // computed centreline crossings of the same two streets closer than this merge
  bool hundreds_are_blocks = false;     // "7900 NATIONS FORD RD" read as the 7900 block (CMPD LOCATION)
  int64_t gazetteer_max_interpolation_span = 500;  // house numbers between known blocks
  int64_t gazetteer_max_extrapolation = 0;         // house numbers beyond the first/last known block
};

class Geocoder {
 public:
  // All reference data is transformed to `analysis_crs` (projected; throws std::invalid_argument otherwise).
  explicit Geocoder(const Crs& analysis_crs, GeocoderOptions options = {});
  ~Geocoder();
  Geocoder(Geocoder&&) noexcept;
  Geocoder& operator=(Geocoder&&) noexcept;

  // Loads one reference source. Throws std::runtime_error naming the file for a missing file, an unknown kind,
  // or missing fields. Call finalize() after the last load.
  ReferenceLoadReport load(const ReferenceSource& source);
  // Adds the points where centrelines of differently named streets cross or touch (GEOS); returns how many.
  size_t compute_centreline_intersections();
  // The block gazetteer learnt one record at a time (records of the input being read that have coordinates, in
  // this geocoder's CRS): adds the block of a house or block address at `p`; other text is counted as skipped in
  // `report`. Call finalize() after the last one.
  void learn_block(std::string_view address, const Point& p, ReferenceLoadReport& report);
  // Builds the gazetteer and reverse-lookup indexes; needed after loading and before geocoding.
  void finalize();

  GeocodeResult geocode(std::string_view address) const;
  // Nearest named intersection to a point in the analysis CRS (for labelling hotspots).
  std::optional<NamedIntersection> nearest_intersection(double x, double y) const;
  // WGS 84 lon/lat of a point in the analysis CRS; false when PROJ fails.
  bool to_lonlat(double x, double y, double& lon, double& lat) const;

  const Crs& crs() const;
  const GeocoderOptions& options() const { return options_; }
  const GeocodeIndex& index() const { return index_; }
  double crs_unit_m() const { return unit_m_; }

 private:
  ReferenceLoadReport load_points(const ReferenceSource& s, ReferenceKind kind);
  ReferenceLoadReport load_centrelines(const ReferenceSource& s);

  Crs crs_;
  GeocoderOptions options_;
  double unit_m_ = 1.0;
  GeocodeIndex index_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- The simple API for reports (e.g. priority areas named by an intersection).

struct IntersectionPlacement {
  bool ok = false;
  Point point;               // analysis CRS of the geocoder
  int score = 0;
  std::string matched;       // the reference name(s) matched, e.g. "BEATTIES FORD RD & LASALLE ST"
  std::string reason;        // when !ok: why, in a sentence
};

// Loads a named-intersection points layer (e.g. data/charlotte/cdot_signals.csv, name field UNITDESC; empty =
// detected) into a ready geocoder in `analysis_crs`.
Geocoder load_intersection_reference(const std::string& path, const Crs& analysis_crs,
                                     const std::string& name_field = "", GeocoderOptions options = {});

// Geocodes one intersection name ("BEATTIES FORD RD & LASALLE ST", "CENTRAL AV / N SHARON AMITY RD").
// Text that is not an intersection is refused with a reason.
IntersectionPlacement geocode_intersection(const Geocoder& geocoder, std::string_view name);

// ---- Inputs of the geocode command.

// An analysis CRS chosen from a reference: its own CRS when projected, else the WGS 84 UTM zone of its data.
Crs default_analysis_crs(const ReferenceSource& reference);

// ---- Ingest hook: places rows without coordinates from their address column(s).

class GeocodingResolver final : public CoordinateResolver {
 public:
  // address_columns: one column with the whole address, or several joined with spaces (e.g. number + street).
  // `geocoder` must be finalized.
  GeocodingResolver(const Geocoder& geocoder, std::vector<std::string> address_columns);
  // Also learns a block gazetteer from the input's own records that have coordinates (the addresses in
  // `location_column`), so the input is read once; finalizes `geocoder` when every such record was seen.
  GeocodingResolver(Geocoder& geocoder, std::vector<std::string> address_columns, std::string location_column);
  ~GeocodingResolver() override;
  // Throws std::runtime_error when an address column (or the location column) is not in the header.
  void prepare(const std::vector<std::string>& header, const Crs& analysis_crs) override;
  std::optional<Point> resolve(const std::vector<std::string>& fields, std::string& why) override;
  bool learns_from_input() const override { return learner_ != nullptr; }
  void learn(const std::vector<std::string>& fields, const Point& point_in_analysis_crs) override;
  void ready() override;

  std::string columns_label() const override;

  // Counts by match type ("address_point", ..., "none") of the rows resolved so far.
  const std::map<std::string, int64_t>& counts() const { return counts_; }
  // Counts by reason code ("empty_address", "no_such_street", ...) of the rows not placed.
  const std::map<std::string, int64_t>& reasons() const { return reasons_; }
  // The match of the n-th resolve() call (IngestedRecord::resolution).
  const GeocodeResult& match(int64_t resolution) const { return matches_.at(static_cast<size_t>(resolution)); }
  // The gazetteer learnt from the input (kind gazetteer, path empty); empty when not learning.
  const ReferenceLoadReport& learnt() const { return learnt_; }

 private:
  const Geocoder& geocoder_;
  Geocoder* learner_ = nullptr;
  std::vector<std::string> columns_;
  std::string location_column_;
  std::vector<int> index_;
  int location_index_ = -1;
  std::unique_ptr<CrsTransform> to_analysis_;
  std::unique_ptr<CrsTransform> to_geocoder_;
  std::map<std::string, int64_t> counts_;
  std::map<std::string, int64_t> reasons_;
  std::vector<GeocodeResult> matches_;
  ReferenceLoadReport learnt_;
};

}  // namespace hotspot
