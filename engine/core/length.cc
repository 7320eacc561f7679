#include "engine/core/length.h"

#include "engine/core/text.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace hotspot {

namespace {


}  // namespace

bool is_foot_unit(double crs_unit_m) {
  return std::fabs(crs_unit_m - kUsSurveyFootM) < 1e-9 || std::fabs(crs_unit_m - kInternationalFootM) < 1e-9;
}

Length Length::parse(std::string_view text, bool allow_bare_number) {
  const std::string original(text);
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  text = text.substr(b, e - b);
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' || text[i] == '-' ||
                             text[i] == '+' || text[i] == 'e' || text[i] == 'E')) {
    // stop at an 'e' that does not continue a number (e.g. none expected in units other than exponents)
    if ((text[i] == 'e' || text[i] == 'E') && (i + 1 >= text.size() || !(std::isdigit(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '-' || text[i + 1] == '+')))
      break;
    ++i;
  }
  double value = 0.0;
  std::string number(text.substr(0, i));
  try {
    size_t used = 0;
    value = std::stod(number, &used);
    if (used != number.size()) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw std::invalid_argument("length '" + original + "' does not start with a number (expected e.g. 2000ft, 600m, 0.5mi)");
  }
  if (!std::isfinite(value)) throw std::invalid_argument("length '" + original + "' is not finite");
  std::string unit = lower(text.substr(i));
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) unit.erase(unit.begin());
  Length len;
  len.value = value;
  if (unit == "m" || unit == "metre" || unit == "meter" || unit == "metres" || unit == "meters") len.unit = LengthUnit::kMetre;
  else if (unit == "km") len.unit = LengthUnit::kKilometre;
  else if (unit == "ft" || unit == "feet" || unit == "foot") len.unit = LengthUnit::kFoot;
  else if (unit == "usft" || unit == "ftus" || unit == "us-ft") len.unit = LengthUnit::kUsSurveyFoot;
  else if (unit == "intft" || unit == "ift") len.unit = LengthUnit::kInternationalFoot;
  else if (unit == "mi" || unit == "mile" || unit == "miles") len.unit = LengthUnit::kMile;
  else if (unit == "u" || (unit.empty() && allow_bare_number)) len.unit = LengthUnit::kCrsUnit;
  else if (unit.empty())
    throw std::invalid_argument("length '" + original + "' has no unit (write e.g. 2000ft, 600m or 0.5mi)");
  else
    throw std::invalid_argument("length '" + original + "' has an unknown unit '" + unit + "' (use m, km, ft, usft, intft or mi)");
  return len;
}

Length Length::parse_analysis(std::string_view text, const std::string& what) {
  Length len;
  try {
    len = parse(text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(what + ": " + e.what());
  }
  if (!(len.value > 0.0))
    throw std::invalid_argument(what + " must be a positive length, got '" + std::string(text) + "'");
  // Units other than bare CRS units do not depend on the CRS beyond the foot's 2 ppm, so metres are exact enough.
  if (len.unit != LengthUnit::kCrsUnit && len.in_metres(kInternationalFootM) > kMaxAnalysisLengthM)
    throw std::invalid_argument(what + " of '" + std::string(text) + "' is longer than 1,000 km; that cannot be meant " +
                                "for an incident analysis (check the unit)");
  return len;
}

double Length::in_metres(double crs_unit_m) const {
  switch (unit) {
    case LengthUnit::kMetre: return value;
    case LengthUnit::kKilometre: return value * kKilometreM;
    case LengthUnit::kFoot: return value * (is_foot_unit(crs_unit_m) ? crs_unit_m : kInternationalFootM);
    case LengthUnit::kUsSurveyFoot: return value * kUsSurveyFootM;
    case LengthUnit::kInternationalFoot: return value * kInternationalFootM;
    case LengthUnit::kMile: return value * kMileM;
    case LengthUnit::kCrsUnit: return value * crs_unit_m;
  }
  return value;
}

double Length::in_crs_units(double crs_unit_m) const {
  if (unit == LengthUnit::kCrsUnit) return value;
  if (unit == LengthUnit::kFoot && is_foot_unit(crs_unit_m)) return value;  // the CRS's own foot
  return in_metres(crs_unit_m) / crs_unit_m;
}

std::string Length::to_string() const {
  std::ostringstream os;
  os << value;
  switch (unit) {
    case LengthUnit::kMetre: os << "m"; break;
    case LengthUnit::kKilometre: os << "km"; break;
    case LengthUnit::kFoot: os << "ft"; break;
    case LengthUnit::kUsSurveyFoot: os << "usft"; break;
    case LengthUnit::kInternationalFoot: os << "intft"; break;
    case LengthUnit::kMile: os << "mi"; break;
    case LengthUnit::kCrsUnit: os << " CRS units"; break;
  }
  return os.str();
}

}  // namespace hotspot
