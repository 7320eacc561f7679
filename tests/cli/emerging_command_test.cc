#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_support.h"

namespace {

using hotspot::testing::read_file;
using hotspot::testing::run_hotspot;
using hotspot::testing::TempDir;

// A 12 x 12 km city of 1 km cells (EPSG:32617 metres) over 2021-01 to 2023-12: one or two incidents in every cell
// each month, and a block round cell (3, 3) rising from 6 to 23 incidents a month. `with_dates` false leaves the
// date column out.
std::string city_csv(bool with_dates) {
  std::string csv = with_dates ? "x,y,date\n" : "x,y\n";
  auto add = [&](int col, int row, int month, int k) {
    csv += std::to_string(500000 + col * 1000 + 100 + 37 * (k % 20)) + "," +
           std::to_string(3900000 + row * 1000 + 100 + 41 * (k % 19));
    if (with_dates) {
      const int year = 2021 + month / 12, mon = month % 12 + 1;
      csv += "," + std::to_string(year) + "-" + (mon < 10 ? "0" : "") + std::to_string(mon) + "-" +
             (1 + k % 28 < 10 ? "0" : "") + std::to_string(1 + k % 28);
    }
    csv += "\n";
  };
  for (int month = 0; month < 36; ++month)
    for (int col = 0; col < 12; ++col)
      for (int row = 0; row < 12; ++row) {
        int n = 1 + (col * 7 + row * 5 + month * 3) % 2;
        if (std::abs(col - 3) <= 1 && std::abs(row - 3) <= 1) n = 6 + month / 2;
        for (int k = 0; k < n; ++k) add(col, row, month, k);
      }
  // The last day of the data, so end-aligned months are calendar months.
  if (with_dates) csv += "511500,3911500,2023-12-31\n";
  return csv;
}

const std::string kFlags = " --source-crs EPSG:32617 --cell-size 1000m --extent 500000,3900000,512000,3912000 ";

TEST(EmergingCommandTest, WritesTheLayerStyleAndCubeWithArcGisFields) {
  TempDir d;
  d.write("city.csv", city_csv(true));
  auto r = run_hotspot("emerging " + d.file("city.csv") + kFlags + "--time-step 1month --band 1500m -o " +
                           d.file("e.geojson") + " --cube-csv " + d.file("cube.csv") +
                           " --cube-netcdf " + d.file("cube.nc"),
                       d);
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("144 locations"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("x 36 steps"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(read_file(d.file("e.geojson")));
  ASSERT_EQ(j["features"].size(), 144u);
  bool found = false;
  for (const auto& f : j["features"]) {
    const auto& p = f["properties"];
    for (const char* k : {"PATTERN", "CATEGORY", "TREND_Z", "TREND_P", "TREND_SIGN", "COUNT_Z", "COUNT_P",
                          "COUNT_SIGN", "HOT_STEPS", "COLD_STEPS"})
      ASSERT_TRUE(p.contains(k)) << k;
    // Cell (col 3, row 3 from the south) is fishnet row 8 (row 0 north) of 12 columns.
    if (p["SOURCE_ID"].get<int>() == 8 * 12 + 3) {
      found = true;
      EXPECT_EQ(p["PATTERN"], "Intensifying Hot Spot");
      EXPECT_EQ(p["CATEGORY"], 3);
      EXPECT_EQ(p["COUNT_SIGN"], 1);
      EXPECT_GE(10 * p["HOT_STEPS"].get<int>(), 9 * 36);  // intensifying: hot in at least 90 % of the steps
    }
  }
  EXPECT_TRUE(found);
  EXPECT_NE(read_file(d.file("e.qml")).find("attr=\"CATEGORY\""), std::string::npos);
  const std::string cube = read_file(d.file("cube.csv"));
  EXPECT_EQ(cube.rfind("LOCATION,SOURCE_ID,TIME_STEP,START_DATE,END_DATE,COUNT,GiZScore,GiPValue,Gi_Bin\n", 0), 0u);
  EXPECT_EQ(std::count(cube.begin(), cube.end(), '\n'), 1 + 144 * 36);
  EXPECT_NE(cube.find(",0,2021-01-01,2021-01-31,"), std::string::npos);
  // netCDF: time x y x x; the planted cell (fishnet row 8, col 3) holds 6 + month / 2 incidents in month t.
  GDALAllRegister();
  std::unique_ptr<GDALDataset> nc(GDALDataset::Open(d.file("cube.nc").c_str(), GDAL_OF_MULTIDIM_RASTER));
  ASSERT_TRUE(nc);
  const auto count = nc->GetRootGroup()->OpenMDArray("COUNT");
  ASSERT_TRUE(count);
  ASSERT_EQ(count->GetDimensionCount(), 3u);
  EXPECT_EQ(count->GetDimensions()[0]->GetSize(), 36u);
  const GUInt64 start[3] = {10, 8, 3};
  const size_t one[3] = {1, 1, 1};
  float v = -1;
  ASSERT_TRUE(count->Read(start, one, nullptr, nullptr, GDALExtendedDataType::Create(GDT_Float32), &v));
  EXPECT_EQ(v, 6 + 10 / 2);
  ASSERT_TRUE(count->GetSpatialRef());
}

TEST(EmergingCommandTest, NoDatesOrTooFewStepsAreErrorsAndNothingIsWritten) {
  TempDir d;
  d.write("nodates.csv", city_csv(false));
  auto r = run_hotspot("emerging " + d.file("nodates.csv") + kFlags + "-o " + d.file("a.gpkg"), d);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.err.find("no incident has a date"), std::string::npos) << r.err;
  d.write("city.csv", city_csv(true));
  r = run_hotspot("emerging " + d.file("city.csv") + kFlags + "--time-step 1year -o " + d.file("b.gpkg"), d);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.err.find("at least 10"), std::string::npos) << r.err;
  r = run_hotspot("emerging " + d.file("city.csv") + kFlags + "--time-step 2weeks -o " + d.file("c.gpkg"), d);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.err.find("1month, 3months or 1year"), std::string::npos) << r.err;
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".gpkg"), std::string::npos) << e;
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".qml"), std::string::npos) << e;
}

}  // namespace
