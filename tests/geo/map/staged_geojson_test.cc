#include "geo/map/staged_geojson.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <cpl_string.h>
#include <cpl_vsi.h>

namespace hotspot {
namespace {

// The files GDAL holds in /vsimem whose name starts with `prefix`.
int vsimem_files(const std::string& prefix) {
  CPLStringList names(VSIReadDir("/vsimem/"));
  int n = 0;
  for (int i = 0; i < names.size(); ++i) n += std::string(names[i]).rfind(prefix, 0) == 0;
  return n;
}

const char* kTwoPoints = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "a", "n": 1}, "geometry": {"type": "Point", "coordinates": [-80.8, 35.2]}},
  {"type": "Feature", "properties": {"name": "b", "n": 2}, "geometry": {"type": "Point", "coordinates": [-80.9, 35.3]}}]})";

TEST(StagedGeoJsonTest, OpensTheTextAsALayerAndRemovesItsFileWhenDone) {
  ensure_gdal();
  const int before = vsimem_files("hotspot_staged_");
  {
    const std::string text = kTwoPoints;
    const StagedGeoJson staged(text, "map layer 'test'");
    EXPECT_EQ(vsimem_files("hotspot_staged_"), before + 1);
    OGRLayer* layer = staged.dataset().GetLayer(0);
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(layer->GetFeatureCount(), 2);
    layer->ResetReading();
    OgrFeaturePtr f(layer->GetNextFeature());
    ASSERT_TRUE(f);
    EXPECT_STREQ(f->GetFieldAsString("name"), "a");
    const OGRPoint* p = f->GetGeometryRef()->toPoint();
    EXPECT_DOUBLE_EQ(p->getX(), -80.8);
    EXPECT_DOUBLE_EQ(p->getY(), 35.2);
  }
  EXPECT_EQ(vsimem_files("hotspot_staged_"), before);
}

TEST(StagedGeoJsonTest, TextThatIsNotGeoJsonIsAnErrorAndLeavesNoFile) {
  ensure_gdal();
  const int before = vsimem_files("hotspot_staged_");
  const std::string text = "this is not GeoJSON";
  EXPECT_THROW(StagedGeoJson(text, "tile layer 'x'"), std::runtime_error);
  EXPECT_EQ(vsimem_files("hotspot_staged_"), before);
}

}  // namespace
}  // namespace hotspot
