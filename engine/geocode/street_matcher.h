// Matching a street name from an address against the streets a reference knows, with a 0-100 score.
//
// Tiers: the exact normalised key (100); the same name with a missing or different directional or type; then, only
// when asked or when nothing better is found, tolerant name matching: edit distance (at most 1 edit for names of
// 4-7 letters, 2 for longer ones, none for shorter), numbers written another way ("16" for "16TH") and token
// containment ("I-85" inside "I-85 EXIT 41").
//
// Numbers are never fuzzy (street_numbers.h): an edit may fix the letters of a name but a name holding a number
// matches only names holding the same numbers, so "E 16TH ST" never matches "E 15TH ST", "E 150TH ST" or "E 5TH
// ST", "I-85" never "I-485" or "I-77", "US 29" never "US 21", "N I-77 EXIT 10B RA" never "... EXIT 10C RA".
//
// Score = 100 minus penalties:
//   directional (pre or post) in the reference, not in the query     -5 each
//   directional in the query, not in the reference                   -8 each
//   directional conflicting (N vs S)                                 -40 each
//   type in the reference only -5, in the query only -8, conflicting (ST vs AVE) -25
//   each edit of the name (Damerau: a swap of two letters is one)    -12
//   the same numbers written another way (16 vs 16TH, 09 vs 9)       -5
//   query name contained in a longer reference name                  -15
// So "NATIONS FORD RD" vs "NATIONS FORD RD" = 100, "ARROWOOD RD" vs "E ARROWOOD RD" = 95,
// "N TRYON ST" vs "S TRYON ST" = 60, "TRYNO ST" vs "TRYON ST" = 88, "I-85" vs "S I-85 EXIT 41 RAMP" = 75,
// "E 16 ST" vs "E 16TH ST" = 95, "E 16TH ST" vs "E 15TH ST" = 0.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/geocode/address.h"

namespace hotspot {

struct StreetMatch {
  uint32_t street_id = 0;
  int score = 0;            // 0-100
  const char* how = "";     // "exact", "directional missing", "fuzzy name", ...
};

struct StreetMatchOptions {
  int min_score = 70;           // candidates below are dropped
  bool tolerant = true;         // allow edit-distance and containment candidates
  bool exhaustive = false;      // run the tolerant tiers even when a same-name candidate reached min_score
  size_t max_candidates = 32;   // best first; ties at the cut are kept
};

class StreetMatcher {
 public:
  // Registers a street; the same key returns the same id. Ids are dense from 0.
  uint32_t add(const StreetName& street);
  // Id of exactly this street, or -1.
  int64_t find_exact(const StreetName& street) const;
  const StreetName& street(uint32_t id) const { return streets_[id]; }
  const std::string& key(uint32_t id) const { return keys_[id]; }
  size_t size() const { return streets_.size(); }

  // Candidates with score >= min_score, best first (then by id). Clears `out`.
  void match(const StreetName& query, const StreetMatchOptions& options, std::vector<StreetMatch>& out) const;

  // Score of a query street against one reference street (0-100), with `how` describing the worst difference.
  static int score(const StreetName& query, const StreetName& ref, const char** how = nullptr);

  // Levenshtein distance, or max_distance + 1 as soon as it is known to exceed max_distance.
  static int edit_distance(std::string_view a, std::string_view b, int max_distance);

 private:
  static int name_edits_allowed(size_t length);
  // Penalty for two different bare names (-1: no match), with `how` describing the difference.
  static int name_penalty(const std::string& query, const std::string& ref, const char** how);
  uint32_t add_name(const std::string& name);
  // Appends the streets of name `nid` that score at least o.min_score and are not in `out` yet.
  void add_streets_of_name(const StreetName& q, uint32_t nid, const StreetMatchOptions& o, std::vector<StreetMatch>& out) const;
  // Names near `name`: one edit away, the same number written another way, or containing every token of it.
  std::vector<uint32_t> tolerant_candidates(const std::string& name) const;
  // Names holding every token of `name`, found through its rarest token (at most a few thousand scanned).
  void add_containing_names(const std::string& name, std::vector<uint32_t>& nids) const;

  std::vector<StreetName> streets_;
  std::vector<std::string> keys_;
  std::unordered_map<std::string, uint32_t> by_key_;
  // Distinct bare names (without directionals and type) and the streets carrying each.
  std::vector<std::string> names_;
  std::vector<std::vector<uint32_t>> streets_of_name_;
  std::unordered_map<std::string, uint32_t> by_name_;
  // Tolerant tiers: one-deletion neighbourhoods of the names (edit distance) and tokens (containment).
  std::unordered_map<std::string, std::vector<uint32_t>> deletions_;
  std::unordered_map<std::string, std::vector<uint32_t>> names_with_token_;
  // Names holding a number, by their number form (street_numbers.h): "16 ST" finds "16TH ST".
  std::unordered_map<std::string, std::vector<uint32_t>> by_number_form_;
};

}  // namespace hotspot
