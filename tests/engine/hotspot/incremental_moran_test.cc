// Incremental spatial autocorrelation against spdep (data/golden/moran/make_spdep_incremental.R): moran.test over
// ten fixed bands on the Charlotte 2000 ft count grid, row-standardised and binary, with ArcGIS's default start and
// increment found from the nearest-neighbour distances; peaks by hand-made z series.
#include "engine/hotspot/incremental_moran.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "engine/hotspot/analysis_units.h"
#include "tests/engine/hotspot/moran_golden.h"

namespace hotspot {
namespace {

using testing::near_1e9;

TEST(IncrementalMoranTest, TenBandsMatchSpdepWithArcGisDefaults) {
  const testing::TextColumns cells = testing::read_text_columns("cells_2000ft.csv");
  const testing::TextColumns golden = testing::read_text_columns("spdep_incremental.csv");
  ASSERT_EQ(golden.at("style").size(), 20u);
  const AnalysisGrid grid = AnalysisGrid::square({1390000, 466000, 1532000, 604000}, testing::kMoranCellFt);
  const std::vector<double> x = testing::numbers(cells.at("count"));
  for (const char* style : {"W", "B"}) {
    IncrementalMoranOptions o;
    o.standardisation = std::string(style) == "W" ? WeightsStandardisation::kRow : WeightsStandardisation::kNone;
    const IncrementalMoranResult r = incremental_moran(grid.centroids(), x, o);
    EXPECT_DOUBLE_EQ(r.start_crs, 2000.0);      // every centre's nearest neighbour is one cell away
    EXPECT_DOUBLE_EQ(r.increment_crs, 2000.0);  // and so is the mean
    ASSERT_EQ(r.bands.size(), 10u);
    size_t matched = 0;
    for (size_t row = 0; row < 20; ++row) {
      if (golden.at("style")[row] != style) continue;
      const IncrementalMoranBand& b = r.bands[matched++];
      SCOPED_TRACE(std::string("style ") + style + ", band " + golden.at("distance")[row]);
      EXPECT_DOUBLE_EQ(b.distance_crs, std::stod(golden.at("distance")[row]));
      EXPECT_TRUE(near_1e9(b.moran.i, std::stod(golden.at("I")[row])));
      EXPECT_TRUE(near_1e9(b.moran.expected, std::stod(golden.at("EI")[row])));
      EXPECT_TRUE(near_1e9(b.moran.variance / std::stod(golden.at("VI")[row]), 1.0));
      EXPECT_TRUE(near_1e9(b.moran.z, std::stod(golden.at("z")[row])));
    }
    EXPECT_EQ(matched, 10u);
    EXPECT_TRUE(r.peaks.empty());  // z rises over every band of this grid (spdep's figures): no peak
    EXPECT_FALSE(r.first_peak.has_value());
  }
}

TEST(IncrementalMoranTest, PeaksAreStrictLocalMaximaInside) {
  EXPECT_EQ(z_peaks(std::vector<double>{1, 3, 2, 4, 5, 1}), (std::vector<size_t>{1, 4}));
  EXPECT_EQ(z_peaks(std::vector<double>{1, 2, 3}), std::vector<size_t>{});     // the last band is no peak
  EXPECT_EQ(z_peaks(std::vector<double>{5, 2, 3}), std::vector<size_t>{});     // nor the first
  EXPECT_EQ(z_peaks(std::vector<double>{1, 3, 3, 1}), std::vector<size_t>{});  // a plateau is no strict peak
  EXPECT_EQ(z_peaks(std::vector<double>{0, 2, 0, 9, 0}), (std::vector<size_t>{1, 3}));
}

// A grid whose values repeat in blocks of 3 x 3 cells: clustering is strongest at the block's scale, so the curve
// has a peak; the first and the largest peak are reported, and start/increment given are used as given.
TEST(IncrementalMoranTest, BlocksGiveAPeakAndGivenDistancesAreUsed) {
  const AnalysisGrid grid = AnalysisGrid::square({0, 0, 48, 48}, 1.0);
  std::vector<double> x(grid.size());
  for (size_t id = 0; id < x.size(); ++id) {
    const int64_t col = static_cast<int64_t>(id) % grid.ncols(), row = static_cast<int64_t>(id) / grid.ncols();
    x[id] = ((col / 6 + row / 6) % 2) ? 10.0 : 0.0;  // a checkerboard of 6 x 6 blocks
  }
  IncrementalMoranOptions o;
  o.start_crs = 1.0;
  o.increment_crs = 2.0;
  o.bands = 6;
  const IncrementalMoranResult r = incremental_moran(grid.centroids(), x, o);
  EXPECT_DOUBLE_EQ(r.bands.back().distance_crs, 11.0);
  std::vector<double> z;
  for (const IncrementalMoranBand& b : r.bands) z.push_back(b.moran.z);
  EXPECT_EQ(r.peaks, z_peaks(z));
  ASSERT_TRUE(r.first_peak.has_value()) << ::testing::PrintToString(z);
  ASSERT_TRUE(r.max_peak.has_value());
  for (size_t k : r.peaks) EXPECT_LE(z[k], z[*r.max_peak]);
  // Beyond the block size I turns negative (neighbours across blocks are opposite): the curve falls.
  EXPECT_LT(r.bands.back().moran.i, r.bands[*r.first_peak].moran.i);
}

TEST(IncrementalMoranTest, BadInputIsRefused) {
  const AnalysisGrid grid = AnalysisGrid::square({0, 0, 10, 10}, 1.0);
  std::vector<double> x(grid.size(), 0.0);
  x[3] = 1.0;
  IncrementalMoranOptions o;
  o.bands = 1;
  EXPECT_THROW(incremental_moran(grid.centroids(), x, o), std::invalid_argument);
  o.bands = 10;
  EXPECT_THROW(incremental_moran(grid.centroids(), std::vector<double>(3, 1.0), o), std::invalid_argument);
  const std::vector<double> flat(grid.size(), 2.0);
  try {
    incremental_moran(grid.centroids(), flat, o);
    FAIL() << "equal values have no variance";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("distance band 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hotspot
