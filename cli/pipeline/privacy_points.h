// The public profile's point layer (cli/pipeline/privacy_options.h, point_generalisation): the incidents as hundred
// blocks (snapped to the geocoder's block reference points, at least k incidents per point, field INCIDENTS) or
// donut-masked (one point per incident, no attribute), never their own positions, addresses or fields. Used by the
// run (incidents_public.geojson, drawn in map.html) and by `hotspot geocode --profile public`.
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/context.h"
#include "cli/pipeline/privacy_options.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

struct PublicPoints {
  VectorLayer layer;                // point layer in the analysis CRS; empty for Points::omit
  size_t incidents = 0;             // points given
  size_t published = 0;             // features
  size_t dropped = 0;               // incidents in no feature (below k, near no block point, no clear donut draw)
  std::string describe() const;     // "412 hundred-block points for 18,977 incidents; 21 dropped"
};

// The block reference points of the geocoder's gazetteer (learnt or loaded), analysis CRS; empty when none.
std::vector<Point> block_reference_points(const Context& ctx);

// REQUIRES: privacy.is_public(); for hundred_block, `references` not empty (else std::runtime_error).
PublicPoints public_points(const std::vector<Point>& incidents, const std::vector<Point>& references,
                           const PrivacyOptions& privacy, double crs_unit_m, int threads);

}  // namespace hotspot::cli
