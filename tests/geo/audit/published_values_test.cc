// The scan of an output folder, file kind by file kind: what it finds, in the analysis CRS, and where.
#include "geo/audit/published_values.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

// lon/lat of the position every file below plants, and a window around it in EPSG:32617 (UTM 17N, metres).
constexpr double kLon = -80.895782, kLat = 35.145876;

const PublishedPosition* find(const PublishedValues& v, const std::string& file) {
  for (const PublishedPosition& p : v.positions)
    if (p.file == file) return &p;
  return nullptr;
}

PublishedValues scan(const TempDir& d) {
  const Crs utm = Crs::from_user_input("EPSG:32617");
  double x = kLon, y = kLat;
  CrsTransform(Crs::from_user_input("EPSG:4326"), utm).transform(x, y);
  return scan_published_folder(d.path().string(), utm, Extent{x - 5000, y - 5000, x + 5000, y + 5000});
}

void write_tif_with_metadata(const std::string& path) {
  GDALAllRegister();
  GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), 2, 2, 1, GDT_Float32, nullptr);
  ds->SetMetadataItem("CENTRE", "-80.895782 35.145876");
  ds->SetMetadataItem("INCIDENT_COUNT", "2");
  GDALClose(ds);
}

void write_gpkg_point(const std::string& path) {
  GDALAllRegister();
  GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  OGRSpatialReference ll;
  ll.importFromEPSG(4326);
  ll.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = ds->CreateLayer("placed", &ll, wkbPoint, nullptr);
  OGRFieldDefn n("n", OFTInteger);
  layer->CreateField(&n);
  OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
  f->SetField("n", 1);
  OGRPoint p(kLon, kLat);
  f->SetGeometry(&p);
  EXPECT_EQ(layer->CreateFeature(f), OGRERR_NONE);
  OGRFeature::DestroyFeature(f);
  GDALClose(ds);
}

TEST(PublishedValuesTest, RasterMetadataLayersTablesAndText) {
  TempDir d;
  write_tif_with_metadata(d.file("density.tif"));
  write_gpkg_point(d.file("placed.gpkg"));
  d.write("notes.txt", "centre at 35.145876, -80.895782 (lat, lon)\n");
  d.write("far.csv", "x,y\n-80.5,35.5\n");
  const PublishedValues v = scan(d);
  for (const char* f : {"density.tif", "placed.gpkg", "notes.txt"}) {
    const PublishedPosition* p = find(v, f);
    ASSERT_NE(p, nullptr) << f;
    double x = kLon, y = kLat;
    CrsTransform(Crs::from_user_input("EPSG:4326"), Crs::from_user_input("EPSG:32617")).transform(x, y);
    EXPECT_LT(std::hypot(p->x - x, p->y - y), 0.01) << f;
  }
  EXPECT_EQ(find(v, "far.csv"), nullptr);  // outside the window
  EXPECT_EQ(find(v, "placed.gpkg")->where, "layer placed feature 1");
  int counts = 0;
  for (const PublishedCount& c : v.counts) counts += (c.file == "density.tif" && c.field == "INCIDENT_COUNT" && c.value == 2) ||
                                                    (c.file == "placed.gpkg" && c.field == "n" && c.value == 1);
  EXPECT_EQ(counts, 2);
  EXPECT_EQ(v.files_scanned.size(), 4u);
}

TEST(PublishedValuesTest, ImagesAreSkippedAndAMissingFolderThrows) {
  TempDir d;
  d.write("map_preview.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  const PublishedValues v = scan(d);
  ASSERT_EQ(v.files_skipped.size(), 1u);
  EXPECT_NE(v.files_skipped[0].find("map_preview.png"), std::string::npos);
  EXPECT_THROW(scan_published_folder(d.file("nope"), Crs::from_user_input("EPSG:32617"), Extent{}), std::runtime_error);
}

}  // namespace
}  // namespace hotspot
