// `hotspot run` on the README's main job: every file the README's "What the main job produces" table lists is read
// back with GDAL/OGR, GDAL's XML parser or sha256sum and checked for what it is said to hold, not only for existing.
#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBasemap = "https://tiles.example.test/{z}/{x}/{y}.png";
constexpr int kMinZoom = 10, kMaxZoom = 12;

// The bundled config with fewer permutations (they only change GiPseudoP), tiles up to zoom 12 instead of 14, and
// a basemap, so that the map has one request it is allowed to make.
void outputs_config(nlohmann::json& cfg) {
  cfg["gistar"]["permutations"] = 99;
  cfg["map"]["basemap"] = kBasemap;
  cfg["map"]["min_zoom"] = kMinZoom;
  cfg["map"]["max_zoom"] = kMaxZoom;
}
using RunOutputsTest = SharedRunTest<outputs_config>;
// The checks below are plain functions called by the tests at the end of the file.
const SharedRun& g_run = RunOutputsTest::run;
std::string file(const std::string& name) { return g_run.file(name); }

using XmlPtr = std::unique_ptr<CPLXMLNode, void (*)(CPLXMLNode*)>;
XmlPtr parse_xml(const std::string& path) { return XmlPtr(CPLParseXMLString(read_file(path).c_str()), CPLDestroyXMLNode); }

// Every element named `name` under `node`, depth first.
void find_elements(CPLXMLNode* node, const std::string& name, std::vector<CPLXMLNode*>& out) {
  for (CPLXMLNode* n = node; n; n = n->psNext) {
    if (n->eType != CXT_Element) continue;
    if (name == n->pszValue) out.push_back(n);
    find_elements(n->psChild, name, out);
  }
}
std::vector<CPLXMLNode*> elements(CPLXMLNode* root, const std::string& name) {
  std::vector<CPLXMLNode*> out;
  find_elements(root, name, out);
  return out;
}

// map.html is offline (no http(s) request but the configured basemap) and holds every layer.
void check_map_html() {
  std::string html = read_file(file("map.html"));
  ASSERT_FALSE(html.empty());
  // Leaflet is inlined: take its script out (its own strings name w3.org namespaces), then drop /* */ comments.
  const std::string leaflet = read_file(source_dir() + "/tools/web/node_modules/leaflet/dist/leaflet.js");
  ASSERT_FALSE(leaflet.empty());
  const size_t at = html.find(leaflet);
  ASSERT_NE(at, std::string::npos) << "leaflet.js is not inlined";
  html.erase(at, leaflet.size());
  html = std::regex_replace(html, std::regex(R"(/\*[\s\S]*?\*/)"), "");
  std::set<std::string> urls;
  const std::regex url(R"(https?://[^\s"'<>)]*)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) urls.insert(it->str());
  EXPECT_EQ(urls, std::set<std::string>{kBasemap});
  const std::regex css_url(R"(url\(\s*['"]?([^'")]*))");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), css_url); it != std::sregex_iterator(); ++it) {
    const std::string target = (*it)[1].str();
    EXPECT_TRUE(target.rfind("data:", 0) == 0 || target.rfind("#", 0) == 0) << "url(" << target << ")";
  }
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<(script|img|iframe)[^>]*\bsrc\s*=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<link[^>]*\bhref\s*=)", std::regex::icase)));
  for (const char* layer : {"Kernel density", "Gi* hot and cold spots", "Priority areas", "Hot spots outside priority areas",
                            "City limits", "Patrol divisions"})
    EXPECT_NE(html.find(layer), std::string::npos) << layer;
}

// The lon/lat envelope of every vertex of `path`'s first layer.
OGREnvelope lonlat_envelope(const std::string& path) {
  OGREnvelope all;
  GdalDataset g(path);
  OGRSpatialReference wgs;
  wgs.SetWellKnownGeogCS("WGS84");
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = g.ds->GetLayer(0);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(layer->GetSpatialRef(), &wgs));
  for (auto& f : *layer) {
    std::unique_ptr<OGRGeometry> geom(f->GetGeometryRef()->clone());
    geom->transform(ct.get());
    OGREnvelope e;
    geom->getEnvelope(&e);
    all.Merge(e);
  }
  return all;
}

// map_preview.png is a PNG as large as the drawn frame says, and not blank.
void check_preview_png() {
  const std::string png = read_file(file("map_preview.png"));
  ASSERT_GE(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const char* png_only[] = {"PNG", nullptr};
  GdalDataset g(file("map_preview.png"), GDAL_OF_RASTER, png_only);
  ASSERT_TRUE(g.ds);
  // The stated size: 1600 px wide (PngPreviewOptions), high as the frame of every layer in Web Mercator plus a 3 %
  // margin of its larger side on each side. The frame is computed here from the layers themselves.
  OGREnvelope ll;
  for (const std::string& p : {file("gistar_cells.geojson"), file("priority_areas.geojson"), file("hotspot_clusters.geojson"),
                               charlotte("charlotte_city_limits.geojson"), charlotte("police_divisions/CMPD_Police_Divisions.shp")})
    ll.Merge(lonlat_envelope(p));
  const RasterCells d = read_raster(file("density.tif"));
  const Projector ft_to_merc(2264, 3857), ll_to_merc(4326, 3857);
  auto [x0, y0] = ll_to_merc(ll.MinX, ll.MinY);
  auto [x1, y1] = ll_to_merc(ll.MaxX, ll.MaxY);
  for (auto [cx, cy] : {std::pair{d.gt[0], d.gt[3]}, std::pair{d.gt[0] + d.ncols * d.gt[1], d.gt[3] + d.nrows * d.gt[5]}}) {
    auto [mx, my] = ft_to_merc(cx, cy);
    x0 = std::min(x0, mx), x1 = std::max(x1, mx), y0 = std::min(y0, my), y1 = std::max(y1, my);
  }
  const double pad = 0.03 * std::max(x1 - x0, y1 - y0);
  const double expected_h = 1600.0 * (y1 - y0 + 2 * pad) / (x1 - x0 + 2 * pad);
  EXPECT_EQ(g.ds->GetRasterXSize(), 1600);
  EXPECT_NEAR(g.ds->GetRasterYSize(), expected_h, 1.0);
  // Not blank: a good part of the picture differs from the background colour #F4F2EE, in several colours.
  ASSERT_GE(g.ds->GetRasterCount(), 3);
  const int w = g.ds->GetRasterXSize(), h = g.ds->GetRasterYSize();
  std::vector<uint8_t> rgb(static_cast<size_t>(w) * h * 3);
  int bands[] = {1, 2, 3};
  ASSERT_EQ(g.ds->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, 3 * w, 1, nullptr), CE_None);
  int64_t drawn = 0;
  std::set<uint32_t> colours;
  for (size_t i = 0; i < rgb.size(); i += 3) {
    const uint32_t c = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
    colours.insert(c);
    drawn += c != 0xF4F2EE;
  }
  EXPECT_GT(static_cast<double>(drawn) / (static_cast<double>(w) * h), 0.05);
  EXPECT_GT(colours.size(), 10u);
}

// hotspot.qgs is XML whose every layer source exists and is styled.
void check_qgis_project() {
  XmlPtr qgs = parse_xml(file("hotspot.qgs"));
  ASSERT_TRUE(qgs) << CPLGetLastErrorMsg();
  std::set<std::string> in_folder;
  const auto layers = elements(qgs.get(), "maplayer");
  EXPECT_EQ(layers.size(), 7u);  // density, Gi* cells, emerging hot spots, priority areas, uncovered hot spots,
                                 // city limits, divisions
  for (CPLXMLNode* l : layers) {
    std::string source = CPLGetXMLValue(l, "datasource", "");
    source = source.substr(0, source.find('|'));
    const fs::path p = fs::path(source).is_absolute() ? fs::path(source) : fs::path(g_run.out()) / source;
    EXPECT_TRUE(fs::exists(p)) << source;
    if (fs::equivalent(p.parent_path(), g_run.out())) in_folder.insert(p.filename().string());
    const std::string type = CPLGetXMLValue(l, "type", "");
    if (type == "raster") {
      EXPECT_STREQ(CPLGetXMLValue(l, "pipe.rasterrenderer.type", ""), "singlebandpseudocolor");
    } else {
      EXPECT_NE(CPLGetXMLNode(l, "renderer-v2"), nullptr) << source;
    }
  }
  // Every layer is in the folder, the context layers as copies, so the folder opens anywhere.
  EXPECT_EQ(in_folder, (std::set<std::string>{"density.tif", "gistar_cells.geojson", "emerging_hotspots.geojson",
                                              "priority_areas.geojson",
                                              "hotspot_clusters.geojson", "context_city_limits.geojson",
                                              "context_patrol_divisions.geojson"}));
}

// tiles.mbtiles is SQLite with MBTiles metadata and tiles at each configured zoom.
void check_vector_tiles() {
  // GDAL's SQLite driver leaves .mbtiles files to the MBTiles driver: read a copy under another name.
  TempDir copy;
  const std::string db = copy.file("tiles.db");
  fs::copy_file(file("tiles.mbtiles"), db);
  const char* sqlite_only[] = {"SQLite", nullptr};
  GdalDataset g(db, GDAL_OF_VECTOR, sqlite_only);
  ASSERT_TRUE(g.ds) << "not an SQLite file";
  std::map<std::string, std::string> meta;
  if (OGRLayer* m = g.ds->ExecuteSQL("SELECT name, value FROM metadata", nullptr, nullptr)) {
    for (auto& f : *m) meta[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
    g.ds->ReleaseResultSet(m);
  }
  EXPECT_EQ(meta["format"], "pbf");
  EXPECT_EQ(meta["minzoom"], std::to_string(kMinZoom));
  EXPECT_EQ(meta["maxzoom"], std::to_string(kMaxZoom));
  EXPECT_NE(meta["json"].find("\"gistar_cells\""), std::string::npos);
  EXPECT_NE(meta["json"].find("\"priority_areas\""), std::string::npos);
  std::set<int> zooms;
  if (OGRLayer* t = g.ds->ExecuteSQL("SELECT DISTINCT zoom_level FROM tiles", nullptr, nullptr)) {
    for (auto& f : *t) zooms.insert(f->GetFieldAsInteger(0));
    g.ds->ReleaseResultSet(t);
  }
  EXPECT_EQ(zooms, (std::set<int>{10, 11, 12}));
  // And GDAL's own MBTiles driver reads both layers back at the deepest zoom.
  const char* mbtiles_only[] = {"MBTiles", nullptr};
  GdalDataset mb(file("tiles.mbtiles"), GDAL_OF_VECTOR, mbtiles_only);
  ASSERT_TRUE(mb.ds);
  for (const char* name : {"gistar_cells", "priority_areas"}) {
    OGRLayer* l = mb.ds->GetLayerByName(name);
    ASSERT_NE(l, nullptr) << name;
    EXPECT_GT(l->GetFeatureCount(), 0) << name;
  }
}

// Every .qml parses and has the renderer its layer needs.
void check_styles() {
  const std::map<std::string, std::string> renderer = {{"density.qml", "singlebandpseudocolor"},
                                                       {"gistar_cells.qml", "categorizedSymbol"},
                                                       {"priority_areas.qml", "singleSymbol"},
                                                       {"hotspot_clusters.qml", "singleSymbol"},
                                                       {"emerging_hotspots.qml", "categorizedSymbol"}};
  std::set<std::string> found;
  for (const auto& e : fs::directory_iterator(g_run.out()))
    if (e.path().extension() == ".qml") found.insert(e.path().filename().string());
  EXPECT_EQ(found.size(), renderer.size());
  for (const auto& [name, type] : renderer) {
    XmlPtr q = parse_xml(file(name));
    ASSERT_TRUE(q) << name;
    CPLXMLNode* root = CPLGetXMLNode(q.get(), "=qgis");
    ASSERT_NE(root, nullptr) << name;
    const char* got = name == "density.qml" ? CPLGetXMLValue(root, "pipe.rasterrenderer.type", "")
                                            : CPLGetXMLValue(root, "renderer-v2.type", "");
    EXPECT_EQ(std::string(got), type) << name;
  }
  // The Gi* style classifies Gi_Bin into ArcGIS's seven bins, -3 .. 3.
  XmlPtr gi = parse_xml(file("gistar_cells.qml"));
  CPLXMLNode* r = CPLGetXMLNode(gi.get(), "=qgis.renderer-v2");
  ASSERT_NE(r, nullptr);
  EXPECT_STREQ(CPLGetXMLValue(r, "attr", ""), "Gi_Bin");
  std::set<std::string> values;
  for (CPLXMLNode* c : elements(r, "category")) values.insert(CPLGetXMLValue(c, "value", ""));
  EXPECT_EQ(values, (std::set<std::string>{"-3", "-2", "-1", "0", "1", "2", "3"}));
}

// The VERSION of the project() call in the top CMakeLists.txt, read from the file.
std::string project_version_from_cmake() {
  std::smatch m;
  const std::string cmake = read_file(source_dir() + "/CMakeLists.txt");
  return std::regex_search(cmake, m, std::regex(R"(project\(hotspot\s+VERSION\s+([0-9.]+))")) ? m[1].str() : "";
}

// manifest.json: each output checksum is the file's, the engine version the project's.
void check_manifest() {
  const auto m = nlohmann::json::parse(read_file(file("manifest.json")));
  const std::string version = project_version_from_cmake();
  ASSERT_FALSE(version.empty());
  EXPECT_EQ(m["engine"]["version"], version);
  ASSERT_GT(m["outputs"].size(), 10u);
  std::set<std::string> listed;
  for (const auto& o : m["outputs"]) {
    const std::string name = o["file"];
    listed.insert(name);
    EXPECT_EQ(o["sha256"], sha256sum(file(name))) << name;
    EXPECT_EQ(o["bytes"].get<uintmax_t>(), fs::file_size(file(name))) << name;
  }
  for (const char* f : {"report.md", "report.csv", "report.json", "map.html", "map_preview.png", "density.tif", "density.qml",
                        "hot_zones.geojson", "hot_zones.shp", "gistar_cells.geojson", "gistar_cells.shp", "priority_areas.geojson",
                        "priority_areas.shp", "hotspot_clusters.geojson", "hotspot_clusters.shp", "hotspot.qgs",
                        "tiles.mbtiles", "rejects.csv"})
    EXPECT_TRUE(listed.count(f)) << f << " has no checksum";
  for (const auto& i : m["inputs"]) EXPECT_EQ(i["sha256"], sha256sum(i["path"])) << i["path"];
}

// Every file of the folder has its checksum, a shapefile's .dbf (the attributes), .shx, .prj, .cpg and the .qml
// styles beside the layers included, as the inputs' sidecars have.
TEST_F(RunOutputsTest, ManifestHasAChecksumForEveryFileInTheFolder) {
  const auto m = nlohmann::json::parse(read_file(file("manifest.json")));
  std::set<std::string> listed, present;
  for (const auto& o : m["outputs"]) listed.insert(o["file"].get<std::string>());
  for (const auto& e : fs::directory_iterator(g_run.out()))
    if (e.path().filename() != "manifest.json") present.insert(e.path().filename().string());
  EXPECT_EQ(listed, present);
}

// rejects.csv holds exactly the records outside the study area and balances report.json.
void check_rejects() {
  const auto report = nlohmann::json::parse(read_file(file("report.json")));
  const auto manifest = nlohmann::json::parse(read_file(file("manifest.json")));
  const std::vector<Incident> incidents = charlotte_incidents();
  std::set<int64_t> outside;  // 1-based data rows outside the city limits, by OGR
  for (size_t i = 0; i < incidents.size(); ++i)
    if (!incidents[i].in_city) outside.insert(static_cast<int64_t>(i) + 1);
  CsvReader rejects(file("rejects.csv"));
  const int row = rejects.column("source_row"), reason = rejects.column("reason"), src = rejects.column("source_file");
  std::set<int64_t> rows;
  std::map<std::string, int64_t> by_reason;
  int64_t n = 0;
  while (auto r = rejects.next()) {
    ++n;
    rows.insert(std::stoll(r->fields[row]));
    by_reason[r->fields[reason]] += 1;
    EXPECT_EQ(r->fields[src], charlotte("cmpd_incidents_sample.csv"));
  }
  const auto& rec = report["records"];
  EXPECT_EQ(rec["in"].get<int64_t>(), static_cast<int64_t>(incidents.size()));
  EXPECT_EQ(rec["in"].get<int64_t>(), rec["accepted"].get<int64_t>() + rec["rejected"].get<int64_t>());
  EXPECT_EQ(rec["rejected"].get<int64_t>(), n);
  EXPECT_EQ(rec["accepted"].get<int64_t>(), static_cast<int64_t>(incidents.size() - outside.size()));
  EXPECT_EQ(rows, outside);
  EXPECT_EQ(by_reason, (std::map<std::string, int64_t>{{"outside_study_area", static_cast<int64_t>(outside.size())}}));
  EXPECT_EQ(rec["rejected_by_reason"], nlohmann::json(by_reason));
  EXPECT_EQ(manifest["records"]["in"], rec["in"]);
  EXPECT_EQ(manifest["records"]["accepted"], rec["accepted"]);
}

// Each check runs on the same run; a check stops at its first fatal failure and the next one still runs.
TEST_F(RunOutputsTest, MapHtmlPreviewProjectTilesAndStylesAreWhatTheReadmeSays) {
  const std::pair<const char*, void (*)()> checks[] = {{"map.html", check_map_html},
                                                       {"map_preview.png", check_preview_png},
                                                       {"hotspot.qgs", check_qgis_project},
                                                       {"tiles.mbtiles", check_vector_tiles},
                                                       {".qml", check_styles}};
  for (const auto& [name, check] : checks) {
    SCOPED_TRACE(name);
    check();
  }
}

TEST_F(RunOutputsTest, ManifestAndRejectsAccountForEveryOutputAndRecord) {
  {
    SCOPED_TRACE("manifest.json");
    check_manifest();
  }
  SCOPED_TRACE("rejects.csv");
  check_rejects();
}

}  // namespace
}  // namespace hotspot::testing
