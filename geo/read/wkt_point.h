// A point written as text in one column, as open-data portals export geometry: WKT "POINT (x y)", "POINT(x y)",
// "POINT Z (x y z)", and EWKT "SRID=4326;POINT (x y)" (the SRID is not read: the CRS comes from the options or the
// lon/lat range). Read with OGR's WKT parser.
#pragma once

#include <string>

namespace hotspot {

enum class WktPointRead { point, empty, not_a_point, unreadable };

// Reads `text`; x and y are set only for WktPointRead::point. Empty text and "POINT EMPTY" are `empty`.
WktPointRead read_wkt_point(const std::string& text, double& x, double& y);

}  // namespace hotspot
