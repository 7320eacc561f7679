#include "engine/geocode/street_numbers.h"

#include <cctype>

#include "engine/geocode/address.h"

namespace hotspot {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// "16TH" -> "16", "016" -> "16", "0" -> "0"; any other token is returned unchanged.
std::string_view number_value(std::string_view token) {
  size_t digits = 0;
  while (digits < token.size() && is_digit(token[digits])) ++digits;
  if (digits == 0) return token;
  const std::string_view suffix = token.substr(digits);
  if (!suffix.empty() && suffix != "ST" && suffix != "ND" && suffix != "RD" && suffix != "TH") return token;
  size_t lead = 0;
  while (lead + 1 < digits && token[lead] == '0') ++lead;
  return token.substr(lead, digits - lead);
}

}  // namespace

bool street_name_has_number(std::string_view name) {
  for (char c : name)
    if (is_digit(c)) return true;
  return false;
}

std::vector<std::string> street_name_numbers(std::string_view name) {
  std::vector<std::string> out;
  for (std::string_view t : name_tokens(name))
    if (street_name_has_number(t)) out.emplace_back(number_value(t));
  return out;
}

std::string street_name_number_form(std::string_view name) {
  std::string out;
  for (std::string_view t : name_tokens(name)) {
    if (!out.empty()) out.push_back(' ');
    out.append(number_value(t));
  }
  return out;
}

}  // namespace hotspot
