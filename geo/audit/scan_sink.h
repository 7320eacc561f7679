// Inside the scan of an output folder (published_values.h): where each file reader puts what it finds. Positions
// are brought to the analysis CRS and kept when inside the window; counts are kept when their field is a count's.
#pragma once

#include <memory>
#include <string>

#include "engine/core/extent.h"
#include "geo/audit/published_values.h"
#include "geo/gdal/crs.h"

namespace hotspot {

class ScanSink {
 public:
  ScanSink(const Crs& analysis_crs, const Extent& window, PublishedValues& out);
  ~ScanSink();

  const Crs& analysis_crs() const { return crs_; }
  // A position known to be lon/lat (WGS 84).
  void lonlat(const std::string& file, const std::string& where, double lon, double lat);
  // A position in the analysis CRS (already transformed).
  void analysis(const std::string& file, const std::string& where, const std::string& value, double x, double y);
  // Two numbers of one record that might be a position: tried as lon/lat, lat/lon and analysis x/y.
  void pair(const std::string& file, const std::string& where, double a, double b);
  // A value of a field; kept when the field's name is a count's.
  void field(const std::string& file, const std::string& where, const std::string& name, double value);
  void scanned(const std::string& file) { out_.files_scanned.push_back(file); }
  void skipped(const std::string& file, const std::string& why) { out_.files_skipped.push_back(file + ": " + why); }

 private:
  const Crs& crs_;
  Extent window_;
  PublishedValues& out_;
  std::unique_ptr<CrsTransform> from_lonlat_;
};

// The readers, one per kind of file; `path` is the file, `name` its path relative to the folder.
void scan_layers(const std::string& path, const std::string& name, ScanSink& sink);
void scan_raster_metadata(const std::string& path, const std::string& name, ScanSink& sink);
void scan_csv(const std::string& path, const std::string& name, ScanSink& sink);
void scan_markdown(const std::string& path, const std::string& name, ScanSink& sink);
void scan_json_file(const std::string& path, const std::string& name, ScanSink& sink);
void scan_html(const std::string& path, const std::string& name, ScanSink& sink);
void scan_text(const std::string& path, const std::string& name, ScanSink& sink);

// Every number in `text` (decimal or scientific), in order.
std::vector<double> numbers_in(const std::string& text);
// A number when the whole text is one, else NaN.
double number_or_nan(const std::string& text);
// Offers every ordered pair of the finite values to sink.pair (a record's numbers; either order may be x, y).
void offer_pairs(const std::string& file, const std::string& where, const std::vector<double>& values, ScanSink& sink);
// Offers each two neighbouring numbers, both ways round (numbers in running text).
void offer_neighbours(const std::string& file, const std::string& where, const std::vector<double>& values,
                      ScanSink& sink);

}  // namespace hotspot
