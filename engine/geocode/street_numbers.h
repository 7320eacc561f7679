// The numbers a street name carries, the part of a name that fuzzy matching must never change: E 16TH ST and
// E 15TH ST are different streets one letter apart, as are I-85 and I-485, US 29 and US 21, exits 10B and 10C.
//
// A number token is a name token holding a digit. An ordinal ("16TH", "1ST", "22ND", "3RD") and a plain number
// ("16", "016") stand for their value ("16"); any other token with a digit ("I-85", "10B", "3RD-4TH") stands for
// itself. Spelled-out ordinals ("SIXTEENTH") arrive here already as "16TH" (the address parser converts them).
// Pure: no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// The number tokens of a street name, in order: "16TH" -> {"16"}, "I-85 EXIT 41" -> {"I-85", "41"}, "TRYON" -> {}.
std::vector<std::string> street_name_numbers(std::string_view name);

// The name with every ordinal or plain number replaced by its value: "16TH" -> "16", "W 5TH ST EXT" keeps its
// words; two names with the same form differ at most in how their numbers are written.
std::string street_name_number_form(std::string_view name);

// True when the name holds a digit.
bool street_name_has_number(std::string_view name);

}  // namespace hotspot
