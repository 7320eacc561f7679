// Stops per 1,000 residents by group: a residential benchmark for the stop counts. Each source area's residents of
// each group (census counts, or a percentage of its total population) are spread over the target zones in the areal
// shares (geo/gdal/areal_weights.h) and summed per zone. Residential population is an imperfect benchmark for who
// drives where: commuters, through traffic and car ownership are not in it.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct ResidentTable {
  std::vector<std::string> zone_names;  // filled by the caller: the target zones' names, in order
  std::vector<std::string> groups;
  size_t zones = 0;
  std::vector<double> residents;  // zones x groups, row-major
  std::vector<double> totals;     // per group, over all zones
  double at(size_t zone, size_t group) const { return residents[zone * groups.size() + group]; }
};

// share: sources x zones (row-major); counts[g][s]: residents of group g in source s.
// REQUIRES: share.size() == sources * zones and every counts[g] has `sources` values.
ResidentTable interpolate_residents(std::span<const double> share, size_t sources, size_t zones,
                                    const std::vector<std::string>& groups,
                                    const std::vector<std::vector<double>>& counts);

// stops / residents * 1000; NaN when residents <= 0.
double per_thousand_residents(double stops, double residents);

}  // namespace hotspot
