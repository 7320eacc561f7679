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

// Which calendar form the date part had; it decides the time forms that may follow.
enum class DateForm { kIso, kUs };

struct ClockTime {
  int64_t hh = 0, mm = 0, ss = 0, ms = 0;
};

// "HH:MM[:SS[.fff]]" from position i (the hour may have one digit in the US form: "7:05 PM").
bool read_clock(std::string_view s, size_t& i, DateForm form, ClockTime& t) {
  if (!read_int(s, i, form == DateForm::kUs ? 1 : 2, 2, t.hh) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!read_int(s, i, 2, 2, t.mm)) return false;
  if (i >= s.size() || s[i] != ':') return true;
  ++i;
  if (!read_int(s, i, 2, 2, t.ss)) return false;
  if (i >= s.size() || s[i] != '.') return true;
  ++i;
  const size_t start = i;
  if (!read_int(s, i, 1, 9, t.ms)) return false;
  for (size_t nd = i - start; nd < 3; ++nd) t.ms *= 10;
  for (size_t nd = i - start; nd > 3; --nd) t.ms /= 10;
  return true;
}

// ISO zone designator from position i to the end: "", "Z", "+hh:mm", "-hh:mm", "+hhmm" or "+hh".
bool read_zone(std::string_view s, size_t i, int64_t& offset_min) {
  offset_min = 0;
  if (i == s.size()) return true;
  if (s[i] == 'Z' || s[i] == 'z') return i + 1 == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  const int64_t sign = s[i++] == '-' ? -1 : 1;
  int64_t hh = 0, mm = 0;
  if (!read_int(s, i, 2, 2, hh)) return false;
  const bool colon = i < s.size() && s[i] == ':';
  if (colon) ++i;
  if ((colon || i < s.size()) && !read_int(s, i, 2, 2, mm)) return false;
  if (i != s.size() || hh > 18 || mm > 59) return false;
  offset_min = sign * (hh * 60 + mm);
  return true;
}

// US "AM" / "PM" (optionally after a space) from position i to the end; none leaves a 24-hour clock.
bool read_meridiem(std::string_view s, size_t i, int64_t& hh) {
  if (i == s.size()) return true;
  if (s[i] == ' ') ++i;
  if (s.size() - i != 2 || (s[i + 1] != 'M' && s[i + 1] != 'm')) return false;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
  if ((c != 'A' && c != 'P') || hh < 1 || hh > 12) return false;
  hh = hh % 12 + (c == 'P' ? 12 : 0);
  return true;
}

// The time of day after the date, from position i to the end, as milliseconds after the date's UTC midnight
// (negative or beyond a day when a zone offset moves it across midnight). ISO: "[T| ]HH:MM[:SS[.fff]][zone]";
// US: " H[H]:MM[:SS][ AM|PM]". Nothing after the date is midnight UTC.
bool read_time(std::string_view s, size_t i, DateForm form, int64_t& ms_after_midnight) {
  ms_after_midnight = 0;
  if (i == s.size()) return true;
  if (s[i] != ' ' && !(s[i] == 'T' && form == DateForm::kIso)) return false;
  ++i;
  ClockTime t;
  int64_t offset_min = 0;
  if (!read_clock(s, i, form, t)) return false;
  const bool tail_ok = form == DateForm::kIso ? read_zone(s, i, offset_min) : read_meridiem(s, i, t.hh);
  if (!tail_ok || t.hh > 23 || t.mm > 59 || t.ss > 60) return false;
  ms_after_midnight = (((t.hh * 60 + t.mm) - offset_min) * 60 + t.ss) * 1000 + t.ms;
  return true;
}

// Epoch time as an integer with an optional sign: 9 to 11 digits are seconds (1973-5138), 12 to 15 digits
// milliseconds. Seconds may carry a fraction (".25": 250 ms; beyond milliseconds truncated), milliseconds only ".0".
std::optional<int64_t> read_epoch(std::string_view text) {
  const size_t digits_start = text[0] == '-' ? 1 : 0;
  size_t i = digits_start;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  const size_t digits_end = i, digits = digits_end - digits_start;
  if (digits < 9 || digits > 15) return std::nullopt;
  const bool seconds = digits <= 11;
  int64_t fraction_ms = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const size_t start = i;
    while (i < text.size() && (seconds ? std::isdigit(static_cast<unsigned char>(text[i])) != 0 : text[i] == '0')) ++i;
    if (i == start) return std::nullopt;
    for (size_t k = start; k < start + 3; ++k) fraction_ms = fraction_ms * 10 + (k < i ? text[k] - '0' : 0);
  }
  int64_t v = 0;
  if (i != text.size() || std::from_chars(text.data() + digits_start, text.data() + digits_end, v).ec != std::errc())
    return std::nullopt;
  const int64_t ms = seconds ? v * 1000 + fraction_ms : v;
  return digits_start == 1 ? -ms : ms;
}

// A two-digit year as POSIX strptime's %y reads it: 69-99 are 1969-1999, 00-68 are 2000-2068.
int64_t full_year(int64_t two_digits) { return two_digits < 69 ? 2000 + two_digits : 1900 + two_digits; }

// The date part: "YYYY-MM-DD" / "YYYY/MM/DD" (ISO form; "YYYY-MM" and "YYYY/MM" alone are the month's first day)
// or "M/D/YYYY" / "M/D/YY" (US form); i ends after it.
bool read_date(std::string_view text, size_t& i, Civil& c, DateForm& form) {
  int64_t y = 0, m = 0, d = 1;
  i = 0;
  form = DateForm::kIso;
  if (read_int(text, i, 4, 4, y) && i < text.size() && (text[i] == '-' || text[i] == '/')) {
    const char sep = text[i++];
    if (!read_int(text, i, 1, 2, m)) return false;
    const bool month_alone = i == text.size();
    if (!month_alone && (text[i++] != sep || !read_int(text, i, 1, 2, d))) return false;
  } else {
    i = 0;
    form = DateForm::kUs;
    if (!read_int(text, i, 1, 2, m) || i >= text.size() || text[i++] != '/') return false;
    if (!read_int(text, i, 1, 2, d) || i >= text.size() || text[i++] != '/') return false;
    const size_t year_start = i;
    if (!read_int(text, i, 2, 4, y) || i - year_start == 3) return false;
    if (i - year_start == 2) y = full_year(y);
  }
  if (!valid_date(y, m, d)) return false;
  c = {y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
  return true;
}

}  // namespace

std::optional<int64_t> parse_timestamp_ms(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (auto ms = read_epoch(text)) return ms;
  size_t i = 0;
  Civil c{};
  DateForm form = DateForm::kIso;
  int64_t ms_after_midnight = 0;
  if (!read_date(text, i, c, form) || !read_time(text, i, form, ms_after_midnight)) return std::nullopt;
  return days_from_civil(c.y, c.m, c.d) * 86400000LL + ms_after_midnight;
}

int year_of_ms(int64_t ms) { return static_cast<int>(civil_from_days(floor_div(ms, 86400000LL)).y); }

std::string format_date(int64_t ms) {
  const Civil c = civil_from_days(floor_div(ms, 86400000LL));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return buf;
}

}  // namespace hotspot
