// A streaming CSV reader for police exports (a file, a .gz, a zip member or standard input: geo/read/input_source.h;
// UTF-8, UTF-16 with a byte-order mark, or Latin-1: geo/read/text_stream.h): RFC 4180 quoting with embedded newlines and doubled quotes,
// a UTF-8 byte-order mark, delimiter detection (, ; tab |), CRLF line ends, and bytes that are not valid UTF-8
// (read as Latin-1 and re-encoded, never a crash). Every data record carries its 1-based row number (the header is
// row 0) and the physical line it starts on, so a rejected record can be found in the file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/read/csv_text.h"
#include "geo/read/input_source.h"

namespace hotspot {

struct CsvOptions {
  char delimiter = 0;                         // 0: detect from the header line
  size_t max_record_bytes = 1 << 20;          // a longer record is reported malformed (over-long line)
};

struct CsvRecord {
  int64_t row = 0;         // 1-based data row number (header = 0)
  int64_t line = 0;        // 1-based physical line where the record starts
  int64_t offset = 0;      // where the record starts in the text (after any byte-order mark), in bytes
  std::vector<std::string> fields;
  std::string error;       // non-empty: the record is malformed (unterminated quote, too long, ...)
  bool latin1_repaired = false;  // some bytes were not UTF-8 and were read as Latin-1
};

class TextStream;

class CsvReader {
 public:
  // Opens the input and reads the header. Throws std::runtime_error naming the input when it cannot be opened,
  // is empty, has no header, or is in an encoding hotspot does not read.
  explicit CsvReader(const std::string& path, const CsvOptions& options = {});
  CsvReader(const InputSource& source, const CsvOptions& options);
  ~CsvReader();

  const std::vector<std::string>& header() const { return header_; }
  char delimiter() const { return delimiter_; }
  const std::string& path() const { return path_; }

  // Next data record, or nullopt at end of file. Blank lines are skipped.
  std::optional<CsvRecord> next();

  // Index of a header column by exact name (case-insensitive), or -1.
  int column(const std::string& name) const;

  // The physical line and the text offset the next record starts at.
  int64_t line() const { return line_; }
  int64_t text_offset() const { return text_offset_ + static_cast<int64_t>(pos_); }
  // The input is UTF-8 text (not decoded from UTF-16), so a text offset is a place in the file.
  bool text_is_file_bytes() const;

  // Moves to the record starting at text `offset` (one that next() gave). REQUIRES: text_is_file_bytes().
  void seek_text(int64_t offset);

  // Hands the text not yet read over to `out` (appended), for a caller parsing it itself (geo/read/csv_blocks.h):
  // what the reader holds, then the input's next block. True while more may follow. After it, only take_text().
  bool take_text(std::string& out);

 private:
  bool read_record(CsvRecord& rec);
  bool fill();

  std::string path_;
  CsvOptions options_;
  std::unique_ptr<TextStream> in_;
  std::vector<std::string> header_;
  char delimiter_ = ',';
  int64_t line_ = 1;
  int64_t row_ = 0;
  std::string buf_;           // text read from the stream; [pos_, size) not yet parsed
  size_t pos_ = 0;
  bool eof_ = false;          // the stream has nothing more
  int64_t text_offset_ = 0;   // offset of buf_[0] in the text
  CsvTextRecord scratch_;
};

// The error of a record whose field count is not the header's.
std::string field_count_error(size_t fields, size_t header_fields);

// Re-encodes bytes that do not form valid UTF-8 as Latin-1 code points. Returns true if anything changed.
bool repair_utf8(std::string& s);

// Splits one line of text with the same quoting rules (used for tests and small inputs).
std::vector<std::string> split_csv_line(const std::string& line, char delimiter);

}  // namespace hotspot
