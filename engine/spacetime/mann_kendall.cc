#include "engine/spacetime/mann_kendall.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/hotspot/gistar.h"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();


}  // namespace

double mann_kendall_tie_term(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double sum = 0.0;
  for (size_t a = 0; a < sorted.size();) {
    size_t b = a + 1;
    while (b < sorted.size() && sorted[b] == sorted[a]) ++b;
    const double t = static_cast<double>(b - a);
    sum += t * (t - 1.0) * (2.0 * t + 5.0);
    a = b;
  }
  return sum;
}

MannKendall mann_kendall(std::span<const double> series) {
  std::vector<double> x;
  x.reserve(series.size());
  for (double v : series)
    if (!std::isnan(v)) x.push_back(v);
  MannKendall r;
  r.n = x.size();
  const double n = static_cast<double>(x.size());
  long long s = 0;
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t j = i + 1; j < x.size(); ++j) s += (x[j] > x[i]) - (x[j] < x[i]);
  r.s = static_cast<double>(s);
  r.var_s = (n * (n - 1.0) * (2.0 * n + 5.0) - mann_kendall_tie_term(x)) / 18.0;
  if (x.size() < 2 || !(r.var_s > 0.0)) {
    r.z = kNaN;
    r.p = kNaN;
    return r;
  }
  const double sd = std::sqrt(r.var_s);
  r.z = s > 0 ? (r.s - 1.0) / sd : (s < 0 ? (r.s + 1.0) / sd : 0.0);
  r.p = two_sided_normal_p(r.z);
  return r;
}

}  // namespace hotspot
