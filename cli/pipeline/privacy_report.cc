#include "cli/pipeline/privacy_report.h"

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <vector>

#include "engine/core/text.h"
#include "engine/privacy/cell_suppression.h"
#include "engine/privacy/count_fields.h"
#include "geo/read/csv_reader.h"

namespace hotspot::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string below(int k) { return "< " + std::to_string(k); }

bool small_text(const std::string& cell, int k) {
  const std::string t = trim(cell);
  if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos) return false;
  return is_small_count(std::stod(t), k);
}

// "By year: 2017: 11, 2018: 2, ..." with the small years and one complement suppressed.
std::string by_year_line(const std::string& line, int k) {
  static const std::regex year(R"(((?:19|20)\d\d): (\d+))");
  std::vector<int64_t> counts;
  for (std::sregex_iterator m(line.begin(), line.end(), year), end; m != end; ++m) counts.push_back(std::stoll((*m)[2]));
  const SuppressionResult s = suppress_small_counts(counts, k);
  std::string out;
  size_t i = 0, last = 0;
  for (std::sregex_iterator m(line.begin(), line.end(), year), end; m != end; ++m, ++i) {
    out += line.substr(last, m->position() - last) + (*m)[1].str() + ": ";
    const Suppressed st = s.cell(0, i);
    out += st == Suppressed::primary ? below(k) : st == Suppressed::complementary ? "suppressed" : (*m)[2].str();
    last = m->position() + m->length();
  }
  return out + line.substr(last);
}

// Prose counts: "49 incidents (1.0% of the city's)", "1 violent (0.4% ...)", "Simple Assault (2)".
std::string prose_line(const std::string& line, int k) {
  if (line.find("By year:") != std::string::npos) return by_year_line(line, k);
  static const std::regex counted(R"(\b(\d+) (incidents?|violent)( \([^)]*\))?)");
  static const std::regex bracket(R"(\((\d+)\))");
  std::string out;
  size_t last = 0;
  for (std::sregex_iterator m(line.begin(), line.end(), counted), end; m != end; ++m) {
    out += line.substr(last, m->position() - last);
    out += is_small_count(std::stod((*m)[1]), k) ? below(k) + " " + (*m)[2].str() : m->str();
    last = m->position() + m->length();
  }
  out += line.substr(last);
  if (lower(out).find("categor") == std::string::npos) return out;
  std::string res;
  last = 0;
  for (std::sregex_iterator m(out.begin(), out.end(), bracket), end; m != end; ++m) {
    res += out.substr(last, m->position() - last);
    res += is_small_count(std::stod((*m)[1]), k) ? "(" + below(k) + ")" : m->str();
    last = m->position() + m->length();
  }
  return res + out.substr(last);
}

std::vector<std::string> md_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line.substr(1));
  for (std::string c; std::getline(ss, c, '|');) cells.push_back(c);
  if (!cells.empty() && trim(cells.back()).empty()) cells.pop_back();
  return cells;
}

// A table row: small counts "< k", and the derived figures of that row "-".
std::string table_row(const std::vector<std::string>& header, const std::string& line, int k) {
  std::vector<std::string> cells = md_cells(line);
  std::vector<std::string> gone;
  for (size_t c = 0; c < cells.size() && c < header.size(); ++c)
    if (is_count_name(header[c]) && small_text(cells[c], k)) cells[c] = " " + below(k) + " ", gone.push_back(header[c]);
  for (const std::string& g : gone)
    for (size_t c = 0; c < cells.size() && c < header.size(); ++c)
      if (is_derived_from(header[c], g)) cells[c] = " - ";
  std::string out = "|";
  for (const std::string& c : cells) out += c + "|";
  return out;
}

}  // namespace

std::string public_report_markdown(const std::string& markdown, int k) {
  std::istringstream in(markdown);
  std::ostringstream out;
  std::vector<std::string> header;
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    const bool row = !line.empty() && line.front() == '|';
    if (!row) {
      in_table = false;
      const std::string rejects = " (listed with reasons in `rejects.csv`)";  // not written in the public profile
      if (const size_t at = line.find(rejects); at != std::string::npos) line.replace(at, rejects.size(), "");
      out << prose_line(line, k) << "\n";
      continue;
    }
    if (!in_table) {
      header.clear();
      for (const std::string& c : md_cells(line)) header.push_back(trim(c));
      in_table = true;
      out << line << "\n";
      continue;
    }
    out << (line.find("---") != std::string::npos ? line : table_row(header, line, k)) << "\n";
  }
  return out.str();
}

// "a;b" -> is `name` one of them.
bool listed(const std::string& names, const std::string& name) {
  return (";" + names + ";").find(";" + name + ";") != std::string::npos;
}

std::string public_report_csv(const std::string& csv, int k) {
  std::istringstream in(csv);
  std::ostringstream out;
  std::string line;
  if (!std::getline(in, line)) return csv;
  const std::vector<std::string> header = split_csv_line(line, ',');
  out << line << ",suppressed\n";
  while (std::getline(in, line)) {
    std::vector<std::string> cells = split_csv_line(line, ',');
    std::string suppressed;
    for (size_t c = 0; c < cells.size() && c < header.size(); ++c)
      if (is_count_name(header[c]) && small_text(cells[c], k)) {
        cells[c].clear();
        suppressed += (suppressed.empty() ? "" : ";") + header[c];
      }
    for (size_t c = 0; c < cells.size() && c < header.size(); ++c)
      for (size_t g = 0; g < header.size(); ++g)
        if (is_derived_from(header[c], header[g]) && listed(suppressed, header[g])) cells[c].clear();
    std::string row;
    for (size_t c = 0; c < cells.size(); ++c)
      row += (c ? "," : "") + csv_field(header.size() > c && header[c] == "top_categories" ? prose_line(cells[c], k)
                                                                                            : cells[c]);
    out << row << "," << suppressed << "\n";
  }
  return out.str();
}

namespace {

bool year_key(const std::string& key) { return key.size() == 4 && is_count_name(key); }

void public_json(Json& j, int k);

// {"2017": 11, "2018": 2}: small years and a complement set to null, named in the object's "suppressed".
void by_year_json(Json& parent, int k) {
  Json& years = parent["by_year"];
  std::vector<int64_t> counts;
  for (auto& [y, n] : years.items()) counts.push_back(n.is_number() ? n.get<int64_t>() : 0);
  const SuppressionResult s = suppress_small_counts(counts, k);
  std::vector<std::string> gone;
  size_t i = 0;
  for (auto& [y, n] : years.items())
    if (s.cell(0, i++) != Suppressed::no) {
      n = nullptr;
      gone.push_back("by_year." + y);
    }
  for (const std::string& g : gone) parent["suppressed"].push_back(g);  // after: adding a key moves the members
}

void public_object(Json& j, int k) {
  j.erase("lon");
  j.erase("lat");
  std::vector<std::string> small;
  for (auto& [key, v] : j.items())
    if (v.is_number() && is_count_name(key) && !year_key(key) && is_small_count(v.get<double>(), k)) small.push_back(key);
  for (const std::string& key : small) {
    j[key] = nullptr;
    j["suppressed"].push_back(key);
  }
  for (auto& [key, v] : j.items())
    for (const std::string& count : small)
      if (v.is_number() && is_derived_from(key, count)) v = nullptr;
  if (j.contains("by_year") && j["by_year"].is_object()) by_year_json(j, k);
  for (auto& [key, v] : j.items())
    if (key != "by_year") public_json(v, k);
}

void public_json(Json& j, int k) {
  if (j.is_object()) return public_object(j, k);
  if (j.is_array())
    for (Json& v : j) public_json(v, k);
}

}  // namespace

std::string public_report_json(const std::string& json, int k) {
  Json j = Json::parse(json);
  public_json(j, k);
  return j.dump(2) + "\n";
}

}  // namespace hotspot::cli
