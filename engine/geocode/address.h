// Parsing and normalisation of the addresses police records carry:
//   house addresses       "123 N Tryon St. Apt 4"          -> number 123, street N TRYON ST, unit APT 4
//   hundred blocks        "1000 BLOCK OF N TRYON ST", "10XX N TRYON ST", "1000 BLK N TRYON"
//   intersections         "BEATTIES FORD RD & LASALLE ST", "CENTRAL AV / N SHARON AMITY RD",
//                         "A AND B", "A AT B", "A @ B", CDOT's "BEATTIES FORD RD_LASALLE ST" (any number of streets)
// Streets are split into pre-directional, name, type (USPS standard abbreviation, local forms such as AV, BV, HY,
// PY accepted) and post-directional. Everything is upper-cased; punctuation other than '-' inside a token is dropped.
// Pure: no I/O, no geometry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

struct StreetName {
  std::string pre_dir;   // standard directional (N, S, E, W, NE, ...) or ""
  std::string name;      // "NATIONS FORD", "I-85 EXIT 41", "1ST"
  std::string type;      // USPS standard abbreviation (RD, AVE, BLVD, PKWY, ...) or ""
  std::string post_dir;  // standard directional or ""

  bool empty() const { return name.empty(); }
  // "N TRYON ST": the non-empty parts joined by single spaces. The identity of a street everywhere.
  std::string key() const;
  bool operator==(const StreetName&) const = default;
};

enum class AddressKind {
  kEmpty,         // blank text
  kHouse,         // number + street
  kBlock,         // block number + street ("1000 BLOCK OF ...", "10XX ...", or a hundred when asked)
  kIntersection,  // two or more streets
  kStreetOnly,    // a street with neither number nor cross street: cannot be placed on a point
  kUnparseable,   // text that is not an address (error says why)
};

const char* to_string(AddressKind kind);

struct ParsedAddress {
  AddressKind kind = AddressKind::kEmpty;
  int64_t number = -1;               // house number, or the first number of the block (1000 for the 1000 block)
  StreetName street;                 // the street (first street of an intersection)
  std::vector<StreetName> cross;     // intersections: the other streets (at least one)
  std::string unit;                  // "APT 4", "# 12", "STE 200"
  std::string error;                 // why it is kEmpty / kStreetOnly / kUnparseable

  // Canonical text: "7900 NATIONS FORD RD", "1000 BLOCK N TRYON ST", "BEATTIES FORD RD & LASALLE ST".
  std::string normalized() const;
};

struct AddressParseOptions {
  // Read a house number that is a multiple of 100 as a block ("7900 NATIONS FORD RD" in CMPD's hundred-block
  // LOCATION column). Off: it is a house number.
  bool hundreds_are_blocks = false;
};

ParsedAddress parse_address(std::string_view text, const AddressParseOptions& options = {});

// A street name on its own ("N Tryon Street", "BEATTIES FORD RD"); empty name when nothing is left.
StreetName parse_street_name(std::string_view text);

// Builds a street from separate fields (TIGER / county centreline style); each part is normalised.
StreetName street_from_parts(std::string_view pre_dir, std::string_view name, std::string_view type,
                             std::string_view post_dir);

// The space-separated tokens of a normalised name: "I-85 EXIT 41" -> I-85, EXIT, 41 (views into `name`).
std::vector<std::string_view> name_tokens(std::string_view name);

// Upper-case tokens with punctuation removed; intersection separators (& / @ _ AND AT) become the token "&".
std::vector<std::string> address_tokens(std::string_view text);

}  // namespace hotspot
