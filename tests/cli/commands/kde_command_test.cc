#include "cli/commands/kde_command.h"

#include <gtest/gtest.h>

#include <tuple>

#include <cmath>
#include <sstream>

#include "engine/density/kde.h"
#include "geo/write/geotiff_writer.h"
#include "geo/read/ingest.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;

KdeCommandOptions sample_options(const TempDir& d) {
  KdeCommandOptions o;
  o.ingest.input_path = hotspot::testing::charlotte("cmpd_incidents_sample.csv");
  o.ingest.analysis_crs = "EPSG:2264";
  o.kde.density.output = d.file("density.tif");
  o.kde.density.radius = Length::parse("2000ft");
  o.kde.density.cell_size = Length::parse("500ft");
  o.quiet = true;
  return o;
}

TEST(KdeCommandTest, OutputEqualsBruteForceOnTheIngestedPointsInSquareMiles) {
  TempDir d;
  const KdeCommandOptions o = sample_options(d);
  std::ostringstream out, err;
  ASSERT_EQ(run_kde(o, out, err), kExitOk);
  const std::string s = out.str();
  EXPECT_NE(s.find("unit:      incidents per square mile"), std::string::npos) << s;
  EXPECT_NE(s.find("radius:    2000 US survey foot"), std::string::npos) << s;

  const GeoTiffContents tif = read_geotiff(o.kde.density.output);
  EXPECT_EQ(tif.crs_authority, "EPSG:2264");
  EXPECT_EQ(tif.band_unit, "incidents per square mile");
  EXPECT_EQ(tif.metadata.at("KERNEL"), "quartic");
  EXPECT_EQ(tif.layout, "COG");
  EXPECT_EQ(tif.compression, "DEFLATE");
  EXPECT_DOUBLE_EQ(tif.raster.spec.cell_size, 500.0);

  // Independent check: ingest the same file, brute force on the written grid, scale by (ft per mile)^2.
  const IngestResult in = ingest(o.ingest);
  KdeOptions ko;
  ko.radius_crs = 2000.0;
  Raster ref = kernel_density_brute_force(in.points(), tif.raster.spec, ko);
  const double ft_per_mile = 1609.344 / (1200.0 / 3937.0);
  double max_ref = 0, max_diff = 0, integral = 0;
  for (size_t i = 0; i < ref.values.size(); ++i) {
    const double r = ref.values[i] * ft_per_mile * ft_per_mile;
    max_ref = std::max(max_ref, r);
    max_diff = std::max(max_diff, std::fabs(tif.raster.values[i] - r));
    integral += tif.raster.values[i] * 500.0 * 500.0 / (ft_per_mile * ft_per_mile);
  }
  EXPECT_LE(max_diff / max_ref, 1e-9);
  EXPECT_NEAR(integral, 5000.0, 5000.0 * 0.01);  // the surface integrates to the incident count
}

TEST(KdeCommandTest, DefaultRadiusAndCellAreArcGisAndReported) {
  TempDir d;
  KdeCommandOptions o = sample_options(d);
  o.kde.density.radius.reset();
  o.kde.density.cell_size.reset();
  o.kde.density.units = KdeStage::UnitChoice::kCountPerCell;
  std::ostringstream out, err;
  ASSERT_EQ(run_kde(o, out, err), kExitOk);
  EXPECT_NE(out.str().find("ArcGIS default: 0.9 * min(SD"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("min(width, height) / 250"), std::string::npos) << out.str();
  const GeoTiffContents tif = read_geotiff(o.kde.density.output);
  EXPECT_EQ(tif.metadata.at("SEARCH_RADIUS_SOURCE"), "ArcGIS default");
  EXPECT_EQ(tif.band_unit, "expected incidents per cell");
  double total = 0;
  for (double v : tif.raster.values) total += v;
  EXPECT_NEAR(total, 5000.0, 50.0);  // expected counts per cell add up to the incidents
}

TEST(KdeCommandTest, HotZonesAndStudyAreaMask) {
  TempDir d;
  KdeCommandOptions o = sample_options(d);
  o.kde.density.mask = hotspot::testing::charlotte("charlotte_city_limits.geojson");
  o.kde.hot_zones.paths = {d.file("hot.geojson"), d.file("hot.shp")};
  std::ostringstream out, err;
  ASSERT_EQ(run_kde(o, out, err), kExitOk);
  EXPECT_NE(out.str().find("hot zones: top 1%"), std::string::npos) << out.str();
  const std::string gj = testing::read_file(d.file("hot.geojson"));
  EXPECT_NE(gj.find("\"level\": \"top 5%\""), std::string::npos);
  EXPECT_FALSE(testing::read_file(d.file("hot.dbf")).empty());
  const GeoTiffContents tif = read_geotiff(o.kde.density.output);
  int64_t nodata = 0;
  for (double v : tif.raster.values) nodata += std::isnan(v);
  EXPECT_GT(nodata, 0);
  EXPECT_LT(nodata, tif.raster.spec.cell_count());
}

// Each bad input: exit 1, a clear message, and nothing left in the folder but the input.
TEST(KdeCommandTest, BadInputIsRefusedAndLeavesNoOutput) {
  TempDir d;
  const std::string in = d.write("in.csv", "lon,lat,date\n-80.84,35.22,2020-01-02\n-80.85,35.23,2020-01-03\n-80.80,35.20,2020-02-01\n");
  const std::string base = "kde " + in + " -q -o " + d.file("out.tif") + " ";
  // Usage errors (the command line asks for something impossible) exit 2; input errors exit 1.
  const std::tuple<std::string, std::string, int> cases[] = {
      {"--crs EPSG:2264 --radius 0ft", "--radius: must be a positive length", kExitUsage},
      {"--crs EPSG:2264 --radius -5ft", "--radius: must be a positive length", kExitUsage},
      {"--crs EPSG:2264 --radius 2000ft --cell-size 0ft", "--cell-size: must be a positive length", kExitUsage},
      {"--crs EPSG:2264 --radius 2000ft --cell-size 0.0001ft", "of memory, more than the", kExitFailure},
      {"--crs EPSG:2264 --radius 2000ft --date-from 2030-01-01", "no points left after filters", kExitFailure},
      {"--crs EPSG:4326 --radius 2000ft", "is not projected", kExitUsage},
      {"--crs EPSG:2264 --kernel gaussian", "needs --sigma", kExitUsage},
      {"--crs EPSG:2264 --kernel cosine", "--kernel: 'cosine' is not one of quartic", kExitUsage},
      {"--crs EPSG:2264 --radius 2000", "has no unit", kExitUsage},
  };
  for (const auto& [args, message, code] : cases) {
    const auto r = run_hotspot(base + args, d);
    EXPECT_EQ(r.code, code) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << "\n" << r.err;
    EXPECT_EQ(d.entries(), std::vector<std::string>{"in.csv"}) << args;
  }
}

TEST(KdeCommandTest, BinaryRunsWithProgressAndRefusesToOverwrite) {
  TempDir d;
  const std::string args = "kde " + hotspot::testing::charlotte("cmpd_incidents_sample.csv") +
                           " --crs EPSG:2264 -r 600m --cell-size 250ft --threads 2 -o " + d.file("k.tif");
  const auto r = run_hotspot(args, d);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("kernel density: "), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("radius:    1968.5"), std::string::npos) << r.out;  // 600 m in US survey feet
  const auto again = run_hotspot(args, d);
  EXPECT_EQ(again.code, kExitUsage);  // found before any input is read
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
  const auto help = run_hotspot("kde --help", d);
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
  EXPECT_NE(help.out.find("--hot-zones"), std::string::npos);
}

}  // namespace
}  // namespace hotspot::cli
