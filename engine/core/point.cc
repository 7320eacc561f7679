#include "engine/core/point.h"

namespace hotspot {

double total_weight(PointSpan points) {
  double sum = 0.0;
  for (const Point& p : points) sum += p.weight;
  return sum;
}

}  // namespace hotspot
