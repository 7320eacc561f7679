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

bool CsvReader::text_is_file_bytes() const { return in_->encoding() == TextStream::Encoding::utf8 && path_ != kStandardInput; }

int CsvReader::column(const std::string& name) const {
  const std::string want = lower(name);
  for (size_t i = 0; i < header_.size(); ++i)
    if (lower(header_[i]) == want) return static_cast<int>(i);
  return -1;
}

// Appends the stream's next text to the buffer (dropping what is read); false when nothing is left.
bool CsvReader::fill() {
  text_offset_ += static_cast<int64_t>(pos_);
  buf_.erase(0, pos_);
  pos_ = 0;
  return in_->append_to(buf_);
}

// One record: parsed from the buffer, which grows until the record ends in it.
bool CsvReader::read_record(CsvRecord& rec) {
  rec = CsvRecord{};
  for (;;) {
    const TextEnd end = eof_ ? TextEnd::end_of_input : TextEnd::more_follows;
    const CsvParse got = parse_csv_record(buf_, pos_, line_, end, delimiter_, options_.max_record_bytes, scratch_);
    if (got == CsvParse::end) return false;
    if (got == CsvParse::incomplete) {
      if (!fill()) eof_ = true;
      continue;
    }
    rec.line = scratch_.line;
    rec.offset = text_offset_ + static_cast<int64_t>(scratch_.begin);
    rec.fields.assign(scratch_.fields.begin(), scratch_.fields.begin() + static_cast<std::ptrdiff_t>(scratch_.field_count));
    rec.error = scratch_.error.message(options_.max_record_bytes, 0);
    rec.latin1_repaired = scratch_.latin1_repaired;
    return true;
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
  if (rec.error.empty() && rec.fields.size() != header_.size()) rec.error = field_count_error(rec.fields.size(), header_.size());
  return rec;
}

std::string field_count_error(size_t fields, size_t header_fields) {
  return "has " + std::to_string(fields) + " fields, header has " + std::to_string(header_fields);
}

void CsvReader::seek_text(int64_t offset) {
  in_->seek_text(offset);
  buf_.clear();
  pos_ = 0;
  eof_ = false;
  text_offset_ = offset;
}

bool CsvReader::take_text(std::string& out) {
  out.append(buf_, pos_, std::string::npos);
  text_offset_ += static_cast<int64_t>(buf_.size());
  buf_.clear();
  pos_ = 0;
  return !eof_ && in_->append_to(out);
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
