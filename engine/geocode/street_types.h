// Street vocabulary for address normalisation: street types (suffixes), directionals and unit designators.
//
// Street types follow USPS Publication 28 appendix C1: every common or written form maps to the Postal Service
// standard abbreviation ("AVENUE", "AVE", "AV" -> "AVE"). The table also carries the local two-letter forms seen
// in CMPD and CDOT exports (AV, BV, HY, PY, CR, WY, TL, RA, ...), which Publication 28 does not list.
// Directionals map to N, S, E, W, NE, NW, SE, SW; unit designators (Publication 28 appendix C2) to their standard
// abbreviation ("APARTMENT" -> "APT", "#" -> "#").
#pragma once

#include <string_view>

namespace hotspot {

// The standard abbreviation for a street type token (upper case, no punctuation), or "" when it is not a type.
std::string_view standard_street_type(std::string_view token);

// The standard directional ("NORTH" -> "N", "NORTHEAST"/"NE" -> "NE"), or "" when it is not a directional.
std::string_view standard_directional(std::string_view token);

// The standard unit designator ("APARTMENT" -> "APT", "SUITE" -> "STE", "#" -> "#"), or "".
std::string_view standard_unit_designator(std::string_view token);

// "FIRST" -> "1ST" ... "TWENTIETH" -> "20TH"; "" for anything else.
std::string_view ordinal_word_to_number(std::string_view token);

}  // namespace hotspot
