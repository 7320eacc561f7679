// One reference of the geocoder written as text, the same on the command line (`--reference`) and in the run
// config (`geocode.reference`): [KIND=]PATH[?role=COLUMN&...], KIND one of address_points, centrelines,
// intersections, gazetteer (default: detected); besides the field roles, the keys layer, crs (the source CRS), x and
// y (coordinate columns).
#pragma once

#include <string>

#include "geo/geocode/geocoder.h"

namespace hotspot::cli {

// Throws std::invalid_argument naming the text.
ReferenceSource parse_reference_spec(const std::string& spec);
// The text parse_reference_spec reads back to the same source.
std::string reference_spec_text(const ReferenceSource& source);

}  // namespace hotspot::cli
