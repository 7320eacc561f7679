// A block gazetteer learnt from records that already have coordinates: (street, block) -> point.
//
// CMPD publishes each incident at a point snapped to its hundred block (LOCATION "7900 NATIONS FORD RD" plus the
// public point), so records of a newer export teach where each block lies and older or partial exports can be placed
// from them. Each block's point is the component-wise median of the points learnt for it (robust to a stray record).
// A block never seen is interpolated between the nearest known blocks of the same street (straight line between
// their points, by block number), when they are at most max_interpolation_span apart; just beyond the first or last
// known block it takes that block's point when within max_extrapolation.
// Streets are identified by ids from the caller's StreetMatcher.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/geocode/range_interpolation.h"

namespace hotspot {

struct GazetteerOptions {
  int64_t block_size = 100;
  // Defaults measured on the CMPD sample (learn 2017-2021, place 2022-2025): 500 keeps >= 90 % of placements within
  // 100 m of the published point; extrapolating one block beyond the known ones costs more accuracy than it gains.
  int64_t max_interpolation_span = 500;   // house numbers between the two known blocks around the query
  int64_t max_extrapolation = 0;          // house numbers beyond the first / last known block
};

struct GazetteerHit {
  enum class How { kExact, kInterpolated, kNearestBlock };
  How how = How::kExact;
  XY point;
  int64_t block = 0;            // the queried block
  int64_t lower_block = 0;      // kInterpolated: known blocks used; kNearestBlock: the block used (both)
  int64_t upper_block = 0;
  int64_t records = 0;          // records behind the block(s) used
  std::string describe() const; // "block 7900 seen 12 times", "interpolated between blocks 7800 and 8100"
};

class BlockGazetteer {
 public:
  explicit BlockGazetteer(GazetteerOptions options = {}) : options_(options) {}

  // Learns one record. Call finalize() after the last one.
  void add(uint32_t street_id, int64_t number, XY point);
  // Computes each block's median point. Idempotent; add() after finalize() needs another finalize().
  void finalize();

  std::optional<GazetteerHit> lookup(uint32_t street_id, int64_t number) const;

  // Range of known blocks of a street ("100-7900, 14 blocks"), for reject reasons; "" when the street is unknown.
  std::string known_blocks(uint32_t street_id) const;

  size_t streets() const { return streets_.size(); }
  size_t blocks() const;
  // Every known block's point (after finalize), sorted by x then y: the reference points public point layers are
  // snapped to (engine/privacy/generalise_points.h).
  std::vector<XY> block_points() const;
  int64_t records() const { return records_; }
  const GazetteerOptions& options() const { return options_; }

 private:
  struct Block {
    int64_t block = 0;
    XY point;
    int64_t count = 0;
  };
  struct Street {
    std::vector<std::pair<int64_t, XY>> raw;  // (block, point) as learnt
    std::vector<Block> blocks;                // sorted by block after finalize
  };
  GazetteerOptions options_;
  std::unordered_map<uint32_t, Street> streets_;
  int64_t records_ = 0;
};

}  // namespace hotspot
