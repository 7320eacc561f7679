#include "geo/read/text_stream.h"

#include <algorithm>
#include <stdexcept>

#include <cpl_error.h>

namespace hotspot {

namespace {

constexpr size_t kBlockBytes = 1 << 16;  // 64 KiB: large enough for speed, small enough to set up per input
constexpr uint32_t kReplacement = 0xFFFD;

bool starts_with_bytes(const std::string& s, std::initializer_list<unsigned char> bytes) {
  if (s.size() < bytes.size()) return false;
  size_t i = 0;
  for (unsigned char b : bytes)
    if (static_cast<unsigned char>(s[i++]) != b) return false;
  return true;
}

}  // namespace

TextStream::TextStream(const std::string& vsi_path, const std::string& name)
    : name_(name), file_(VSIFOpenL(vsi_path.c_str(), "rb")) {
  if (!file_) throw std::runtime_error(name + ": cannot open file for reading");
  detect_encoding();
}

// Reads the first bytes and decides the encoding from a byte-order mark (or from NUL bytes where UTF-16 text
// without a mark has them). The bytes after the mark stay in raw_head_ for the first fill().
void TextStream::detect_encoding() {
  raw_head_.resize(4);
  raw_head_.resize(VSIFReadL(raw_head_.data(), 1, raw_head_.size(), file_.get()));
  const std::string& h = raw_head_;
  if (starts_with_bytes(h, {0xFF, 0xFE, 0x00, 0x00}) || starts_with_bytes(h, {0x00, 0x00, 0xFE, 0xFF}))
    throw std::runtime_error(name_ + ": the text is UTF-32, which hotspot does not read; save it as UTF-8");
  size_t mark = 0;
  if (starts_with_bytes(h, {0xEF, 0xBB, 0xBF})) {
    mark = 3;
  } else if (starts_with_bytes(h, {0xFF, 0xFE})) {
    encoding_ = Encoding::utf16le;
    mark = 2;
  } else if (starts_with_bytes(h, {0xFE, 0xFF})) {
    encoding_ = Encoding::utf16be;
    mark = 2;
  } else if (h.size() == 4 && ((h[0] != 0 && h[1] == 0 && h[3] == 0) || (h[0] == 0 && h[1] != 0 && h[2] == 0))) {
    throw std::runtime_error(name_ + ": the text looks like UTF-16 " + (h[1] == 0 ? "LE" : "BE") +
                             " without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)");
  }
  raw_head_.erase(0, mark);
  mark_bytes_ = mark;
}

bool TextStream::append_to(std::string& out) {
  if (pos_ == buf_.size() && !fill()) return false;
  out.append(buf_, pos_, std::string::npos);
  pos_ = buf_.size();
  return true;
}

void TextStream::seek_text(int64_t offset) {
  if (encoding_ != Encoding::utf8) throw std::logic_error(name_ + ": a position in decoded UTF-16 text is not a file offset");
  if (VSIFSeekL(file_.get(), static_cast<vsi_l_offset>(offset) + mark_bytes_, SEEK_SET) != 0)
    throw std::runtime_error(name_ + ": cannot seek to byte " + std::to_string(offset));
  buf_.clear();
  raw_head_.clear();
  pos_ = 0;
  eof_ = false;
}

void TextStream::append_code_point(uint32_t cp) {
  if (cp < 0x80) {
    buf_.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    buf_.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    buf_.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    buf_.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    buf_.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    buf_.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    buf_.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    buf_.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    buf_.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    buf_.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes UTF-16 bytes into buf_; a code unit split across blocks and a surrogate pair split across blocks are
// carried to the next call. An unpaired surrogate becomes U+FFFD.
void TextStream::decode_utf16(const unsigned char* raw, size_t n) {
  const bool le = encoding_ == Encoding::utf16le;
  size_t i = 0;
  for (;;) {
    unsigned char b0 = 0, b1 = 0;
    if (odd_byte_ >= 0) {
      if (i >= n) return;
      b0 = static_cast<unsigned char>(odd_byte_);
      b1 = raw[i++];
      odd_byte_ = -1;
    } else if (i + 1 < n) {
      b0 = raw[i];
      b1 = raw[i + 1];
      i += 2;
    } else {
      if (i < n) odd_byte_ = raw[i];
      return;
    }
    const uint32_t u = le ? (b0 | (b1 << 8)) : ((b0 << 8) | b1);
    if (high_surrogate_ != 0) {
      const uint32_t high = high_surrogate_;
      high_surrogate_ = 0;
      if (u >= 0xDC00 && u <= 0xDFFF) {
        append_code_point(0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
        continue;
      }
      append_code_point(kReplacement);
    }
    if (u >= 0xD800 && u <= 0xDBFF) high_surrogate_ = u;
    else append_code_point(u >= 0xDC00 && u <= 0xDFFF ? kReplacement : u);
  }
}

// Appends the next block (decoded) to what is not yet read; false when nothing is left to read.
bool TextStream::fill() {
  if (eof_) return pos_ < buf_.size();
  buf_.erase(0, pos_);
  pos_ = 0;
  std::string raw;
  raw.swap(raw_head_);
  const size_t have = raw.size();
  raw.resize(have + kBlockBytes);
  CPLErrorReset();
  const size_t got = VSIFReadL(raw.data() + have, 1, kBlockBytes, file_.get());
  if (got < kBlockBytes && CPLGetLastErrorType() == CE_Failure)
    throw std::runtime_error(name_ + ": read failed: " + CPLGetLastErrorMsg());
  raw.resize(have + got);
  if (encoding_ == Encoding::utf8) buf_ += raw;
  else decode_utf16(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  if (got == 0) {
    eof_ = true;
    if (odd_byte_ >= 0 || high_surrogate_ != 0) append_code_point(kReplacement);
    odd_byte_ = -1;
    high_surrogate_ = 0;
  }
  return pos_ < buf_.size() || fill();
}

std::string TextStream::peek_line(size_t max_bytes) {
  for (;;) {
    const size_t end = buf_.find_first_of("\r\n", pos_);
    if (end != std::string::npos) return buf_.substr(pos_, end - pos_);
    if (buf_.size() - pos_ >= max_bytes || eof_) return buf_.substr(pos_, std::min(max_bytes, buf_.size() - pos_));
    fill();
  }
}

}  // namespace hotspot
