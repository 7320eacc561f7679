// Incident dates as UTC epoch milliseconds. Police exports use either epoch milliseconds (CMPD's ArcGIS exports)
// or ISO-style text; both are read here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotspot {

// Accepts: epoch time as an integer, 9-11 digits as seconds ("1585008000", optionally with a fraction ".25") and
// 12-15 digits as milliseconds ("1585008000000", optionally ".0"); ISO "YYYY-MM-DD", "YYYY/MM/DD",
// "YYYY-MM-DDTHH:MM[:SS[.fff]][zone]" or with a space instead of T, zone "Z", "+hh:mm", "-hh:mm", "+hhmm" or "+hh"
// (none: UTC); a month alone, "YYYY-MM" or "YYYY/MM" (its first day); US "M/D/YYYY[ H[H]:MM[:SS][ AM|PM]]" and
// "M/D/YY" with a two-digit year read as POSIX %y does (69-99: 1969-1999, 00-68: 2000-2068) (UTC).
// Impossible dates and times (February 30, month 13, hour 25, 13 PM) give nullopt.
std::optional<int64_t> parse_timestamp_ms(std::string_view text);

// Days since 1970-01-01 for a civil date (proleptic Gregorian).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

// Calendar year of an epoch-millisecond time (UTC).
int year_of_ms(int64_t ms);

// "2020-03-24" (UTC date of the time).
std::string format_date(int64_t ms);

}  // namespace hotspot
