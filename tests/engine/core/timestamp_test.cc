// Dates as police exports write them, against epoch seconds computed by GNU date, not by our code: each expected
// value below is the output of the command in its comment (`date -u -d TEXT +%s`, times 1000 for milliseconds).
#include "engine/core/timestamp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace hotspot {
namespace {

constexpr int64_t kSecond = 1000;

struct Known {
  const char* text;
  int64_t epoch_ms;
};

void expect_all(const Known* begin, const Known* end) {
  for (const Known* k = begin; k != end; ++k) {
    const auto got = parse_timestamp_ms(k->text);
    ASSERT_TRUE(got.has_value()) << k->text;
    EXPECT_EQ(*got, k->epoch_ms) << k->text;
  }
}

TEST(TimestampTest, IsoDatesAndTimes) {
  const Known cases[] = {
      {"2020-03-24", 1585008000 * kSecond},                     // date -u -d 2020-03-24 +%s
      {"2020/03/24", 1585008000 * kSecond},                     // same day, slashes
      {"2020-3-24", 1585008000 * kSecond},                      // one-digit month
      {"2020-03-24T20:15:00", 1585080900 * kSecond},            // date -u -d 2020-03-24T20:15:00 +%s
      {"2020-03-24 20:15:00", 1585080900 * kSecond},            // space instead of T
      {"2020-03-24T20:15", 1585080900 * kSecond},               // no seconds
      {"2020-03-24T20:15:30.250", 1585080930 * kSecond + 250},  // date -u -d 2020-03-24T20:15:30 +%s, + 250 ms
      {"2020-03-24T20:15:30.25", 1585080930 * kSecond + 250},   // two fractional digits are hundredths
      {"2020-03-24T20:15:30.123456", 1585080930 * kSecond + 123},  // beyond milliseconds: truncated
      {"2024-02-29", 1709164800 * kSecond},                     // date -u -d 2024-02-29 +%s (leap year)
      {"2000-02-29 12:00", 951825600 * kSecond},                // date -u -d '2000-02-29 12:00' +%s (400-year leap)
      {"2025-12-31 23:59:59", 1767225599 * kSecond},            // date -u -d '2025-12-31 23:59:59' +%s
      {"1970-01-01", 0},                                        // date -u -d 1970-01-01 +%s
      {"1969-12-31T23:59:59", -1 * kSecond},                    // date -u -d 1969-12-31T23:59:59 +%s
      {"1900-03-01", -2203891200 * kSecond},                    // date -u -d 1900-03-01 +%s (1900 not leap)
      {"  2020-03-24  ", 1585008000 * kSecond},                 // surrounding blanks
  };
  expect_all(std::begin(cases), std::end(cases));
}

TEST(TimestampTest, IsoZoneDesignators) {
  const Known cases[] = {
      {"2020-03-24T20:15:00Z", 1585080900 * kSecond},        // date -u -d 2020-03-24T20:15:00Z +%s
      {"2020-03-24T20:15:00z", 1585080900 * kSecond},        // lower-case z
      {"2020-03-24T20:15:00+00:00", 1585080900 * kSecond},   // date -u -d 2020-03-24T20:15:00+00:00 +%s
      {"2020-03-24T20:15:00+02:00", 1585073700 * kSecond},   // date -u -d 2020-03-24T20:15:00+02:00 +%s
      {"2020-03-24T20:15:00+0200", 1585073700 * kSecond},    // basic format
      {"2020-03-24T20:15:00+02", 1585073700 * kSecond},      // hours only
      {"2020-03-24T22:00:00-05:00", 1585105200 * kSecond},   // date -u -d 2020-03-24T22:00:00-05:00 +%s (next UTC day)
      {"2020-03-24T01:15:00+05:30", 1584992700 * kSecond},   // date -u -d 2020-03-24T01:15:00+05:30 +%s (previous UTC day)
      {"2020-03-24 20:15:30.5-04:00", 1585095330 * kSecond + 500},  // date -u -d '2020-03-24 20:15:30-04:00' +%s
  };
  expect_all(std::begin(cases), std::end(cases));
}

TEST(TimestampTest, UsMonthDayYear) {
  const Known cases[] = {
      {"03/24/2020", 1585008000 * kSecond},             // date -u -d 2020-03-24 +%s
      {"3/5/2020", 1583366400 * kSecond},               // date -u -d 2020-03-05 +%s
      {"3/5/2020 19:05", 1583435100 * kSecond},         // date -u -d '2020-03-05 19:05' +%s
      {"3/5/2020 7:05 PM", 1583435100 * kSecond},       // the same time on a 12-hour clock
      {"3/5/2020 7:05PM", 1583435100 * kSecond},        // no space before PM
      {"03/05/2020 07:05:00 pm", 1583435100 * kSecond}, // lower case, seconds
      {"3/5/2020 12:30 AM", 1583368200 * kSecond},      // date -u -d '2020-03-05 00:30' +%s (12 AM is 00)
      {"3/5/2020 12:30 PM", 1583411400 * kSecond},      // date -u -d '2020-03-05 12:30' +%s (12 PM is noon)
      {"3/5/2020 11:59:59 PM", 1583452799 * kSecond},   // date -u -d '2020-03-05 23:59:59' +%s
      {"02/29/2024", 1709164800 * kSecond},             // date -u -d 2024-02-29 +%s
      {"3/5/20", 1583366400 * kSecond},                 // two-digit year: date -u -d 2020-03-05 +%s
      {"3/5/20 19:05", 1583435100 * kSecond},           // date -u -d '2020-03-05 19:05' +%s
      {"3/5/68", 3098131200 * kSecond},                 // %y's last 20xx year: date -u -d 2068-03-05 +%s
      {"3/5/69", -26092800 * kSecond},                  // %y's first 19xx year: date -u -d 1969-03-05 +%s
  };
  expect_all(std::begin(cases), std::end(cases));
}

TEST(TimestampTest, EpochMilliseconds) {
  const Known cases[] = {
      {"1585008000000", 1585008000000},    // CMPD's DATE_REPORTED of its first sample row
      {"1585008000000.0", 1585008000000},  // as some exports write it
      {"-2203891200000", -2203891200000},  // date -u -d 1900-03-01 +%s, in ms
      {"100000000000", 100000000000},      // 12 digits: the fewest read as milliseconds (1973-03-03T09:46:40Z)
  };
  expect_all(std::begin(cases), std::end(cases));
}

TEST(TimestampTest, EpochSeconds) {
  const Known cases[] = {
      {"1585008000", 1585008000 * kSecond},          // date -u -d @1585008000 is 2020-03-24
      {"1585008000.25", 1585008000 * kSecond + 250},  // a fraction of a second
      {"1585008000.123456", 1585008000 * kSecond + 123},  // beyond milliseconds: truncated
      {"-2203891200", -2203891200 * kSecond},        // date -u -d 1900-03-01 +%s
      {"100000000", 100000000 * kSecond},            // 9 digits: date -u -d @100000000 is 1973-03-03
      {"99999999999", 99999999999 * kSecond},        // 11 digits: the most read as seconds
  };
  expect_all(std::begin(cases), std::end(cases));
}

TEST(TimestampTest, MonthAloneIsItsFirstDay) {
  const Known cases[] = {
      {"2024-03", 1709251200 * kSecond},  // date -u -d 2024-03-01 +%s
      {"2024/03", 1709251200 * kSecond},
      {"2019-12", 1575158400 * kSecond},  // date -u -d 2019-12-01 +%s
      {"2024-3", 1709251200 * kSecond},   // one-digit month
  };
  expect_all(std::begin(cases), std::end(cases));
}

TEST(TimestampTest, ImpossibleDatesAndTimesAreRejected) {
  for (const char* bad : {"2020-02-30", "2021-02-29", "1900-02-29", "2020-13-01", "2020-00-10", "2020-04-31",
                          "2020-01-32", "2020-01-00", "02/30/2020", "13/01/2020", "2/29/2021", "2020-03-24T25:00",
                          "2020-03-24T24:00", "2020-03-24T12:60", "2020-03-24T12:00:61", "3/5/2020 25:00",
                          "3/5/2020 13:05 PM", "3/5/2020 0:30 AM", "3/5/2020 7:05 XM", "2020-03-24T20:15:00+19:00",
                          "2020-03-24T20:15:00+02:60", "2020-03-24T20:15:00+02:", "2020-03-24 7:05 PM",
                          "3/5/2020T19:05", "3/5/2020 19:05Z", "2020-03-24T", "2020-03-24T20", "24.03.2020", "",
                          "   ", "yesterday", "2020-03-24x", "12345678", "2024-13", "2024-00", "2024-03 10:00", "2024-03-",
                          "3/5/202", "3/5/2", "1585008000000.5", "1585008000.", "2024/03-05"}) {
    EXPECT_FALSE(parse_timestamp_ms(bad).has_value()) << "'" << bad << "' gave " << *parse_timestamp_ms(bad);
  }
}

TEST(TimestampTest, YearAndDateOfAnInstant) {
  EXPECT_EQ(year_of_ms(1585008000 * kSecond), 2020);  // date -u -d @1585008000 +%Y
  EXPECT_EQ(year_of_ms(-1 * kSecond), 1969);          // date -u -d @-1 +%Y
  EXPECT_EQ(format_date(1585105200 * kSecond), "2020-03-25");  // date -u -d @1585105200 +%F
  EXPECT_EQ(format_date(-2203891200 * kSecond), "1900-03-01");  // date -u -d @-2203891200 +%F
  EXPECT_EQ(format_date(-1), "1969-12-31");                     // one millisecond before the epoch
  EXPECT_EQ(days_from_civil(2020, 3, 24), 1585008000 / 86400);  // whole days of date -u -d 2020-03-24 +%s
}

}  // namespace
}  // namespace hotspot
