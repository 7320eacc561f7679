#include "engine/spacetime/space_time_gistar.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <random>
#include <vector>

#include "engine/hotspot/analysis_units.h"
#include "engine/spacetime/location_weights.h"

namespace hotspot {
namespace {

// A cube on a ncols x nrows fishnet of 100-unit cells where every cell is a location, with random counts.
SpaceTimeCube random_cube(int ncols, int nrows, size_t steps, unsigned seed) {
  SpaceTimeCube cube;
  for (size_t t = 0; t <= steps; ++t) cube.plan.edges_day.push_back(static_cast<int64_t>(t) * 30);
  std::mt19937 rng(seed);
  std::poisson_distribution<int> count(2.0);
  for (int c = 0; c < ncols * nrows; ++c) cube.location_unit.push_back(c);
  for (size_t k = 0; k < cube.location_unit.size() * steps; ++k) cube.counts.push_back(count(rng));
  return cube;
}

// Gi* of bin (i, t) by listing every bin of the cube and asking whether it is a neighbour: a cell within `band` of
// cell i (distance between centres) in a step from t - lag to t. Mean and variance over `window_bins`.
double brute_gi(const SpaceTimeCube& cube, int ncols, double cell, double band, size_t i, size_t t, size_t lag,
                bool each_step) {
  const size_t L = cube.locations(), T = cube.steps();
  double sum = 0, ss = 0, n = 0;
  for (size_t j = 0; j < L; ++j)
    for (size_t u = 0; u < T; ++u)
      if (!each_step || u == t) {
        sum += cube.count(j, u);
        n += 1;
      }
  const double mean = sum / n;
  for (size_t j = 0; j < L; ++j)
    for (size_t u = 0; u < T; ++u)
      if (!each_step || u == t) ss += (cube.count(j, u) - mean) * (cube.count(j, u) - mean);
  const double sd = std::sqrt(ss / n);
  double lagged = 0, W = 0, S1 = 0;
  const double xi = (static_cast<double>(i % ncols) + 0.5) * cell, yi = (static_cast<double>(i / ncols) + 0.5) * cell;
  for (size_t j = 0; j < L; ++j) {
    const double xj = (static_cast<double>(j % ncols) + 0.5) * cell, yj = (static_cast<double>(j / ncols) + 0.5) * cell;
    if (std::hypot(xi - xj, yi - yj) > band * (1 + 1e-9)) continue;
    for (size_t u = 0; u < T; ++u) {
      const bool in_time = each_step ? u == t : (u <= t && u + lag >= t);
      if (!in_time) continue;
      lagged += cube.count(j, u);
      W += 1;
      S1 += 1;
    }
  }
  return (lagged - mean * W) / (sd * std::sqrt((n * S1 - W * W) / (n - 1)));
}

AnalysisGrid grid_of(int ncols, int nrows, double cell) {
  return AnalysisGrid::square(Extent{0, 0, ncols * cell, nrows * cell}, cell);
}

TEST(SpaceTimeGiStar, EqualsABruteForceSpaceTimeGiStarOverTheWholeCube) {
  const int ncols = 7, nrows = 6;
  const double cell = 100, band = 150;  // the 8 neighbours of a cell and itself
  const SpaceTimeCube cube = random_cube(ncols, nrows, 12, 3);
  WeightsOptions wo;
  wo.band_crs = band;
  const SpatialWeights w = location_weights(grid_of(ncols, nrows, cell), cube, wo);
  for (int lag : {0, 1, 2}) {
    SpaceTimeGiOptions o;
    o.neighborhood_steps = lag;
    const SpaceTimeGi gi = space_time_gi_star(cube, w, o);
    for (size_t i = 0; i < cube.locations(); ++i)
      for (size_t t = 0; t < cube.steps(); ++t) {
        // grid rows run north to south, the brute force's rows south to north: the same distances either way.
        const double expected = brute_gi(cube, ncols, cell, band, i, t, static_cast<size_t>(lag), false);
        ASSERT_NEAR(gi.z_at(i, t), expected, 1e-9) << "lag " << lag << " location " << i << " step " << t;
      }
  }
}

TEST(SpaceTimeGiStar, EachStepWindowUsesTheStepsOwnMeanAndVariance) {
  const int ncols = 6, nrows = 6;
  const SpaceTimeCube cube = random_cube(ncols, nrows, 10, 11);
  WeightsOptions wo;
  wo.band_crs = 100;
  const SpatialWeights w = location_weights(grid_of(ncols, nrows, 100), cube, wo);
  SpaceTimeGiOptions o;
  o.window = GlobalWindow::kEachStep;
  const SpaceTimeGi gi = space_time_gi_star(cube, w, o);
  for (size_t i = 0; i < cube.locations(); ++i)
    for (size_t t = 0; t < cube.steps(); ++t)
      ASSERT_NEAR(gi.z_at(i, t), brute_gi(cube, ncols, 100, 100, i, t, 0, true), 1e-9);
}

// data/golden/emerging/spdep_localG_per_step.csv (made by make_golden.R there): spdep's localG of each step of a
// 6 x 6 x 12 cube with binary weights within 150 units, self included, which the "each step" window must equal.
TEST(SpaceTimeGiStar, EachStepWindowEqualsSpdepLocalGOfThatStep) {
  std::ifstream in(std::string(HOTSPOT_SOURCE_DIR) + "/data/golden/emerging/spdep_localG_per_step.csv");
  ASSERT_TRUE(in.good());
  const size_t L = 36, T = 12;
  SpaceTimeCube cube;
  for (size_t t = 0; t <= T; ++t) cube.plan.edges_day.push_back(static_cast<int64_t>(t) * 30);
  for (size_t i = 0; i < L; ++i) cube.location_unit.push_back(static_cast<int64_t>(i));
  cube.counts.assign(L * T, 0.0);
  std::vector<double> expected(L * T, 0.0);
  std::string line;
  std::getline(in, line);
  size_t rows = 0;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string loc, step, count, z;
    std::getline(ss, loc, ',');
    std::getline(ss, step, ',');
    std::getline(ss, count, ',');
    std::getline(ss, z, ',');
    const size_t b = std::stoul(loc) * T + std::stoul(step);
    cube.counts[b] = std::stod(count);
    expected[b] = std::stod(z);
    ++rows;
  }
  ASSERT_EQ(rows, L * T);
  // spdep's rows run south to north, the fishnet's north to south: a mirror image, the same neighbour lists.
  WeightsOptions wo;
  wo.band_crs = 150;
  const SpatialWeights w = location_weights(grid_of(6, 6, 100), cube, wo);
  SpaceTimeGiOptions o;
  o.window = GlobalWindow::kEachStep;
  const SpaceTimeGi gi = space_time_gi_star(cube, w, o);
  for (size_t b = 0; b < L * T; ++b) ASSERT_NEAR(gi.z[b], expected[b], 1e-9) << "bin " << b;
}

TEST(SpaceTimeGiStar, RefusesAConstantCubeAndMismatchedWeights) {
  SpaceTimeCube cube = random_cube(4, 4, 10, 1);
  std::fill(cube.counts.begin(), cube.counts.end(), 2.0);
  WeightsOptions wo;
  wo.band_crs = 100;
  const SpatialWeights w = location_weights(grid_of(4, 4, 100), cube, wo);
  EXPECT_THROW(space_time_gi_star(cube, w, {}), std::invalid_argument);
  const SpaceTimeCube other = random_cube(5, 4, 10, 1);
  EXPECT_THROW(space_time_gi_star(other, w, {}), std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
