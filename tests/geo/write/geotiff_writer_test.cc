#include "geo/write/geotiff_writer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "geo/gdal/gdal_handles.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

Raster pattern(int64_t ncols, int64_t nrows) {
  GridSpec g;
  g.x_min = 1384000;
  g.y_min = 460000;
  g.cell_size = 50;
  g.ncols = ncols;
  g.nrows = nrows;
  Raster r(g);
  for (int64_t i = 0; i < nrows; ++i)
    for (int64_t j = 0; j < ncols; ++j) r.at(i, j) = std::sin(0.01 * static_cast<double>(i * 7 + j)) * 1e-7 + 1e-7;
  r.at(0, 0) = Raster::nodata();
  r.at(nrows - 1, ncols - 1) = Raster::nodata();
  return r;
}

TEST(GeoTiffWriterTest, WritesCogWithCrsNodataUnitsAndExactValues) {
  TempDir d;
  const Raster r = pattern(1300, 1100);
  GeoTiffOptions o;
  o.path = d.file("density.tif");
  o.band_unit = "incidents per square mile";
  o.band_description = "kernel density";
  o.metadata["KERNEL"] = "quartic";
  write_geotiff(r, Crs::from_user_input("EPSG:2264"), o);

  GdalDatasetPtr ds = open_raster(o.path);
  ASSERT_EQ(ds->GetRasterXSize(), 1300);
  ASSERT_EQ(ds->GetRasterYSize(), 1100);
  double gt[6];
  ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
  EXPECT_EQ(gt[0], 1384000.0);
  EXPECT_EQ(gt[3], 460000.0 + 1100 * 50.0);
  EXPECT_EQ(gt[1], 50.0);
  EXPECT_EQ(gt[5], -50.0);
  const OGRSpatialReference* srs = ds->GetSpatialRef();
  ASSERT_NE(srs, nullptr);
  EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "2264");
  GDALRasterBand* b = ds->GetRasterBand(1);
  EXPECT_EQ(b->GetRasterDataType(), GDT_Float64);
  int has_nodata = 0;
  EXPECT_TRUE(std::isnan(b->GetNoDataValue(&has_nodata)));
  EXPECT_TRUE(has_nodata);
  EXPECT_STREQ(b->GetUnitType(), "incidents per square mile");
  EXPECT_STREQ(ds->GetMetadataItem("KERNEL"), "quartic");
  EXPECT_STREQ(ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"), "DEFLATE");
  EXPECT_STREQ(ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"), "COG");
  int bx = 0, by = 0;
  b->GetBlockSize(&bx, &by);
  EXPECT_EQ(bx, 512);
  EXPECT_EQ(by, 512);
  EXPECT_GE(b->GetOverviewCount(), 1);
  std::vector<double> back(static_cast<size_t>(1300 * 1100));
  ASSERT_EQ(b->RasterIO(GF_Read, 0, 0, 1300, 1100, back.data(), 1300, 1100, GDT_Float64, 0, 0), CE_None);
  for (size_t k = 0; k < back.size(); ++k) {
    if (std::isnan(r.values[k])) EXPECT_TRUE(std::isnan(back[k])) << k;
    else ASSERT_EQ(back[k], r.values[k]) << k;
  }
  // No temporary files left beside the output.
  EXPECT_EQ(d.entries().size(), 1u);

  const GeoTiffContents c = read_geotiff(o.path);
  EXPECT_EQ(c.crs_authority, "EPSG:2264");
  EXPECT_EQ(c.band_unit, "incidents per square mile");
  EXPECT_EQ(c.metadata.at("KERNEL"), "quartic");
  EXPECT_EQ(c.layout, "COG");
  EXPECT_EQ(c.raster.spec.y_min, 460000.0);
  EXPECT_EQ(c.raster.at(5, 7), r.at(5, 7));
}

TEST(GeoTiffWriterTest, RefusesExistingOutputAndLeavesItAlone) {
  TempDir d;
  d.write("density.tif", "keep");
  GeoTiffOptions o;
  o.path = d.file("density.tif");
  EXPECT_THROW(write_geotiff(pattern(10, 10), Crs::from_user_input("EPSG:2264"), o), std::runtime_error);
  EXPECT_EQ(testing::read_file(o.path), "keep");
  o.overwrite = true;
  write_geotiff(pattern(10, 10), Crs::from_user_input("EPSG:2264"), o);
  EXPECT_EQ(open_raster(o.path)->GetRasterXSize(), 10);
}

TEST(GeoTiffWriterTest, MissingFolderIsAClearError) {
  TempDir d;
  GeoTiffOptions o;
  o.path = d.file("no/such/dir/density.tif");
  try {
    write_geotiff(pattern(10, 10), Crs::from_user_input("EPSG:2264"), o);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hotspot
