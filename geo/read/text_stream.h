// The bytes of a text input as UTF-8, read in 64 KiB blocks through GDAL's virtual file systems (so a gzip member, a
// zip member and standard input read like a file). A UTF-8 byte-order mark is skipped; UTF-16 LE or BE with a
// byte-order mark is decoded to UTF-8; UTF-32, and UTF-16 without a mark, are refused with an error naming the
// encoding. Other bytes pass as they are (the CSV reader reads bytes that are not UTF-8 as Latin-1).
#pragma once

#include <cpl_vsi.h>

#include <cstdint>
#include <memory>
#include <string>

namespace hotspot {

class TextStream {
 public:
  enum class Encoding { utf8, utf16le, utf16be };

  // Opens `vsi_path`; errors name `name` (the path as the user gave it). Throws std::runtime_error.
  TextStream(const std::string& vsi_path, const std::string& name);

  // The next byte (0..255), or -1 at the end.
  int get() {
    if (pos_ == buf_.size() && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_++]);
  }

  // The text up to the first line end (or the end, or max_bytes), read ahead without consuming it.
  std::string peek_line(size_t max_bytes);

  Encoding encoding() const { return encoding_; }

  // Appends the bytes not yet read and the next block to `out`, as read; false when nothing was left.
  bool append_to(std::string& out);

  // Moves to `offset` bytes after the byte-order mark. REQUIRES: UTF-8 text (a decoded offset is no file offset).
  void seek_text(int64_t offset);

 private:
  void detect_encoding();
  bool fill();
  void decode_utf16(const unsigned char* raw, size_t n);
  void append_code_point(uint32_t cp);

  struct Closer {
    void operator()(VSILFILE* f) const { VSIFCloseL(f); }
  };
  std::string name_;
  std::unique_ptr<VSILFILE, Closer> file_;  // closed however the constructor or the reading ends
  std::string buf_;          // decoded bytes; [pos_, size) not yet read
  size_t pos_ = 0;
  bool eof_ = false;
  Encoding encoding_ = Encoding::utf8;
  size_t mark_bytes_ = 0;    // the byte-order mark's length
  std::string raw_head_;     // bytes read while detecting the encoding, not yet decoded
  int odd_byte_ = -1;        // UTF-16: a code unit's first byte at the end of a block
  uint32_t high_surrogate_ = 0;
};

}  // namespace hotspot
