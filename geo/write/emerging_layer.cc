#include "geo/write/emerging_layer.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "engine/core/text.h"
#include "engine/core/timestamp.h"
#include "geo/write/atomic_output.h"

namespace hotspot {

namespace {

constexpr int64_t kMsPerDay = 86400000LL;

Geometry cell_geometry(const AnalysisGrid& grid, int64_t cell) {
  const auto ring = grid.polygon(cell);
  if (grid.shape() == UnitShape::kSquare)
    return BoxGeometry{Extent{ring[0].first, ring[0].second, ring[2].first, ring[2].second}};
  std::ostringstream w;
  w << std::setprecision(17) << "POLYGON((";
  for (size_t k = 0; k < ring.size(); ++k) w << (k ? "," : "") << ring[k].first << " " << ring[k].second;
  w << "))";
  return WktGeometry{w.str()};
}

void add_trend(VectorFeature& f, const MannKendall& mk) {
  f.values.push_back(mk.z);
  f.values.push_back(mk.p);
  f.values.push_back(static_cast<int64_t>(std::isfinite(mk.z) ? mk.sign() : 0));
}

// The colours, in category order 1..8 (hot) then -1..-8 (cold), then no pattern.
struct PatternColour {
  EmergingPattern pattern;
  const char* rgb;
};
const PatternColour kColours[] = {
    {EmergingPattern::kNewHot, "203,8,0"},          {EmergingPattern::kConsecutiveHot, "189,109,94"},
    {EmergingPattern::kIntensifyingHot, "224,23,9"}, {EmergingPattern::kPersistentHot, "133,20,0"},
    {EmergingPattern::kDiminishingHot, "240,128,90"}, {EmergingPattern::kSporadicHot, "250,185,150"},
    {EmergingPattern::kOscillatingHot, "230,150,110"}, {EmergingPattern::kHistoricalHot, "200,160,150"},
    {EmergingPattern::kNewCold, "0,77,168"},         {EmergingPattern::kConsecutiveCold, "94,130,189"},
    {EmergingPattern::kIntensifyingCold, "9,60,224"}, {EmergingPattern::kPersistentCold, "0,40,133"},
    {EmergingPattern::kDiminishingCold, "90,150,240"}, {EmergingPattern::kSporadicCold, "150,190,250"},
    {EmergingPattern::kOscillatingCold, "110,160,230"}, {EmergingPattern::kHistoricalCold, "150,165,200"},
    {EmergingPattern::kNoPattern, "230,230,230"},
};

}  // namespace

VectorLayer emerging_layer(const AnalysisGrid& grid, const SpaceTimeCube& cube, const EmergingResult& result) {
  VectorLayer layer;
  layer.name = "emerging_hot_spots";
  layer.kind = GeometryKind::kPolygon;
  layer.fields = {{"SOURCE_ID", FieldType::kInteger}, {"LOCATION", FieldType::kInteger},
                  {"PATTERN", FieldType::kString},    {"CATEGORY", FieldType::kInteger},
                  {"TREND_Z", FieldType::kReal},      {"TREND_P", FieldType::kReal},
                  {"TREND_SIGN", FieldType::kInteger}, {"COUNT_Z", FieldType::kReal},
                  {"COUNT_P", FieldType::kReal},      {"COUNT_SIGN", FieldType::kInteger},
                  {"HOT_STEPS", FieldType::kInteger}, {"COLD_STEPS", FieldType::kInteger},
                  {"SUM_COUNT", FieldType::kInteger}};
  for (size_t i = 0; i < cube.locations(); ++i) {
    const LocationTrend& loc = result.locations[i];
    VectorFeature f;
    f.geometry = cell_geometry(grid, cube.location_unit[i]);
    f.values.push_back(cube.location_unit[i]);
    f.values.push_back(static_cast<int64_t>(i));
    f.values.push_back(pattern_name(loc.pattern));
    f.values.push_back(static_cast<int64_t>(category_code(loc.pattern)));
    add_trend(f, loc.gi_trend);
    add_trend(f, loc.count_trend);
    f.values.push_back(static_cast<int64_t>(loc.hot_steps));
    f.values.push_back(static_cast<int64_t>(loc.cold_steps));
    double total = 0.0;
    for (double c : cube.series(i)) total += c;
    f.values.push_back(static_cast<int64_t>(std::llround(total)));
    layer.features.push_back(std::move(f));
  }
  return layer;
}

std::string emerging_qml() {
  std::ostringstream q;
  q << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.16\" "
       "styleCategories=\"Symbology\">\n  <renderer-v2 type=\"categorizedSymbol\" attr=\"CATEGORY\" "
       "symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <categories>\n";
  size_t k = 0;
  for (const PatternColour& c : kColours)
    q << "      <category render=\"true\" symbol=\"" << k++ << "\" value=\"" << category_code(c.pattern)
      << "\" label=\"" << markup_escape(pattern_name(c.pattern)) << "\"/>\n";
  q << "    </categories>\n    <symbols>\n";
  k = 0;
  for (const PatternColour& c : kColours)
    q << "      <symbol type=\"fill\" name=\"" << k++ << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
      << "          <prop k=\"color\" v=\"" << c.rgb << ",255\"/>\n"
      << "          <prop k=\"style\" v=\"solid\"/>\n"
      << "          <prop k=\"outline_style\" v=\"no\"/>\n"
      << "        </layer>\n      </symbol>\n";
  q << "    </symbols>\n  </renderer-v2>\n  <layerGeometryType>2</layerGeometryType>\n</qgis>\n";
  return q.str();
}

std::vector<std::pair<int, std::string>> emerging_palette() {
  std::vector<std::pair<int, std::string>> out;
  for (const PatternColour& c : kColours) {
    int r = 0, g = 0, b = 0;
    std::sscanf(c.rgb, "%d,%d,%d", &r, &g, &b);
    char hex[8];
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", r, g, b);
    out.emplace_back(category_code(c.pattern), hex);
  }
  return out;
}

void write_cube_csv(const std::string& path, bool overwrite, const SpaceTimeCube& cube, const EmergingResult& result) {
  AtomicOutput out(path, overwrite);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot write the cube CSV");
    f << "LOCATION,SOURCE_ID,TIME_STEP,START_DATE,END_DATE,COUNT,GiZScore,GiPValue,Gi_Bin\n" << std::setprecision(15);
    for (size_t i = 0; i < cube.locations(); ++i)
      for (size_t t = 0; t < cube.steps(); ++t) {
        const double z = result.gi.z_at(i, t), p = result.gi.p[i * cube.steps() + t];
        f << i << ',' << cube.location_unit[i] << ',' << t << ',' << format_date(cube.plan.edges_day[t] * kMsPerDay)
          << ',' << format_date((cube.plan.edges_day[t + 1] - 1) * kMsPerDay) << ',' << cube.count(i, t) << ',';
        if (std::isfinite(z)) f << z << ',' << p;
        else f << ',';
        f << ',' << result.gi.bin_at(i, t) << '\n';
      }
    if (!f.flush()) throw std::runtime_error(path + ": cannot write the cube CSV");
  }
  out.commit();
}

}  // namespace hotspot
