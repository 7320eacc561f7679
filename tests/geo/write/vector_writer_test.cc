#include "geo/write/vector_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "geo/gdal/gdal_handles.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

VectorLayer sample_layer() {
  VectorLayer l;
  l.name = "cells";
  l.kind = GeometryKind::kPolygon;
  l.fields = {{"SOURCE_ID", FieldType::kInteger}, {"GiZScore", FieldType::kReal}, {"LABEL", FieldType::kString}};
  l.features.push_back({BoxGeometry{{1440000, 540000, 1441000, 541000}}, {int64_t{1}, 2.5, std::string("Caf\xC3\xA9")}});
  l.features.push_back({BoxGeometry{{1441000, 540000, 1442000, 541000}}, {int64_t{2}, std::nan(""), std::monostate{}}});
  return l;
}

TEST(VectorWriterTest, WritesGeoJsonInWgs84AndShapefileWithSidecars) {
  TempDir d;
  const Crs crs = Crs::from_user_input("EPSG:2264");
  for (const std::string name : {"cellsj.geojson", "cells.shp", "cellsg.gpkg"}) {
    VectorWriteOptions o;
    o.path = d.file(name);
    o.qml_style = "<qgis></qgis>";
    write_vector(sample_layer(), crs, o);
    GdalDatasetPtr ds = open_vector(o.path);
    OGRLayer* lay = ds->GetLayer(0);
    ASSERT_EQ(lay->GetFeatureCount(), 2) << name;
    OgrFeaturePtr f(lay->GetNextFeature());
    EXPECT_EQ(f->GetFieldAsInteger64("SOURCE_ID"), 1);
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("GiZScore"), 2.5);
    EXPECT_STREQ(f->GetFieldAsString("LABEL"), "Caf\xC3\xA9");
    OgrFeaturePtr g(lay->GetNextFeature());
    EXPECT_FALSE(g->IsFieldSetAndNotNull(g->GetFieldIndex("LABEL"))) << name;
    OGREnvelope env;
    f->GetGeometryRef()->getEnvelope(&env);
    if (name == "cellsj.geojson") {
      // RFC 7946: lon/lat degrees near Charlotte
      EXPECT_NEAR(env.MinX, -80.84, 0.2);
      EXPECT_NEAR(env.MinY, 35.2, 0.2);
    } else {
      EXPECT_DOUBLE_EQ(env.MinX, 1440000);
      EXPECT_DOUBLE_EQ(env.MaxY, 541000);
    }
    const std::string stem = d.file(std::filesystem::path(name).stem().string());
    EXPECT_TRUE(std::filesystem::exists(stem + ".qml")) << name;
  }
  EXPECT_TRUE(std::filesystem::exists(d.file("cells.prj")));
  EXPECT_EQ(testing::read_file(d.file("cells.cpg")).substr(0, 5), "UTF-8");
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".partial"), std::string::npos) << e;
}

TEST(VectorWriterTest, RefusesLongShapefileFieldNamesAndLeavesNothing) {
  TempDir d;
  VectorLayer l = sample_layer();
  l.fields[1].name = "GiZScoreTooLong";
  VectorWriteOptions o;
  o.path = d.file("x.shp");
  try {
    write_vector(l, Crs::from_user_input("EPSG:2264"), o);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("10 characters"), std::string::npos);
  }
  EXPECT_TRUE(d.entries().empty());
}

TEST(VectorWriterTest, ExistingOutputNeedsOverwrite) {
  TempDir d;
  VectorWriteOptions o;
  o.path = d.file("p.geojson");
  write_vector(sample_layer(), Crs::from_user_input("EPSG:2264"), o);
  EXPECT_THROW(write_vector(sample_layer(), Crs::from_user_input("EPSG:2264"), o), std::runtime_error);
  o.overwrite = true;
  EXPECT_NO_THROW(write_vector(sample_layer(), Crs::from_user_input("EPSG:2264"), o));
  EXPECT_THROW(vector_driver_for("a.kml"), std::runtime_error);
}

}  // namespace
}  // namespace hotspot
