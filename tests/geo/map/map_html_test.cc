#include "geo/map/map_html.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include <nlohmann/json.hpp>

#include "tests/geo/map/map_test_layers.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

nlohmann::json page_data(const std::string& page) {
  const std::string open = "<script id=\"hotspot-map-data\" type=\"application/json\">";
  const size_t a = page.find(open);
  EXPECT_NE(a, std::string::npos);
  const size_t b = page.find("</script>", a);
  return nlohmann::json::parse(page.substr(a + open.size(), b - a - open.size()));
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t i = hay.find(needle); i != std::string::npos; i = hay.find(needle, i + 1)) ++n;
  return n;
}

MapSpec charlotte_spec(const TempDir& d, bool empty_results) {
  MapSpec spec;
  spec.title = "Test map";
  spec.notes = {"synthetic Gi* cells"};
  const std::string tif = d.file("density.tif");
  testing::write_density_tif(tif, empty_results ? 0.0 : 10.0);
  spec.overlays.push_back(default_density_overlay(tif, "incidents per km\xC2\xB2"));
  MapLayer gi = default_map_layer(MapLayerKind::kGiCells, "Gi* cells");
  gi.geojson = testing::gi_cells_geojson(empty_results);
  gi.popup_fields = {{"n_incidents", "Incidents", "incidents", 0}, {"GiZScore", "z-score", "SD", 2}, {"Gi_Bin", "", "", -1}};
  spec.layers.push_back(gi);
  MapLayer pa = default_map_layer(MapLayerKind::kPriorityAreas, "Priority areas");
  pa.geojson = testing::priority_geojson(empty_results);
  spec.layers.push_back(pa);
  MapLayer div = default_map_layer(MapLayerKind::kContext, "Patrol divisions");
  div.path = testing::charlotte("police_divisions/CMPD_Police_Divisions.shp");  // EPSG:2264, reprojected
  div.simplify_m = 20;
  spec.layers.push_back(div);
  MapLayer city = default_map_layer(MapLayerKind::kContext, "City limits");
  city.path = testing::charlotte("charlotte_city_limits.geojson");
  city.style.stroke_width_px = 2.5;
  spec.layers.push_back(city);
  return spec;
}

TEST(MapHtmlTest, GiPaletteIsArcGisHotSpotRenderer) {
  const MapLayer gi = default_map_layer(MapLayerKind::kGiCells, "g");
  const std::vector<std::pair<std::string, std::string>> arcgis = {{"-3", "#4575B5"}, {"-2", "#849EBA"}, {"-1", "#C0CCBE"},
                                                                   {"0", "#9C9C9C"},  {"1", "#FAB984"},  {"2", "#ED7551"},
                                                                   {"3", "#D62F27"}};
  ASSERT_EQ(gi.style.categories.size(), arcgis.size());
  EXPECT_EQ(gi.style.category_field, "Gi_Bin");
  for (size_t i = 0; i < arcgis.size(); ++i) {
    EXPECT_EQ(gi.style.categories[i].value, arcgis[i].first);
    EXPECT_EQ(gi.style.categories[i].color, arcgis[i].second);
  }
  EXPECT_EQ(gi.style.categories[6].label, "Hot Spot - 99% Confidence");
  EXPECT_EQ(gi.style.categories[0].label, "Cold Spot - 99% Confidence");
}

TEST(MapHtmlTest, SelfContainedPageWithLayersLegendAndPopups) {
  TempDir d;
  MapHtmlOptions o;
  o.path = d.file("map.html");
  const MapHtmlResult r = write_map_html(charlotte_spec(d, false), o);
  EXPECT_TRUE(r.messages.empty()) << r.messages.front();
  const std::string page = testing::read_file(o.path);
  // No external resources: everything inlined.
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("url(http"), std::string::npos);
  EXPECT_EQ(page.find("url(images/"), std::string::npos);  // Leaflet's images are data URIs
  EXPECT_NE(page.find("1.9.4"), std::string::npos);  // Leaflet itself is inlined
  EXPECT_EQ(count(page, "</script>"), 3u);  // leaflet, data, page script: nothing in the data closes a script early
  EXPECT_NE(page.find("<title>Test map</title>"), std::string::npos);

  const nlohmann::json j = page_data(page);
  ASSERT_EQ(j["layers"].size(), 4u);
  EXPECT_EQ(j["layers"][0]["name"], "Gi* cells");
  EXPECT_EQ(j["layers"][0]["data"]["features"].size(), 80u);
  EXPECT_EQ(j["layers"][1]["data"]["features"].size(), 1u);
  EXPECT_EQ(j["layers"][1]["data"]["features"][0]["properties"]["name"], "Area <A> & \"B\"");
  EXPECT_EQ(j["layers"][2]["data"]["features"].size(), 14u);  // the 14 CMPD divisions
  EXPECT_EQ(j["layers"][3]["data"]["features"].size(), 1u);
  // The shapefile in EPSG:2264 arrived in lon/lat around Charlotte.
  const auto& ring = j["layers"][2]["data"]["features"][0]["geometry"]["coordinates"][0];
  const auto& first = ring[0].is_array() && ring[0][0].is_array() ? ring[0][0] : ring[0];
  EXPECT_NEAR(first[0].get<double>(), -80.84, 0.35);
  EXPECT_NEAR(first[1].get<double>(), 35.25, 0.35);
  // Popup fields with units.
  EXPECT_EQ(j["layers"][0]["popup"][0]["unit"], "incidents");
  EXPECT_EQ(j["layers"][0]["popup"][2]["label"], "Gi_Bin");
  // Legend: the density ramp with its unit, then the seven Gi_Bin classes.
  ASSERT_EQ(j["legend"].size(), 5u);
  EXPECT_EQ(j["legend"][0]["name"], "Kernel density");
  EXPECT_NE(j["legend"][0]["unit"].get<std::string>().find("per km"), std::string::npos);
  ASSERT_EQ(j["legend"][1]["entries"].size(), 7u);
  EXPECT_EQ(j["legend"][1]["entries"][6]["fill"], "#D62F27");
  // Density overlay: an embedded PNG whose bounds are the raster's box (lat, lon).
  const auto& ov = j["overlays"][0];
  ASSERT_TRUE(ov["image"].is_string());
  EXPECT_EQ(ov["image"].get<std::string>().rfind("data:image/png;base64,", 0), 0u);
  EXPECT_NEAR(ov["bounds"][0][0].get<double>(), 35.18, 1e-3);
  EXPECT_NEAR(ov["bounds"][0][1].get<double>(), -80.90, 1e-3);
  EXPECT_NEAR(ov["bounds"][1][0].get<double>(), 35.26, 1e-3);
  EXPECT_NEAR(ov["bounds"][1][1].get<double>(), -80.80, 1e-3);
  // The map frames everything: the divisions reach beyond the synthetic cells.
  EXPECT_LT(j["bounds"][0][0].get<double>(), 35.1);
  EXPECT_GT(j["bounds"][1][0].get<double>(), 35.35);
  EXPECT_TRUE(j["basemap"].is_null());
  for (const std::string& e : d.entries()) EXPECT_EQ(e.find(".partial"), std::string::npos) << e;
}

TEST(MapHtmlTest, EmptyResultsSaySoOnThePage) {
  TempDir d;
  MapHtmlOptions o;
  o.path = d.file("map.html");
  const MapHtmlResult r = write_map_html(charlotte_spec(d, true), o);
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_NE(r.messages[0].find("Kernel density"), std::string::npos);
  EXPECT_NE(r.messages[1].find("no significant hotspots"), std::string::npos);
  EXPECT_NE(r.messages[2].find("no priority areas"), std::string::npos);
  const std::string page = testing::read_file(o.path);
  // Shown as static HTML (readable even without JavaScript) and in the legend.
  EXPECT_NE(page.find("<div class=\"hotspot-notice\">Gi* cells: no significant hotspots"), std::string::npos);
  EXPECT_NE(page.find("<div class=\"hotspot-notice\">Priority areas: no priority areas</div>"), std::string::npos);
  const nlohmann::json j = page_data(page);
  EXPECT_TRUE(j["overlays"][0]["image"].is_null());
  EXPECT_EQ(j["legend"][2]["message"], "Priority areas: no priority areas");
  EXPECT_TRUE(j["layers"][1]["data"]["features"].empty());
}

TEST(MapHtmlTest, BasemapOnlyWhenAsked) {
  TempDir d;
  MapSpec spec;
  MapLayer l = default_map_layer(MapLayerKind::kPriorityAreas, "P");
  l.geojson = testing::priority_geojson();
  spec.layers.push_back(l);
  spec.basemap_url = "https://tiles.example/{z}/{x}/{y}.png";
  spec.basemap_attribution = "tiles";
  const std::string page = render_map_html(spec, find_leaflet_dir());
  EXPECT_EQ(page_data(page)["basemap"]["url"], spec.basemap_url);
}

TEST(MapHtmlTest, BadInputsAreNamed) {
  TempDir d;
  MapSpec spec;
  MapLayer l = default_map_layer(MapLayerKind::kOther, "Broken");
  l.geojson = "{not json";
  spec.layers.push_back(l);
  MapHtmlOptions o;
  o.path = d.file("map.html");
  try {
    write_map_html(spec, o);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("'Broken'"), std::string::npos) << e.what();
  }
  spec.layers[0].geojson = testing::priority_geojson();
  spec.layers.push_back(spec.layers[0]);
  EXPECT_THROW(write_map_html(spec, o), std::invalid_argument);  // duplicate name
  spec.layers.pop_back();
  spec.layers[0].style.fill_color = "red";
  EXPECT_THROW(write_map_html(spec, o), std::invalid_argument);  // not a hex colour
  spec.layers[0].style.fill_color = "#ff0000";
  write_map_html(spec, o);
  EXPECT_THROW(write_map_html(spec, o), std::runtime_error);  // exists
  o.overwrite = true;
  write_map_html(spec, o);
  EXPECT_EQ(d.entries().size(), 1u);
}

}  // namespace
}  // namespace hotspot
