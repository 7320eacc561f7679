#include "geo/audit/scan_sink.h"

#include <cmath>
#include <cctype>
#include <cstdlib>

#include "engine/core/text.h"
#include "engine/privacy/count_fields.h"

namespace hotspot {

ScanSink::ScanSink(const Crs& analysis_crs, const Extent& window, PublishedValues& out)
    : crs_(analysis_crs), window_(window), out_(out),
      from_lonlat_(std::make_unique<CrsTransform>(Crs::from_user_input("EPSG:4326"), analysis_crs)) {}

ScanSink::~ScanSink() = default;

void ScanSink::lonlat(const std::string& file, const std::string& where, double lon, double lat) {
  if (!(std::abs(lon) <= 180.0 && std::abs(lat) <= 90.0)) return;
  double x = lon, y = lat;
  if (!from_lonlat_->transform(x, y) || !window_.contains(x, y)) return;
  out_.positions.push_back({file, where, format_significant(lon, 10) + "," + format_significant(lat, 10), x, y});
}

void ScanSink::analysis(const std::string& file, const std::string& where, const std::string& value, double x,
                        double y) {
  if (window_.contains(x, y)) out_.positions.push_back({file, where, value, x, y});
}

void ScanSink::pair(const std::string& file, const std::string& where, double a, double b) {
  if (!std::isfinite(a) || !std::isfinite(b)) return;
  lonlat(file, where, a, b);
  analysis(file, where, format_significant(a, 12) + "," + format_significant(b, 12), a, b);
}

void ScanSink::field(const std::string& file, const std::string& where, const std::string& name, double value) {
  if (std::isfinite(value) && value == std::floor(value) && is_count_name(name)) out_.counts.push_back({file, where, name, value});
}

double number_or_nan(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) return std::nan("");
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  return end == t.c_str() + t.size() ? v : std::nan("");
}

std::vector<double> numbers_in(const std::string& text) {
  std::vector<double> out;
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    const bool starts = std::isdigit(static_cast<unsigned char>(*p)) ||
                        ((*p == '-' || *p == '.') && p + 1 < end && std::isdigit(static_cast<unsigned char>(p[1])));
    const bool inside_word = p > text.c_str() && (std::isalnum(static_cast<unsigned char>(p[-1])) || p[-1] == '_');
    if (!starts || inside_word) {
      ++p;
      continue;
    }
    char* stop = nullptr;
    const double v = std::strtod(p, &stop);
    if (stop == p) {
      ++p;
      continue;
    }
    out.push_back(v);
    p = stop;
  }
  return out;
}

void offer_pairs(const std::string& file, const std::string& where, const std::vector<double>& values, ScanSink& sink) {
  if (values.size() > 64) return offer_neighbours(file, where, values, sink);  // a long record: its neighbours
  for (size_t i = 0; i < values.size(); ++i)
    for (size_t j = 0; j < values.size(); ++j)
      if (i != j && std::isfinite(values[i]) && std::isfinite(values[j])) sink.pair(file, where, values[i], values[j]);
}

void offer_neighbours(const std::string& file, const std::string& where, const std::vector<double>& values,
                      ScanSink& sink) {
  for (size_t k = 0; k + 1 < values.size(); ++k) {
    sink.pair(file, where, values[k], values[k + 1]);
    sink.pair(file, where, values[k + 1], values[k]);
  }
}

}  // namespace hotspot
