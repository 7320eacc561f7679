// The Moran's I references of data/golden/moran (made by make_spdep_moran.R there): CMPD incidents counted into
// 2000 ft cells (71 x 69), spdep on a 6000 ft band without self.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/hotspot/spatial_weights.h"

namespace hotspot::testing {

// A header-first CSV as text cells by column name.
using TextColumns = std::map<std::string, std::vector<std::string>>;

inline TextColumns read_text_columns(const std::string& file) {
  const std::string path = std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/moran/" + file;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
    return cells;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> names = split(line);
  TextColumns out;
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = split(line);
    for (size_t k = 0; k < names.size(); ++k) out[names[k]].push_back(k < cells.size() ? cells[k] : "");
  }
  return out;
}

inline std::vector<double> numbers(const std::vector<std::string>& cells) {
  std::vector<double> v;
  for (const std::string& c : cells) v.push_back(c == "NA" || c == "NaN" ? std::nan("") : std::stod(c));
  return v;
}

inline constexpr int64_t kMoranCols = 71, kMoranRows = 69;
inline constexpr double kMoranCellFt = 2000.0, kMoranBandFt = 6000.0;

// The 6000 ft band weights without self over the whole grid, through the fishnet stencil.
inline SpatialWeights moran_golden_weights() {
  WeightsOptions wo;
  wo.band_crs = kMoranBandFt;
  wo.include_self = false;
  return fishnet_weights(kMoranCols, kMoranRows, kMoranCellFt, {}, wo);
}

// |a - b| within 1e-9 of max(1, |b|).
inline ::testing::AssertionResult near_1e9(double a, double b) {
  if (std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b))) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " vs " << b << " (difference " << a - b << ")";
}

// Eight units with asymmetric non-binary weights: the 3 nearest neighbours, weight 1 / (1 + i + 2 j).
struct SmallMoranCase {
  std::vector<double> x{3, 0, 7, 1, 1, 9, 4, 2};
  SpatialWeights w;
  SmallMoranCase() {
    const std::vector<Point> pts{{0, 0, 1}, {1, 0.2, 1}, {2.5, 0, 1}, {0.3, 1.4, 1},
                                 {3, 2, 1}, {1.2, 2.2, 1}, {5, 1, 1}, {4.1, 3.3, 1}};
    WeightsOptions wo;
    wo.scheme = WeightScheme::kKNearest;
    wo.k = 3;
    wo.include_self = false;
    w = distance_weights(pts, wo);
    w.weights.resize(w.neighbors.size());
    for (size_t i = 0; i < w.n; ++i)
      for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k)
        w.weights[k] = 1.0 / (1.0 + static_cast<double>(i) + 2.0 * w.neighbors[k]);
  }
  // The weights as a dense matrix, each row divided by its sum when `row_standardised`.
  std::vector<std::vector<double>> dense(bool row_standardised) const {
    std::vector<std::vector<double>> m(w.n, std::vector<double>(w.n, 0.0));
    for (size_t i = 0; i < w.n; ++i) {
      double row = 0.0;
      for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) row += w.weights[k];
      for (uint64_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k)
        m[i][w.neighbors[k]] = w.weights[k] / (row_standardised ? row : 1.0);
    }
    return m;
  }
};

// All permutations of `x` (n! of them; keep n small), each passed to `visit`.
template <typename Visit>
void for_each_permutation(std::vector<double> x, Visit visit) {
  std::vector<size_t> order(x.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<double> y(x.size());
  do {
    for (size_t i = 0; i < order.size(); ++i) y[i] = x[order[i]];
    visit(y);
  } while (std::next_permutation(order.begin(), order.end()));
}

}  // namespace hotspot::testing
