#include "cli/pipeline/privacy_lengths.h"

namespace hotspot::cli {

namespace {

std::string named(LengthNames names, const std::string& section, const std::string& key) {
  if (names == LengthNames::config) return section + "." + key;
  std::string flag = "--" + key;
  for (char& c : flag)
    if (c == '_') c = '-';
  return flag;
}

}  // namespace

CheckedLengths public_lengths(const KdeStage::Options& o, LengthNames names) {
  if (o.kernel == KdeKernel::kGaussian) return {{named(names, "kde", "sigma"), o.sigma}};
  return {{named(names, "kde", "radius"), o.radius}};
}

CheckedLengths public_lengths(const GistarStage::Options& o, LengthNames names) {
  if (!o.zones.empty()) return {};
  return {{named(names, "gistar", "cell_size"), o.cell_size}};
}

CheckedLengths public_lengths(const MoranStage::Options& o, LengthNames names) {
  if (!o.zones.empty()) return {};
  return {{named(names, "moran", "cell_size"), o.cell_size}};
}

CheckedLengths public_lengths(const EmergingStage::Options& o, LengthNames names) {
  return {{named(names, "emerging", "cell_size"), o.cell_size}};
}

CheckedLengths public_lengths(const OhsaStage::Options& o, LengthNames names) {
  if (!o.cell_size) return {};
  return {{named(names, "ohsa", "cell_size"), o.cell_size}};
}

}  // namespace hotspot::cli
