#include "engine/core/timestamp.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace hotspot {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

struct Civil {
  int64_t y;
  unsigned m, d;
};

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool read_int(std::string_view s, size_t& i, size_t digits_min, size_t digits_max, int64_t& out) {
  size_t start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < digits_max) ++i;
  if (i - start < digits_min) return false;
  out = 0;
  for (size_t k = start; k < i; ++k) out = out * 10 + (s[k] - '0');
  return true;
}

bool valid_date(int64_t y, int64_t m, int64_t d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  return y >= 1800 && y <= 2200;
}

// Parses "[T| ]HH:MM[:SS[.fff]][Z]" from position i to the end.
bool read_time(std::string_view s, size_t i, int64_t& ms_of_day) {
  ms_of_day = 0;
  if (i == s.size()) return true;
  if (s[i] != 'T' && s[i] != ' ') return false;
  ++i;
  int64_t hh = 0, mm = 0, ss = 0, frac = 0;
  if (!read_int(s, i, 2, 2, hh) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!read_int(s, i, 2, 2, mm)) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!read_int(s, i, 2, 2, ss)) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t start = i;
      int64_t f = 0;
      if (!read_int(s, i, 1, 9, f)) return false;
      size_t nd = i - start;
      while (nd < 3) { f *= 10; ++nd; }
      while (nd > 3) { f /= 10; --nd; }
      frac = f;
    }
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) ++i;
  if (i != s.size() || hh > 23 || mm > 59 || ss > 60) return false;
  ms_of_day = ((hh * 60 + mm) * 60 + ss) * 1000 + frac;
  return true;
}

}  // namespace

std::optional<int64_t> parse_timestamp_ms(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  // Epoch milliseconds: optional sign, digits, optional ".0..."
  {
    size_t i = 0;
    if (text[0] == '-') i = 1;
    size_t digits_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    size_t digits = i - digits_start;
    bool ok = digits >= 9 && digits <= 15;
    if (ok && i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && text[i] == '0') ++i;
    }
    if (ok && i == text.size()) {
      int64_t v = 0;
      auto r = std::from_chars(text.data() + (text[0] == '-' ? 1 : 0), text.data() + digits_start + digits, v);
      if (r.ec == std::errc()) return text[0] == '-' ? -v : v;
    }
  }
  size_t i = 0;
  int64_t y = 0, m = 0, d = 0;
  if (read_int(text, i, 4, 4, y) && i < text.size() && (text[i] == '-' || text[i] == '/')) {
    const char sep = text[i++];
    if (!read_int(text, i, 1, 2, m) || i >= text.size() || text[i] != sep) return std::nullopt;
    ++i;
    if (!read_int(text, i, 1, 2, d)) return std::nullopt;
  } else {
    i = 0;
    if (!read_int(text, i, 1, 2, m) || i >= text.size() || text[i] != '/') return std::nullopt;
    ++i;
    if (!read_int(text, i, 1, 2, d) || i >= text.size() || text[i] != '/') return std::nullopt;
    ++i;
    if (!read_int(text, i, 4, 4, y)) return std::nullopt;
  }
  if (!valid_date(y, m, d)) return std::nullopt;
  int64_t tod = 0;
  if (!read_time(text, i, tod)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400000LL + tod;
}

int year_of_ms(int64_t ms) { return static_cast<int>(civil_from_days(floor_div(ms, 86400000LL)).y); }

std::string format_date(int64_t ms) {
  const Civil c = civil_from_days(floor_div(ms, 86400000LL));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return buf;
}

}  // namespace hotspot
