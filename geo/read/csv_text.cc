#include "geo/read/csv_text.h"

#include "geo/read/csv_reader.h"

namespace hotspot {

namespace {

// The record being parsed: its current field, whether that was quoted, and the first error.
struct RecordState {
  explicit RecordState(CsvTextRecord& r) : rec(r) {
    rec.field_count = 0;
    rec.error = {};
    rec.latin1_repaired = false;
    start_field();
  }

  CsvTextRecord& rec;
  std::string* field = nullptr;
  bool field_was_quoted = false;

  void start_field() {
    if (rec.fields.size() <= rec.field_count) rec.fields.emplace_back();
    field = &rec.fields[rec.field_count];
    field->clear();
    field_was_quoted = false;
  }
  bool fine() const { return rec.error.kind == CsvRecordError::Kind::none; }
  // Ends the current field (bytes that are not UTF-8 read as Latin-1) and starts the next.
  void finish_field() {
    if (repair_utf8(*field)) rec.latin1_repaired = true;
    ++rec.field_count;
    start_field();
  }
  void too_long() {
    if (fine()) rec.error = {CsvRecordError::Kind::too_long, 0};
  }
  // A character outside quotes that ends nothing: kept (a malformed record keeps at most 4 KiB a field). A quote
  // inside an unquoted field is kept too; text after a closing quote marks the record.
  void unquoted_char(char ch, int64_t line) {
    if (ch == '"' && fine() && field_was_quoted) rec.error = {CsvRecordError::Kind::text_after_quote, line};
    if (fine() || field->size() < 4096) field->push_back(ch);
  }
};

}  // namespace

std::string CsvRecordError::message(size_t max_record_bytes, int64_t line_shift) const {
  switch (kind) {
    case Kind::none: return "";
    case Kind::unterminated_quote: return "unterminated quoted field starting on line " + std::to_string(line + line_shift);
    case Kind::too_long: return "record longer than " + std::to_string(max_record_bytes) + " bytes";
    case Kind::text_after_quote: return "text after a closing quote on line " + std::to_string(line + line_shift);
  }
  return "";
}

CsvParse parse_csv_record(std::string_view text, size_t& pos, int64_t& line, TextEnd end, char delimiter,
                          size_t max_record_bytes, CsvTextRecord& rec) {
  const bool eof = end == TextEnd::end_of_input;
  rec.begin = pos;
  rec.line = line;
  RecordState out(rec);
  size_t p = pos, bytes = 0;
  int64_t ln = line, quote_line = 0;
  bool in_quotes = false;
  const auto done = [&] {
    out.finish_field();
    pos = p;
    line = ln;
    return CsvParse::record;
  };
  for (;;) {
    if (p == text.size()) {
      if (!eof) return CsvParse::incomplete;
      if (p == rec.begin) return CsvParse::end;
      if (in_quotes) rec.error = {CsvRecordError::Kind::unterminated_quote, quote_line};
      return done();
    }
    if (++bytes > max_record_bytes) out.too_long();
    const char ch = text[p++];
    if (in_quotes) {
      if (ch == '"') {
        if (p == text.size() && !eof) return CsvParse::incomplete;
        if (p < text.size() && text[p] == '"') {
          out.field->push_back('"');
          ++p;
        } else {
          in_quotes = false;  // the character after the closing quote is read next
        }
      } else {
        if (ch == '\n') ++ln;
        if (out.fine()) out.field->push_back(ch);
      }
      continue;
    }
    if (ch == '"' && out.field->empty() && !out.field_was_quoted) {
      in_quotes = true;
      out.field_was_quoted = true;
      quote_line = ln;
      continue;
    }
    if (ch == delimiter) {
      out.finish_field();
      continue;
    }
    if (ch == '\r') {
      if (p == text.size() && !eof) return CsvParse::incomplete;
      if (p < text.size() && text[p] == '\n') ++p;
      ++ln;
      return done();
    }
    if (ch == '\n') {
      ++ln;
      return done();
    }
    out.unquoted_char(ch, ln);
  }
}

}  // namespace hotspot
