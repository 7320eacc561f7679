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

#include "geo/read/input_source.h"

namespace hotspot {

struct CsvOptions {
  char delimiter = 0;                         // 0: detect from the header line
  size_t max_record_bytes = 1 << 20;          // a longer record is reported malformed (over-long line)
};

struct CsvRecord {
  int64_t row = 0;         // 1-based data row number (header = 0)
  int64_t line = 0;        // 1-based physical line where the record starts
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

 private:
  bool read_record(CsvRecord& rec);
  int get();

  std::string path_;
  CsvOptions options_;
  std::unique_ptr<TextStream> in_;
  std::vector<std::string> header_;
  char delimiter_ = ',';
  int64_t line_ = 1;
  int64_t row_ = 0;
  int pushed_ = -2;
};

// Re-encodes bytes that do not form valid UTF-8 as Latin-1 code points. Returns true if anything changed.
bool repair_utf8(std::string& s);

// Splits one line of text with the same quoting rules (used for tests and small inputs).
std::vector<std::string> split_csv_line(const std::string& line, char delimiter);

}  // namespace hotspot
