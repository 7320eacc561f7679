#include "cli/pipeline/incremental_moran_output.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "geo/map/line_chart.h"
#include "geo/write/atomic_output.h"

namespace hotspot::cli {

namespace {

std::string peak_label(const IncrementalMoranResult& r, size_t k) {
  std::string s;
  if (r.first_peak == k) s = "first peak";
  if (r.max_peak == k) s += s.empty() ? "max peak" : ", max peak";
  return s;
}

LineChart z_chart(const IncrementalMoranResult& r, const std::string& unit_name) {
  LineChart c;
  c.title = "Spatial autocorrelation by distance (Global Moran's I z-score)";
  c.x_title = "Distance band (" + unit_name + ")";
  c.y_title = "z-score";
  c.y_guides = {1.65, 1.96};
  for (size_t k = 0; k < r.bands.size(); ++k) c.points.push_back({r.bands[k].distance_crs, r.bands[k].moran.z, peak_label(r, k)});
  return c;
}

}  // namespace

std::string incremental_moran_csv(const IncrementalMoranResult& r, const std::string& unit_name) {
  std::ostringstream c;
  c << "Distance,DistanceUnit,MoransI,ExpectedI,Variance,z_score,p_value,Peak\n" << std::setprecision(17);
  for (size_t k = 0; k < r.bands.size(); ++k) {
    const MoranResult& m = r.bands[k].moran;
    c << r.bands[k].distance_crs << "," << unit_name << "," << m.i << "," << m.expected << "," << m.variance << ","
      << m.z << "," << m.p << "," << peak_label(r, k) << "\n";
  }
  return c.str();
}

void write_incremental_moran(const IncrementalMoranResult& r, const std::string& unit_name, const std::string& csv_path,
                             bool overwrite) {
  AtomicOutput file(csv_path, overwrite);
  std::ofstream(file.temp_path(), std::ios::binary) << incremental_moran_csv(r, unit_name);
  const std::string png = encode_png(draw_line_chart(z_chart(r, unit_name)));
  std::ofstream(std::filesystem::path(file.temp_path()).replace_extension(".png"), std::ios::binary) << png;
  file.commit();
}

}  // namespace hotspot::cli
