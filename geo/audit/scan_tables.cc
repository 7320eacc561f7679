// Tables published as text: CSV (the report, the rejects file, placed records) and the Markdown tables of a report.
// Each row: its count columns, and every pair of its numbers as a possible position.
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/text.h"
#include "geo/audit/scan_sink.h"
#include "geo/read/csv_reader.h"

namespace hotspot {

namespace {

void scan_row(const std::vector<std::string>& header, const std::vector<std::string>& cells, const std::string& file,
              const std::string& where, ScanSink& sink) {
  std::vector<double> numbers;
  for (size_t c = 0; c < cells.size(); ++c) {
    const double v = number_or_nan(cells[c]);
    if (c < header.size()) sink.field(file, where + " column " + header[c], header[c], v);
    numbers.push_back(v);
  }
  offer_pairs(file, where, numbers, sink);
}

// "| a | b |" -> {"a", "b"}.
std::vector<std::string> markdown_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string t = trim(line);
  if (t.size() < 2 || t.front() != '|') return cells;
  t = t.substr(1, t.back() == '|' ? t.size() - 2 : std::string::npos);
  std::stringstream ss(t);
  for (std::string c; std::getline(ss, c, '|');) cells.push_back(trim(c));
  return cells;
}

// Counts written in prose: "2017: 11" (by year), "49 incidents", "of which 1 violent", and on a line about
// categories "Simple Assault (7)".
void prose_counts(const std::string& line, const std::string& file, const std::string& where, ScanSink& sink) {
  static const std::regex by_year(R"(\b((?:19|20)\d\d): (\d+)\b)");
  static const std::regex counted(R"(\b(\d+) (incidents?|violent)\b)");
  static const std::regex in_brackets(R"(\((\d+)\))");
  for (std::sregex_iterator m(line.begin(), line.end(), by_year), end; m != end; ++m)
    sink.field(file, where, (*m)[1].str(), std::stod((*m)[2].str()));
  for (std::sregex_iterator m(line.begin(), line.end(), counted), end; m != end; ++m)
    sink.field(file, where, (*m)[2].str(), std::stod((*m)[1].str()));
  if (lower(line).find("categor") == std::string::npos) return;
  for (std::sregex_iterator m(line.begin(), line.end(), in_brackets), end; m != end; ++m)
    sink.field(file, where, "category count", std::stod((*m)[1].str()));
}

bool separator_row(const std::vector<std::string>& cells) {
  for (const std::string& c : cells)
    if (c.find_first_not_of("-: ") != std::string::npos || c.empty()) return false;
  return !cells.empty();
}

}  // namespace

void scan_csv(const std::string& path, const std::string& name, ScanSink& sink) {
  CsvReader csv(path);
  while (auto rec = csv.next()) scan_row(csv.header(), rec->fields, name, "row " + std::to_string(rec->row), sink);
}

void scan_markdown(const std::string& path, const std::string& name, ScanSink& sink) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> header;
  int64_t line_no = 0;
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    const std::vector<std::string> cells = markdown_cells(line);
    if (cells.empty()) {
      in_table = false;
      offer_neighbours(name, "line " + std::to_string(line_no), numbers_in(line), sink);
      prose_counts(line, name, "line " + std::to_string(line_no), sink);
      continue;
    }
    if (!in_table) {
      header = cells;
      in_table = true;
      continue;
    }
    if (separator_row(cells)) continue;
    scan_row(header, cells, name, "line " + std::to_string(line_no), sink);
  }
}

void scan_text(const std::string& path, const std::string& name, ScanSink& sink) {
  std::ifstream in(path, std::ios::binary);
  int64_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    offer_neighbours(name, "line " + std::to_string(line_no), numbers_in(line), sink);
  }
}

}  // namespace hotspot
