#include "tests/engine/disparity/stops_fixture.h"

#include <zlib.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "engine/core/text.h"

namespace hotspot::testing {

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream ss(line);
  for (std::string v; std::getline(ss, v, '\t');) {
    v = trim(v);
    f.push_back(v == "\\N" ? "" : v);
  }
  if (!line.empty() && line.back() == '\t') f.push_back("");
  return f;
}

std::string decompress_stops() {
  const std::string path = std::string(HOTSPOT_SOURCE_DIR) + "/data/charlotte/cmpd_traffic_stops_2016_2017.tsv.gz";
  gzFile in = gzopen(path.c_str(), "rb");
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string text;
  char buf[1 << 16];
  for (int got; (got = gzread(in, buf, sizeof buf)) > 0;) text.append(buf, got);
  gzclose(in);
  return text;
}

StopsTable read_stops() {
  StopsTable t;
  std::stringstream ss(bundled_stops_tsv());
  std::string line;
  std::getline(ss, line);
  t.header = split_tabs(line);
  while (std::getline(ss, line))
    if (!line.empty()) t.rows.push_back(split_tabs(line));
  return t;
}

}  // namespace

std::vector<std::string> StopsTable::column(const std::string& name) const {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) throw std::runtime_error("no column " + name);
  const size_t c = it - header.begin();
  std::vector<std::string> v;
  for (const auto& r : rows) v.push_back(c < r.size() ? r[c] : "");
  return v;
}

const std::string& bundled_stops_tsv() {
  static const std::string text = decompress_stops();
  return text;
}

const StopsTable& bundled_stops() {
  static const StopsTable t = read_stops();
  return t;
}

}  // namespace hotspot::testing
