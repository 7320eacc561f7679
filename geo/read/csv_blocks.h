// The rows of one block of CSV text parsed on several threads, with the results of a serial parse whatever the
// thread count. The block is cut after line ends into one chunk per thread and each chunk is parsed as if a record
// started there; a chunk whose predecessor does not end exactly at the cut (the cut fell inside a quoted field
// holding a line end) is parsed again, serially, from where its predecessor's last whole record ended.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/read/csv_text.h"

namespace hotspot {

// Which fields of a row are kept.
struct CsvRowSelection {
  size_t header_fields = 0;  // a row with another field count is malformed
  std::vector<int> columns;  // the fields kept, in this order, by index in the row (-1: kept as "")
  // A malformed row's fields: every one as read, or none (the caller reads them again if it needs them).
  enum class Malformed { as_read, none } malformed = Malformed::as_read;
};

// One row (blank lines are skipped).
struct CsvRow {
  size_t begin = 0;                  // offset of its first byte in the block
  int64_t line = 0;                  // physical line it starts on
  CsvRecordError error;              // a parse error
  size_t field_count = 0;            // as read
  bool latin1_repaired = false;
  std::vector<std::string> fields;   // the selected ones; a malformed row's: as CsvRowSelection::malformed says

  bool malformed(size_t header_fields) const {
    return error.kind != CsvRecordError::Kind::none || field_count != header_fields;
  }
};

struct CsvBlock {
  std::vector<CsvRow> rows;  // in text order
  size_t consumed = 0;       // bytes the rows take; the rest starts a record the text ends inside
  int64_t end_line = 0;      // the physical line after the last row
};

struct CsvBlockFormat {
  char delimiter = ',';
  size_t max_record_bytes = 1 << 20;
};

// Parses the rows of `text`, whose first line is `first_line`, on up to `threads` threads (0: every core).
CsvBlock parse_csv_block(std::string_view text, TextEnd end, int64_t first_line, const CsvBlockFormat& format,
                         const CsvRowSelection& selection, int threads);

}  // namespace hotspot
