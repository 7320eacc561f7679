// Lengths with explicit units, as users write them: "2000ft", "600m", "0.5mi", "1.2 km".
//
// Feet: a length given in "ft" is taken in the analysis CRS's own foot when that CRS is in feet (US survey foot
// for NC State Plane EPSG:2264, international foot otherwise), so "2000ft" is exactly 2000 CRS units there, the
// way ArcGIS and GRASS read a radius typed in the map's units. "usft" and "intft" force one or the other.
#pragma once

#include <string>
#include <string_view>

namespace hotspot {

enum class LengthUnit { kMetre, kKilometre, kFoot, kUsSurveyFoot, kInternationalFoot, kMile, kCrsUnit };

struct Length {
  double value = 0.0;
  LengthUnit unit = LengthUnit::kCrsUnit;

  // Parses "<number><unit>" with optional spaces; units: m, km, ft, usft, intft, mi, and "u" / none only when
  // allow_bare_number is set (then the number is in CRS units). Throws std::invalid_argument naming the text.
  static Length parse(std::string_view text, bool allow_bare_number = false);

  // Parses a length for an analysis option (radius, band, cell size) and refuses one that cannot be meant: zero,
  // negative, not finite, or longer than kMaxAnalysisLengthM (police analysis is city- or county-scale). Throws
  // std::invalid_argument starting with `what` (e.g. "--radius").
  static Length parse_analysis(std::string_view text, const std::string& what);

  // The length expressed in CRS units, given the metres per CRS unit (0.3048006096 for US survey feet).
  double in_crs_units(double crs_unit_m) const;

  // Metres, for reporting; a bare CRS-unit length needs crs_unit_m.
  double in_metres(double crs_unit_m) const;

  std::string to_string() const;
};

// The units module: every unit constant of the project is here, nowhere else.
inline constexpr double kKilometreM = 1000.0;
inline constexpr double kUsSurveyFootM = 1200.0 / 3937.0;
inline constexpr double kInternationalFootM = 0.3048;
inline constexpr double kMileM = 1609.344;  // the international mile, 5,280 international feet
inline constexpr double kSquareKilometreM2 = kKilometreM * kKilometreM;
inline constexpr double kSquareMileM2 = kMileM * kMileM;
inline constexpr double kMaxAnalysisLengthM = 1000e3;  // 1,000 km

// True when a CRS unit of this many metres is a foot (US survey or international).
bool is_foot_unit(double crs_unit_m);

}  // namespace hotspot
