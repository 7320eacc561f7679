#include "geo/read/csv_reader.h"

#include "engine/core/text.h"
#include "geo/read/text_stream.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace hotspot {

namespace {


// Length of a valid UTF-8 sequence starting at s[i], or 0 if invalid.
size_t utf8_len(const std::string& s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0 && c >= 0xC2) n = 2;
  else if ((c & 0xF0) == 0xE0) n = 3;
  else if ((c & 0xF8) == 0xF0 && c <= 0xF4) n = 4;
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// The fields of the record being read, and whether the current one was quoted.
struct RecordFields {
  explicit RecordFields(CsvRecord& r) : rec(r) {}

  CsvRecord& rec;
  std::string field;
  bool field_was_quoted = false;

  // Ends the current field (bytes that are not UTF-8 read as Latin-1) and starts the next.
  void finish_field() {
    if (repair_utf8(field)) rec.latin1_repaired = true;
    rec.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  }
  // The end of the file ends the record; a quoted field still open there is an error.
  void end_at_eof(bool in_quotes, int64_t quote_line) {
    if (in_quotes) rec.error = "unterminated quoted field starting on line " + std::to_string(quote_line);
    finish_field();
  }
  void too_long(size_t max_record_bytes) {
    if (rec.error.empty()) rec.error = "record longer than " + std::to_string(max_record_bytes) + " bytes";
  }
  // A character outside quotes that ends nothing: kept (a malformed record keeps at most 4 KiB a field). A quote
  // inside an unquoted field is kept too; text after a closing quote marks the record.
  void unquoted_char(char ch, int64_t line) {
    if (ch == '"' && rec.error.empty() && field_was_quoted)
      rec.error = "text after a closing quote on line " + std::to_string(line);
    if (rec.error.empty() || field.size() < 4096) field.push_back(ch);
  }
};

}  // namespace

bool repair_utf8(std::string& s) {
  bool valid = true;
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_len(s, i);
    if (n == 0) { valid = false; break; }
    i += n;
  }
  if (valid) return false;
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_len(s, i);
    if (n > 0) {
      out.append(s, i, n);
      i += n;
    } else {
      const auto c = static_cast<unsigned char>(s[i]);
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      ++i;
    }
  }
  s.swap(out);
  return true;
}

CsvReader::CsvReader(const std::string& path, const CsvOptions& options) : CsvReader(resolve_input(path), options) {}

CsvReader::CsvReader(const InputSource& source, const CsvOptions& options)
    : path_(source.name), options_(options), in_(std::make_unique<TextStream>(source.vsi_path, source.name)) {
  // The first physical line decides the delimiter.
  const std::string first = in_->peek_line(options_.max_record_bytes);
  delimiter_ = options_.delimiter;
  if (delimiter_ == 0) {
    const std::array<char, 4> candidates{',', ';', '\t', '|'};
    size_t best = 0;
    delimiter_ = ',';
    for (char d : candidates) {
      const auto n = static_cast<size_t>(std::count(first.begin(), first.end(), d));
      if (n > best) {
        best = n;
        delimiter_ = d;
      }
    }
  }
  CsvRecord head;
  if (!read_record(head) || head.fields.empty() || (head.fields.size() == 1 && head.fields[0].empty()))
    throw std::runtime_error(path_ + ": file is empty (expected a header row)");
  if (!head.error.empty()) throw std::runtime_error(path_ + ": line 1: header row is malformed: " + head.error);
  header_ = std::move(head.fields);
  for (std::string& h : header_) {
    while (!h.empty() && std::isspace(static_cast<unsigned char>(h.back()))) h.pop_back();
    while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.erase(h.begin());
  }
  row_ = 0;
}

CsvReader::~CsvReader() = default;

int CsvReader::get() {
  if (pushed_ != -2) {
    const int c = pushed_;
    pushed_ = -2;
    return c;
  }
  return in_->get();
}

int CsvReader::column(const std::string& name) const {
  const std::string want = lower(name);
  for (size_t i = 0; i < header_.size(); ++i)
    if (lower(header_[i]) == want) return static_cast<int>(i);
  return -1;
}

// One record, character by character: RFC 4180 quoting, a quoted field may hold line ends; CR LF, LF or CR ends it.
bool CsvReader::read_record(CsvRecord& rec) {
  rec = CsvRecord{};
  rec.line = line_;
  RecordFields out(rec);
  std::string& field = out.field;
  bool in_quotes = false;
  bool any = false;
  size_t bytes = 0;
  int64_t quote_line = 0;
  for (;;) {
    const int c = get();
    if (c == std::char_traits<char>::eof()) {
      if (any) out.end_at_eof(in_quotes, quote_line);
      return any;
    }
    any = true;
    if (++bytes > options_.max_record_bytes) out.too_long(options_.max_record_bytes);
    const char ch = static_cast<char>(c);
    if (in_quotes) {
      if (ch == '"') {
        const int n = get();
        if (n == '"') {
          field.push_back('"');
        } else {
          in_quotes = false;
          pushed_ = n;
        }
      } else {
        if (ch == '\n') ++line_;
        if (rec.error.empty()) field.push_back(ch);
      }
      continue;
    }
    if (ch == '"' && field.empty() && !out.field_was_quoted) {
      in_quotes = true;
      out.field_was_quoted = true;
      quote_line = line_;
      continue;
    }
    if (ch == delimiter_) {
      out.finish_field();
      continue;
    }
    if (ch == '\r') {
      const int n = get();
      if (n != '\n') pushed_ = n;
      ++line_;
      out.finish_field();
      return true;
    }
    if (ch == '\n') {
      ++line_;
      out.finish_field();
      return true;
    }
    out.unquoted_char(ch, line_);
  }
}

std::optional<CsvRecord> CsvReader::next() {
  CsvRecord rec;
  for (;;) {
    if (!read_record(rec)) return std::nullopt;
    if (rec.fields.size() == 1 && rec.fields[0].empty() && rec.error.empty()) continue;  // blank line
    break;
  }
  rec.row = ++row_;
  if (rec.error.empty() && rec.fields.size() != header_.size())
    rec.error = "has " + std::to_string(rec.fields.size()) + " fields, header has " + std::to_string(header_.size());
  return rec;
}

std::vector<std::string> split_csv_line(const std::string& line, char delimiter) {
  std::vector<std::string> out;
  std::string field;
  bool in_quotes = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && field.empty()) {
      in_quotes = true;
    } else if (c == delimiter) {
      out.push_back(std::move(field));
      field.clear();
    } else {
      field.push_back(c);
    }
  }
  out.push_back(std::move(field));
  return out;
}

}  // namespace hotspot
