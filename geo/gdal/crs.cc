#include "geo/gdal/crs.h"

#include <algorithm>
#include <cmath>
#include <ogr_spatialref.h>
#include <stdexcept>

#include "geo/gdal/gdal_handles.h"

namespace hotspot {

Crs::Crs() : srs_(std::make_unique<OGRSpatialReference>()) {
  srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
}
Crs::Crs(const Crs& o) : srs_(std::make_unique<OGRSpatialReference>(*o.srs_)) {
  srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
}
Crs& Crs::operator=(const Crs& o) {
  if (this != &o) {
    srs_ = std::make_unique<OGRSpatialReference>(*o.srs_);
    srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  }
  return *this;
}
Crs::Crs(Crs&&) noexcept = default;
Crs& Crs::operator=(Crs&&) noexcept = default;
Crs::~Crs() = default;

Crs Crs::from_user_input(const std::string& text) {
  ensure_gdal();
  Crs c;
  std::string t = text;
  bool all_digits = !t.empty();
  for (char ch : t) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(ch));
  if (all_digits) t = "EPSG:" + t;
  CPLErrorReset();
  if (c.srs_->SetFromUserInput(t.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) != OGRERR_NONE)
    throw std::invalid_argument("unknown or invalid CRS '" + text + "' (expected e.g. EPSG:2264, ESRI:102719, WKT or a PROJ string)");
  c.srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return c;
}

Crs Crs::from_wkt(const std::string& wkt) {
  ensure_gdal();
  Crs c;
  if (c.srs_->importFromWkt(wkt.c_str()) != OGRERR_NONE) {
    // Some .prj files are ESRI WKT1; SetFromUserInput copes with those too.
    if (c.srs_->SetFromUserInput(wkt.c_str()) != OGRERR_NONE) throw std::invalid_argument("invalid WKT CRS definition");
  }
  c.srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  // Recover an EPSG code for .prj-style WKT where possible, so outputs name the CRS.
  if (!c.srs_->GetAuthorityCode(nullptr)) {
    OGRSpatialReference probe(*c.srs_);
    if (probe.AutoIdentifyEPSG() == OGRERR_NONE && probe.GetAuthorityCode(nullptr)) {
      *c.srs_ = probe;
      c.srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else {
      int n = 0;
      int* confidence = nullptr;
      OGRSpatialReferenceH* matches = c.srs_->FindMatches(nullptr, &n, &confidence);
      if (matches && n > 0 && confidence[0] >= 90) {
        *c.srs_ = *OGRSpatialReference::FromHandle(matches[0]);
        c.srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      }
      OSRFreeSRSArray(matches);
      CPLFree(confidence);
    }
  }
  return c;
}

Crs Crs::from_ogr(const OGRSpatialReference& srs) {
  Crs c;
  *c.srs_ = srs;
  c.srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return c;
}

Crs Crs::utm_for(double lon, double lat) {
  int zone = static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1;
  zone = std::clamp(zone, 1, 60);
  const int code = (lat >= 0 ? 32600 : 32700) + zone;
  return from_user_input("EPSG:" + std::to_string(code));
}

bool Crs::is_projected() const { return srs_->IsProjected(); }
bool Crs::is_geographic() const { return srs_->IsGeographic(); }

double Crs::linear_unit_m() const {
  const char* name = nullptr;
  return srs_->GetLinearUnits(&name);
}

std::string Crs::linear_unit_name() const {
  const char* name = nullptr;
  srs_->GetLinearUnits(&name);
  return name ? name : "";
}

std::string Crs::name() const {
  const char* n = srs_->GetName();
  return n ? n : "unnamed CRS";
}

std::string Crs::authority_code() const {
  const char* auth = srs_->GetAuthorityName(nullptr);
  const char* code = srs_->GetAuthorityCode(nullptr);
  if (!auth || !code) return "";
  return std::string(auth) + ":" + code;
}

std::string Crs::wkt() const {
  char* out = nullptr;
  const char* opts[] = {"FORMAT=WKT2_2018", nullptr};
  srs_->exportToWkt(&out, opts);
  std::string s = out ? out : "";
  CPLFree(out);
  return s;
}

std::string Crs::wkt1_esri() const {
  char* out = nullptr;
  const char* opts[] = {"FORMAT=WKT1_ESRI", nullptr};
  srs_->exportToWkt(&out, opts);
  std::string s = out ? out : "";
  CPLFree(out);
  return s;
}

std::optional<Extent> Crs::area_of_use_lonlat() const {
  double w = 0, s = 0, e = 0, n = 0;
  const char* area_name = nullptr;
  if (!srs_->GetAreaOfUse(&w, &s, &e, &n, &area_name)) return std::nullopt;
  if (w == -1000.0) return std::nullopt;
  return Extent{w, s, e, n};
}

std::string Crs::describe() const {
  std::string d = authority_code();
  if (d.empty()) d = "custom CRS";
  d += " (" + name();
  if (is_projected()) d += ", " + linear_unit_name();
  else if (is_geographic()) d += ", degrees";
  d += ")";
  return d;
}

bool Crs::same_as(const Crs& other) const { return srs_->IsSame(other.srs_.get()); }

struct CrsTransform::Impl {
  OgrTransformPtr ct;
};

CrsTransform::CrsTransform(const Crs& from, const Crs& to) {
  if (from.same_as(to)) return;
  OGRCoordinateTransformationOptions opts;
  CPLErrorReset();
  OGRCoordinateTransformation* ct = OGRCreateCoordinateTransformation(&from.ogr(), &to.ogr(), opts);
  if (!ct)
    throw std::runtime_error("cannot transform from " + from.describe() + " to " + to.describe() + ": " + last_gdal_error());
  impl_ = std::make_unique<Impl>();
  impl_->ct.reset(ct);
}
CrsTransform::~CrsTransform() = default;
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;

size_t CrsTransform::transform(std::vector<double>& x, std::vector<double>& y, std::vector<bool>& ok) const {
  ok.assign(x.size(), true);
  if (!impl_ || x.empty()) return 0;
  std::vector<int> success(x.size(), 0);
  impl_->ct->Transform(x.size(), x.data(), y.data(), nullptr, success.data());
  size_t failed = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    ok[i] = success[i] != 0 && std::isfinite(x[i]) && std::isfinite(y[i]);
    if (!ok[i]) ++failed;
  }
  return failed;
}

bool CrsTransform::transform(double& x, double& y) const {
  if (!impl_) return true;
  int success = 0;
  impl_->ct->Transform(1, &x, &y, nullptr, &success);
  return success != 0 && std::isfinite(x) && std::isfinite(y);
}

}  // namespace hotspot
