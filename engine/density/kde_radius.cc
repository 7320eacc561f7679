#include "engine/density/kde_radius.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace hotspot {

DefaultRadius arcgis_default_radius(PointSpan points, bool weighted) {
  if (points.empty()) throw std::invalid_argument("cannot compute a default search radius: there are no points");
  DefaultRadius r;
  r.weighted = weighted;
  double wsum = 0.0, sx = 0.0, sy = 0.0;
  for (const Point& p : points) {
    const double w = weighted ? p.weight : 1.0;
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("cannot compute a default search radius: a weight is negative or not finite");
    wsum += w;
    sx += w * p.x;
    sy += w * p.y;
  }
  if (!(wsum > 0.0)) throw std::invalid_argument("cannot compute a default search radius: the weights sum to zero");
  r.n = wsum;
  r.mean_x = sx / wsum;
  r.mean_y = sy / wsum;
  std::vector<std::pair<double, double>> dist;  // (distance, weight)
  dist.reserve(points.size());
  double ss = 0.0;
  for (const Point& p : points) {
    const double w = weighted ? p.weight : 1.0;
    const double dx = p.x - r.mean_x, dy = p.y - r.mean_y;
    ss += w * (dx * dx + dy * dy);
    if (w > 0.0) dist.emplace_back(std::hypot(dx, dy), w);
  }
  r.standard_distance = std::sqrt(ss / wsum);
  std::sort(dist.begin(), dist.end());
  const double half = 0.5 * wsum;
  double cum = 0.0;
  for (size_t i = 0; i < dist.size(); ++i) {
    cum += dist[i].second;
    if (cum >= half) {
      // Exactly half (to rounding): the median lies between this distance and the next.
      const bool exactly_half = std::fabs(cum - half) <= 1e-12 * wsum && i + 1 < dist.size();
      r.median_distance = exactly_half ? 0.5 * (dist[i].first + dist[i + 1].first) : dist[i].first;
      break;
    }
  }
  const double dm_term = std::sqrt(1.0 / std::numbers::ln2) * r.median_distance;
  r.used_standard_distance = r.standard_distance <= dm_term;
  r.radius_crs = 0.9 * std::min(r.standard_distance, dm_term) * std::pow(r.n, -0.2);
  if (!(r.radius_crs > 0.0))
    throw std::invalid_argument("cannot compute a default search radius: the points do not spread out (all at one "
                                "place); give --radius");
  return r;
}

std::string describe(const DefaultRadius& r, const std::string& unit_name) {
  std::ostringstream os;
  os.precision(6);
  os << r.radius_crs << " " << unit_name << " (ArcGIS default: 0.9 * min(SD = " << r.standard_distance
     << ", sqrt(1/ln 2) * Dm = " << std::sqrt(1.0 / std::numbers::ln2) * r.median_distance << ") * n^-0.2, n = " << r.n
     << (r.weighted ? " (weight sum)" : "") << ")";
  return os.str();
}

}  // namespace hotspot
