// One CSV record parsed from text held in memory, with the rules of geo/read/csv_reader.h (RFC 4180 quoting with
// embedded newlines and doubled quotes; CR LF, LF or CR ends a record; bytes that are not UTF-8 read as Latin-1).
// The text may end before the record does: the parse then says so and leaves the position unchanged, so the caller
// can append more text and parse again. CsvReader reads a stream this way, and geo/read/csv_blocks.h parses the
// rows of one block of a file on several threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// Why a record is malformed, and the physical line the message names.
struct CsvRecordError {
  enum class Kind { none, unterminated_quote, too_long, text_after_quote } kind = Kind::none;
  int64_t line = 0;

  // The message ("unterminated quoted field starting on line 7"), with `line_shift` added to the line; "" for none.
  std::string message(size_t max_record_bytes, int64_t line_shift) const;
};

// A record as parsed: fields[0, field_count) hold it (the strings keep their capacity from record to record).
struct CsvTextRecord {
  size_t begin = 0;        // offset of its first byte in the text
  int64_t line = 0;        // physical line it starts on
  std::vector<std::string> fields;
  size_t field_count = 0;
  CsvRecordError error;
  bool latin1_repaired = false;  // some bytes were not UTF-8 and were read as Latin-1

  // A blank line (one empty field, no error), which readers skip.
  bool blank() const { return field_count == 1 && fields[0].empty() && error.kind == CsvRecordError::Kind::none; }
};

// Whether more text follows the text given to a parse.
enum class TextEnd { more_follows, end_of_input };

enum class CsvParse { record, incomplete, end };

// Parses the record starting at text[pos], on physical line `line`. record: parsed into `rec`, pos and line moved
// past it. incomplete: the text ends inside it and more follows (pos and line unchanged). end: nothing is left.
CsvParse parse_csv_record(std::string_view text, size_t& pos, int64_t& line, TextEnd end, char delimiter,
                          size_t max_record_bytes, CsvTextRecord& rec);

}  // namespace hotspot
