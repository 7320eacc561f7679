// JSON published as text: .json files (report, manifest) and the data a map page embeds in
// <script type="application/json">. GeoJSON Point and MultiPoint geometries are lon/lat positions; any other object's
// numeric members are fields (counts by name) and, taken two at a time, possible positions; two-number arrays
// outside geometries (bounds, centres) are possible positions either way round.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "geo/audit/scan_sink.h"

namespace hotspot {

namespace {

using Json = nlohmann::json;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void point_positions(const Json& coords, const std::string& file, const std::string& where, ScanSink& sink) {
  if (coords.is_array() && coords.size() >= 2 && coords[0].is_number() && coords[1].is_number()) {
    sink.lonlat(file, where, coords[0].get<double>(), coords[1].get<double>());
    return;
  }
  if (coords.is_array())
    for (const Json& c : coords) point_positions(c, file, where, sink);
}

bool geometry_object(const Json& j) { return j.contains("type") && j.contains("coordinates"); }

void walk(const Json& j, const std::string& file, const std::string& where, ScanSink& sink);

void walk_object(const Json& j, const std::string& file, const std::string& where, ScanSink& sink) {
  if (geometry_object(j)) {
    const std::string type = j["type"].is_string() ? j["type"].get<std::string>() : "";
    if (type == "Point" || type == "MultiPoint") point_positions(j["coordinates"], file, where, sink);
    return;  // line and polygon vertices are not positions (see published_values.h)
  }
  std::vector<double> numbers;
  for (const auto& [key, value] : j.items()) {
    if (value.is_number()) {
      sink.field(file, where, key, value.get<double>());
      numbers.push_back(value.get<double>());
    } else {
      walk(value, file, where + "/" + key, sink);
    }
  }
  offer_pairs(file, where, numbers, sink);
}

void walk(const Json& j, const std::string& file, const std::string& where, ScanSink& sink) {
  if (j.is_object()) return walk_object(j, file, where, sink);
  if (!j.is_array()) return;
  if (j.size() == 2 && j[0].is_number() && j[1].is_number()) {
    sink.pair(file, where, j[0].get<double>(), j[1].get<double>());
    sink.pair(file, where, j[1].get<double>(), j[0].get<double>());
    return;
  }
  for (size_t i = 0; i < j.size(); ++i) walk(j[i], file, where + "/" + std::to_string(i), sink);
}

void scan_json_text(const std::string& text, const std::string& file, const std::string& where, ScanSink& sink) {
  const Json j = Json::parse(text, nullptr, false, true);
  if (j.is_discarded()) {  // not JSON after all: its numbers as running text
    offer_neighbours(file, where, numbers_in(text), sink);
    return;
  }
  walk(j, file, where, sink);
}

}  // namespace

void scan_json_file(const std::string& path, const std::string& name, ScanSink& sink) {
  scan_json_text(read_all(path), name, "", sink);
}

void scan_html(const std::string& path, const std::string& name, ScanSink& sink) {
  const std::string page = read_all(path);
  const std::string open = "type=\"application/json\"";
  int script = 0;
  for (size_t at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
    const size_t start = page.find('>', at);
    const size_t end = start == std::string::npos ? start : page.find("</script>", start);
    if (end == std::string::npos) break;
    std::string data = page.substr(start + 1, end - start - 1);
    for (size_t k = data.find("<\\/"); k != std::string::npos; k = data.find("<\\/", k)) data.replace(k, 3, "</");
    scan_json_text(data, name, "embedded data " + std::to_string(++script), sink);
  }
}

}  // namespace hotspot
