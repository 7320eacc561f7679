#include "engine/disparity/value_bands.h"

#include <charconv>
#include <optional>

#include "engine/core/text.h"

namespace hotspot {

namespace {

std::optional<int> whole_number(std::string_view text) {
  const std::string t = trim(text);
  int v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

std::string age_band(std::string_view years) {
  const std::optional<int> a = whole_number(years);
  if (!a) return "";
  if (*a < 18) return "under 18";
  if (*a < 25) return "18-24";
  if (*a < 35) return "25-34";
  if (*a < 45) return "35-44";
  if (*a < 55) return "45-54";
  if (*a < 65) return "55-64";
  return "65+";
}

std::string experience_band(std::string_view years) {
  const std::optional<int> y = whole_number(years);
  if (!y) return "";
  if (*y <= 2) return "0-2";
  if (*y <= 5) return "3-5";
  if (*y <= 10) return "6-10";
  if (*y <= 20) return "11-20";
  return "21+";
}

}  // namespace hotspot
