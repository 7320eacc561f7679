// The geocoder's reference, in memory, and the matching of one address against it. Pure: the reference arrives as
// plain streets, numbers and coordinates in the analysis CRS (geo/geocode/geocoder.h loads it from OGR sources).
//
// Reference kinds, tried in this order for a house number: address points (exact number on the street), street
// centreline ranges (interpolated, set off to the side), the block gazetteer (learnt block points). A block tries
// centreline ranges (the block's middle) and then the gazetteer. An intersection is looked up among intersection
// points (a named points layer such as traffic signals) and intersections computed from centrelines.
//
// Streets are matched with StreetMatcher (exact first, then tolerant); the score of a placement is the street score
// minus a placement penalty (parity mismatch, gazetteer interpolation, ...). Equal best candidates are ties: when
// their points lie within tie_cluster_crs of each other they are placed at their centroid (the Sugar Creek Rd & I-85
// interchange with two ramp signals), otherwise the record is rejected as ambiguous. Nothing is dropped silently:
// every failure has a reason code and a sentence.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/geocode/address.h"
#include "engine/geocode/block_gazetteer.h"
#include "engine/core/point.h"
#include "engine/geocode/range_interpolation.h"
#include "engine/geocode/street_matcher.h"

namespace hotspot {

enum class MatchType { kNone, kAddressPoint, kRange, kBlock, kIntersection };
const char* to_string(MatchType type);  // "none", "address_point", "range", "block", "intersection"

// Reason codes of unplaced addresses (the rejects file's `reason` is reason::kNotGeocoded; these go in its detail
// and in the per-reason summary).
namespace geocode_reason {
inline constexpr const char* kEmpty = "empty_address";
inline constexpr const char* kUnparseable = "unparseable_address";
inline constexpr const char* kNoNumber = "no_number_or_cross_street";
inline constexpr const char* kStreetNotFound = "street_not_found";
inline constexpr const char* kBelowMinScore = "below_min_score";
inline constexpr const char* kNumberNotInRange = "number_not_in_range";
inline constexpr const char* kNoIntersection = "streets_do_not_meet";
inline constexpr const char* kAmbiguous = "ambiguous";
}  // namespace geocode_reason

struct GeocodeOptions {
  int min_score = 70;                 // placements scoring lower are rejected (below_min_score)
  double side_offset_crs = 0.0;       // house numbers on centrelines: set off this far to their side
  double tie_cluster_crs = 0.0;       // tied candidates closer than this are placed at their centroid
  AddressParseOptions parse;          // e.g. hundreds_are_blocks for CMPD LOCATION values
  GazetteerOptions gazetteer;
};

struct GeocodeResult {
  MatchType type = MatchType::kNone;
  XY point;                           // analysis CRS (when type != kNone)
  int score = 0;                      // 0-100
  std::string ref_id;                 // matched reference id(s), ';'-separated for a tie centroid
  std::string matched;                // the reference's text for the match, e.g. "E ARROWOOD RD & NATIONS FORD RD"
  std::string detail;                 // how it was placed ("street: directional missing; block interpolated ...")
  int ties = 0;                       // other candidates with the same best score
  std::string normalized;             // the parsed input, normalised
  const char* reason_code = "";       // when not placed: a geocode_reason code
  std::string reason;                 // when not placed: why, in a sentence

  bool placed() const { return type != MatchType::kNone; }
};

struct NamedIntersection {
  std::string name;                   // "BEATTIES FORD RD & LASALLE ST"
  std::string id;
  XY point;
  double distance_crs = 0.0;
};

class GeocodeIndex {
 public:
  explicit GeocodeIndex(GeocodeOptions options = {});
  ~GeocodeIndex();
  GeocodeIndex(GeocodeIndex&&) noexcept;
  GeocodeIndex& operator=(GeocodeIndex&&) noexcept;

  const GeocodeOptions& options() const { return options_; }
  GeocodeOptions& options() { return options_; }

  // ---- Loading (then call finalize()).
  void add_address_point(const StreetName& street, int64_t number, XY point, std::string id);
  void add_segment(const StreetName& street, RangedSegment segment);
  // A named intersection point joining two or more streets (every pair of them is indexed).
  void add_intersection(const std::vector<StreetName>& streets, XY point, std::string id);
  // One record with coordinates for the block gazetteer (a house or block address).
  void add_known_block(const StreetName& street, int64_t number, XY point);
  // Builds the gazetteer medians and the reverse-lookup index. Needed before geocode() after any add.
  void finalize();

  // ---- Queries (const, safe to call from several threads after finalize()).
  GeocodeResult geocode(std::string_view address) const;
  GeocodeResult geocode(const ParsedAddress& address) const;
  // Nearest intersection point (loaded or computed) to (x, y); nullopt when there is none.
  std::optional<NamedIntersection> nearest_intersection(double x, double y) const;

  // ---- Contents.
  const StreetMatcher& streets() const { return matcher_; }
  size_t address_point_count() const { return address_points_.size(); }
  size_t segment_count() const { return segments_.size(); }
  size_t intersection_count() const { return intersections_.size(); }
  const BlockGazetteer& gazetteer() const { return gazetteer_; }
  // Segments of a street (for computing intersections from centrelines).
  const std::vector<RangedSegment>& segments() const { return segments_; }
  uint32_t segment_street(size_t i) const { return segment_street_[i]; }

 private:
  struct AddressPointEntry {
    XY point;
    std::string id;
  };
  struct IntersectionEntry {
    XY point;
    std::string id;
    std::string name;
  };
  struct Placement {
    XY point;
    int score;
    std::string ref_id;
    std::string matched;
    std::string detail;
    uint32_t street_id;
  };
  struct NumberPlacement;  // the steps of place_number(), in geocode_index.cc
  GeocodeResult place_number(const ParsedAddress& a) const;
  GeocodeResult place_intersection(const ParsedAddress& a) const;
  GeocodeResult finish(std::vector<Placement> best, MatchType type, const char* ambiguous_what) const;
  void unplaced_street(const StreetName& s, GeocodeResult& r) const;

  GeocodeOptions options_;
  StreetMatcher matcher_;
  std::unordered_map<uint64_t, std::vector<AddressPointEntry>> address_points_;  // (street, number)
  std::vector<RangedSegment> segments_;
  std::vector<uint32_t> segment_street_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> segments_of_street_;
  std::vector<IntersectionEntry> intersections_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> intersections_of_pair_;
  BlockGazetteer gazetteer_;
  struct Reverse;
  std::unique_ptr<Reverse> reverse_;
};

}  // namespace hotspot
