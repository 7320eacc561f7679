// Test helper: the bundled CMPD traffic stops (data/charlotte/cmpd_traffic_stops_2016_2017.tsv.gz) read through
// zlib, each value trimmed of spaces and "\N" read as "" (missing), as the golden script reads them.
#pragma once

#include <string>
#include <vector>

namespace hotspot::testing {

struct StopsTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> column(const std::string& name) const;  // one value per row; throws when absent
};

const StopsTable& bundled_stops();

// The file's text, decompressed, as it is (for tests that give the command a plain .tsv).
const std::string& bundled_stops_tsv();

}  // namespace hotspot::testing
