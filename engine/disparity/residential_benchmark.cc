#include "engine/disparity/residential_benchmark.h"

#include <limits>

namespace hotspot {

ResidentTable interpolate_residents(std::span<const double> share, size_t sources, size_t zones,
                                    const std::vector<std::string>& groups,
                                    const std::vector<std::vector<double>>& counts) {
  ResidentTable t;
  t.groups = groups;
  t.zones = zones;
  t.residents.assign(zones * groups.size(), 0.0);
  t.totals.assign(groups.size(), 0.0);
  for (size_t g = 0; g < groups.size(); ++g)
    for (size_t s = 0; s < sources; ++s)
      for (size_t z = 0; z < zones; ++z) {
        const double r = share[s * zones + z] * counts[g][s];
        t.residents[z * groups.size() + g] += r;
        t.totals[g] += r;
      }
  return t;
}

double per_thousand_residents(double stops, double residents) {
  return residents > 0.0 ? 1000.0 * stops / residents : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace hotspot
