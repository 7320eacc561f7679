#include "engine/geocode/address.h"

#include <algorithm>
#include <cctype>

#include "engine/geocode/street_types.h"

namespace hotspot {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

void append_joined(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out.push_back(' ');
  out.append(part);
}

// Reads a house number token: "123", "123A", "123-125" (first number), "10XX" (block). Returns -1 if not a number.
int64_t read_number(std::string_view tok, bool& block_form) {
  block_form = false;
  size_t i = 0;
  while (i < tok.size() && std::isdigit(static_cast<unsigned char>(tok[i]))) ++i;
  if (i == 0 || i > 12) return -1;
  int64_t n = 0;
  for (size_t k = 0; k < i; ++k) n = n * 10 + (tok[k] - '0');
  std::string_view rest = tok.substr(i);
  if (rest.empty()) return n;
  if (rest.find_first_not_of('X') == std::string_view::npos) {  // 10XX
    if (i + rest.size() > 12) return -1;  // no house number is that long (and it would overflow)
    block_form = true;
    for (size_t k = 0; k < rest.size(); ++k) n *= 10;
    return n;
  }
  if (rest == "-BLK" || rest == "-BLOCK") {  // 1000-BLK
    block_form = true;
    return n;
  }
  if (rest.size() == 1 && std::isalpha(static_cast<unsigned char>(rest[0]))) return n;  // 123A
  if (rest[0] == '-') {
    std::string_view r = rest.substr(1);
    if (all_digits(r) || (r.size() == 1 && std::isalpha(static_cast<unsigned char>(r[0])))) return n;  // 123-125, 12-B
  }
  return -1;
}

// Normalises the tokens of one street and splits them into directionals, name and type.
StreetName street_from_tokens(std::vector<std::string> toks) {
  // Spelled-out ordinals, and interstate forms "I 85", "I85", "INTERSTATE 85" -> "I-85".
  std::vector<std::string> t;
  t.reserve(toks.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    std::string& tok = toks[i];
    if (std::string_view o = ordinal_word_to_number(tok); !o.empty()) {
      t.emplace_back(o);
    } else if ((tok == "I" || tok == "INTERSTATE" || tok == "IH") && i + 1 < toks.size() && all_digits(toks[i + 1])) {
      t.push_back("I-" + toks[i + 1]);
      ++i;
    } else if (tok.size() > 1 && tok[0] == 'I' && all_digits(std::string_view(tok).substr(1))) {
      t.push_back("I-" + tok.substr(1));
    } else {
      t.push_back(std::move(tok));
    }
  }
  StreetName s;
  size_t b = 0, e = t.size();
  if (e - b >= 2) {
    if (std::string_view d = standard_directional(t[e - 1]); !d.empty() && standard_directional(t[e - 2]).empty()) {
      s.post_dir = d;
      --e;
    }
  }
  if (e - b >= 2) {
    if (std::string_view ty = standard_street_type(t[e - 1]); !ty.empty()) {  // "1ST ST": 1ST is the name
      s.type = ty;
      --e;
    }
  }
  if (e - b >= 2) {
    if (std::string_view d = standard_directional(t[b]); !d.empty()) {
      s.pre_dir = d;
      ++b;
    }
  }
  for (size_t i = b; i < e; ++i) append_joined(s.name, t[i]);
  if (s.name.empty() && !s.type.empty()) {  // a lone type word ("PLAZA"): keep it as the name
    s.name = s.type;
    s.type.clear();
  }
  return s;
}

}  // namespace

const char* to_string(AddressKind kind) {
  switch (kind) {
    case AddressKind::kEmpty: return "empty";
    case AddressKind::kHouse: return "house";
    case AddressKind::kBlock: return "block";
    case AddressKind::kIntersection: return "intersection";
    case AddressKind::kStreetOnly: return "street_only";
    case AddressKind::kUnparseable: return "unparseable";
  }
  return "?";
}

std::string StreetName::key() const {
  std::string k;
  k.reserve(pre_dir.size() + name.size() + type.size() + post_dir.size() + 3);
  append_joined(k, pre_dir);
  append_joined(k, name);
  append_joined(k, type);
  append_joined(k, post_dir);
  return k;
}

std::string ParsedAddress::normalized() const {
  std::string out;
  switch (kind) {
    case AddressKind::kHouse:
      out = std::to_string(number) + " " + street.key();
      break;
    case AddressKind::kBlock:
      out = std::to_string(number) + " BLOCK " + street.key();
      break;
    case AddressKind::kIntersection:
      out = street.key();
      for (const StreetName& c : cross) out += " & " + c.key();
      break;
    case AddressKind::kStreetOnly:
      out = street.key();
      break;
    default:
      break;
  }
  if (!unit.empty() && !out.empty()) out += " " + unit;
  return out;
}

std::vector<std::string_view> name_tokens(std::string_view name) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < name.size()) {
    size_t j = name.find(' ', i);
    if (j == std::string_view::npos) j = name.size();
    if (j > i) out.push_back(name.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::vector<std::string> address_tokens(std::string_view text) {
  std::vector<std::string> toks;
  std::string cur;
  auto flush = [&]() {
    // Strip leading/trailing hyphens ("-" alone, "ST-").
    size_t b = 0, e = cur.size();
    while (b < e && cur[b] == '-') ++b;
    while (e > b && cur[e - 1] == '-') --e;
    if (e > b) {
      const std::string_view t = std::string_view(cur).substr(b, e - b);
      toks.emplace_back(t == "AND" || t == "AT" ? std::string_view("&") : t);
    }
    cur.clear();
  };
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      cur.push_back(static_cast<char>(std::toupper(c)));
    } else if (c == '-') {
      cur.push_back('-');
    } else if (c == '\'' || c == '`') {
      // O'HARA -> OHARA
    } else if (c == '&' || c == '/' || c == '@' || c == '_' || c == '|' || c == '+') {
      flush();
      toks.emplace_back("&");
    } else if (c == '#') {
      flush();
      toks.emplace_back("#");
    } else if (c >= 0x80) {
      // Non-ASCII (accents, a stray Latin-1 byte): drop, it never carries address meaning in these exports.
    } else {
      flush();  // spaces, commas, periods, quotes, brackets
    }
  }
  flush();
  return toks;
}

StreetName parse_street_name(std::string_view text) {
  std::vector<std::string> toks = address_tokens(text);
  std::vector<std::string> kept;
  for (std::string& t : toks)
    if (t != "&" && t != "#") kept.push_back(std::move(t));
  return street_from_tokens(std::move(kept));
}

StreetName street_from_parts(std::string_view pre_dir, std::string_view name, std::string_view type,
                             std::string_view post_dir) {
  StreetName s;
  std::string joined;
  for (std::string_view part : {pre_dir, name, type, post_dir}) {
    for (std::string& t : address_tokens(part)) append_joined(joined, t);
  }
  // Parse the joined text so that "NORTH" in the directional field and "AV" in the type field normalise the
  // same way as in a one-field address; then trust the explicit fields where they were given.
  s = parse_street_name(joined);
  if (!pre_dir.empty() && s.pre_dir.empty()) {
    std::vector<std::string> d = address_tokens(pre_dir);
    if (d.size() == 1 && !standard_directional(d[0]).empty()) {
      // Directional given explicitly but absorbed into the name (e.g. a one-word name): split it out again.
      const std::string prefix = d[0] + " ";
      if (s.name.rfind(prefix, 0) == 0) {
        s.pre_dir = standard_directional(d[0]);
        s.name = s.name.substr(prefix.size());
      }
    }
  }
  return s;
}

namespace {

// "100 BLOCK OF A & B" or "100 A & B": a number before an intersection street adds nothing; drop it, and any
// number-like token it leaves in front ("7 10XX A" is "A"), so that the normalised street never starts with one.
void drop_leading_numbers(std::vector<std::string>& p) {
  bool block_form = false;
  while (p.size() > 1 && read_number(p[0], block_form) >= 0) {
    size_t skip = 1;
    if (p.size() > 2 && (p[1] == "BLOCK" || p[1] == "BLK")) skip = (p.size() > 3 && p[2] == "OF") ? 3 : 2;
    p.erase(p.begin(), p.begin() + static_cast<long>(skip));
  }
}

void set_unparseable(ParsedAddress& a, std::string error) {
  a.kind = AddressKind::kUnparseable;
  a.error = std::move(error);
}

// "A & B [& C ...]": the streets between the "&" tokens (numbers in front dropped, each street once).
void read_intersection(std::vector<std::string> toks, ParsedAddress& a) {
  std::vector<std::vector<std::string>> parts(1);
  for (std::string& t : toks) {
    if (t == "&") parts.emplace_back();
    else parts.back().push_back(std::move(t));
  }
  std::vector<StreetName> streets;
  for (std::vector<std::string>& p : parts) {
    drop_leading_numbers(p);
    if (p.empty()) continue;
    StreetName s = street_from_tokens(std::move(p));
    if (s.empty()) continue;
    bool dup = false;
    for (const StreetName& o : streets) dup = dup || o == s;
    if (!dup) streets.push_back(std::move(s));
  }
  if (streets.size() >= 2) {
    a.kind = AddressKind::kIntersection;
    a.street = std::move(streets[0]);
    a.cross.assign(std::make_move_iterator(streets.begin() + 1), std::make_move_iterator(streets.end()));
    return;
  }
  set_unparseable(a, streets.empty() ? "intersection separator without street names"
                                     : "intersection with only one street name (" + streets[0].key() + ")");
}

// After the house number: "1000 BLOCK OF ...", "1000 BLK ...", and any run of these words. A street never starts with
// BLOCK, BLK or OF, so that the normalised text ("0 BLOCK OF X" would be) cannot read back differently. Returns the
// index of the first street token; block_form is set when BLOCK or BLK was seen.
size_t skip_block_words(const std::vector<std::string>& toks, bool& block_form) {
  size_t i = 1;
  while (i < toks.size() && (toks[i] == "BLOCK" || toks[i] == "BLK" || toks[i] == "OF")) {
    block_form = block_form || toks[i] != "OF";
    ++i;
  }
  // "123 1/2 MAIN ST" arrives as 123 & 1 & 2 ... and is an intersection above only if '/' was used; a fraction
  // token "1-2" or "12" right after the number followed by more words is rare and left in the name.
  return i;
}

// Where the street ends at a unit designator: an unambiguous one (APT, STE, UNIT, BLDG, #, ...) that follows at least
// one street word, or any designator right after a street type or directional; toks.size() when there is none.
size_t unit_designator_at(const std::vector<std::string>& toks, size_t street_begin) {
  for (size_t k = street_begin + 1; k < toks.size(); ++k) {
    std::string_view u = standard_unit_designator(toks[k]);
    if (u.empty()) continue;
    const bool unambiguous = u == "APT" || u == "STE" || u == "UNIT" || u == "BLDG" || u == "#" || u == "RM" ||
                             u == "TRLR" || u == "SPC" || u == "FL" || u == "DEPT";
    const bool after_type = !standard_street_type(toks[k - 1]).empty() || !standard_directional(toks[k - 1]).empty();
    if (unambiguous || after_type) return k;
  }
  return toks.size();
}

// The unit from its designator at toks[at] to the end ("APT 4B").
std::string unit_text(const std::vector<std::string>& toks, size_t at) {
  std::string unit(standard_unit_designator(toks[at]));
  for (size_t k = at + 1; k < toks.size(); ++k) append_joined(unit, toks[k]);
  return unit;
}

// Why a parsed street is no street name, or nullptr when it is one.
const char* street_name_problem(const StreetName& s) {
  if (s.empty()) return "no street name";
  bool has_letter = false;
  for (char c : s.name) has_letter = has_letter || std::isalpha(static_cast<unsigned char>(c));
  if (!has_letter && s.type.empty()) return "no street name (only numbers)";
  return nullptr;
}

// A house or block address, or a street alone: the number in front, the street, then any unit.
void read_street_address(std::vector<std::string> toks, const AddressParseOptions& options, ParsedAddress& a) {
  size_t i = 0;
  bool block_form = false;
  const int64_t number = read_number(toks[0], block_form);
  if (number >= 0) {
    a.number = number;
    i = skip_block_words(toks, block_form);
  } else if (toks[0] == "BLOCK" || toks[0] == "BLK") {
    set_unparseable(a, "block without a number");
    return;
  }
  const size_t end = unit_designator_at(toks, i);
  if (end < toks.size()) a.unit = unit_text(toks, end);
  std::vector<std::string> street_toks(std::make_move_iterator(toks.begin() + static_cast<long>(i)),
                                       std::make_move_iterator(toks.begin() + static_cast<long>(end)));
  if (street_toks.empty()) {
    set_unparseable(a, number >= 0 ? "number without a street" : "no street name");
    return;
  }
  a.street = street_from_tokens(std::move(street_toks));
  if (const char* problem = street_name_problem(a.street)) {
    set_unparseable(a, problem);
  } else if (number < 0) {
    a.kind = AddressKind::kStreetOnly;
    a.error = "street without a house number or cross street";
  } else if (block_form || (options.hundreds_are_blocks && number % 100 == 0)) {
    a.kind = AddressKind::kBlock;
    a.number = number / 100 * 100;
  } else {
    a.kind = AddressKind::kHouse;
  }
}

}  // namespace

ParsedAddress parse_address(std::string_view text, const AddressParseOptions& options) {
  ParsedAddress a;  // every path returns this one object (no copy, no move)
  std::vector<std::string> toks = address_tokens(text);
  if (toks.empty()) {
    a.kind = AddressKind::kEmpty;
    a.error = "empty address";
  } else if (std::find(toks.begin(), toks.end(), "&") != toks.end()) {
    read_intersection(std::move(toks), a);
  } else {
    read_street_address(std::move(toks), options, a);
  }
  return a;
}

}  // namespace hotspot
