// libFuzzer target: the CSV reader must never crash, hang or read out of bounds on any bytes, and every record it
// returns must either be well-formed (as many fields as the header) or carry an error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "geo/read/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  char path[] = "/tmp/hotspot-fuzz-csv-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return 0;
  if (size > 0 && write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    unlink(path);
    return 0;
  }
  close(fd);
  try {
    hotspot::CsvOptions o;
    o.max_record_bytes = 4096;
    hotspot::CsvReader r(path, o);
    int64_t last_row = 0;
    while (auto rec = r.next()) {
      if (rec->row != last_row + 1) __builtin_trap();
      last_row = rec->row;
      if (rec->error.empty() && rec->fields.size() != r.header().size()) __builtin_trap();
    }
  } catch (const std::runtime_error&) {
    // empty file / no header: a clean error is the expected outcome
  }
  unlink(path);
  return 0;
}
