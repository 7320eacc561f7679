// The main job's hotspot.qgs opened in QGIS itself (PyQGIS, Debian's python3-qgis, installed by scripts/setup.sh),
// from a copy of the output folder made elsewhere (the folder must carry everything the project draws): the project
// CRS is valid and is NC State Plane, every layer (the context layers included) is valid, and each layer, rendered
// offscreen, has its pixels where its features are in that CRS (tests/peers/qgis_render_check.py). A project whose
// CRS QGIS cannot read fails the first check; a layer left outside the folder is invalid in the copy; a layer drawn
// in the wrong place fails the last.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "tests/cli/commands/charlotte_run.h"

namespace hotspot {
namespace {

void render_config(nlohmann::json&) {}
using QgisRenderTest = testing::SharedRunTest<render_config>;

TEST_F(QgisRenderTest, EveryLayerIsDrawnWhereItsFeaturesAreInTheProjectCrs) {
  if (!testing::pyqgis_installed()) {
    if (testing::missing_peers_allowed()) GTEST_SKIP() << "PyQGIS is not installed (HOTSPOT_ALLOW_MISSING_PEERS=1)";
    FAIL() << "PyQGIS is not installed (python3-qgis; scripts/setup.sh installs it)";
  }
  testing::TempDir d;
  std::filesystem::copy(run.out(), d.file("shared"), std::filesystem::copy_options::recursive);
  const std::string result = d.file("render.txt");
  const std::string cmd = "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + d.path().string() + " /usr/bin/python3 " +
                          testing::source_dir() + "/tests/peers/qgis_render_check.py " + d.file("shared/hotspot.qgs") + " " + result +
                          " EPSG:2264 >" + d.file("log.txt") + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << testing::read_file(d.file("log.txt"));
  std::istringstream lines(testing::read_file(result));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "read=True|crs=EPSG:2264|valid=True");
  int layers = 0;
  while (std::getline(lines, line)) {
    ++layers;
    std::istringstream f(line);
    std::string name, valid, hits, probes;
    std::getline(f, name, '|');
    std::getline(f, valid, '|');
    std::getline(f, hits, '|');
    std::getline(f, probes, '|');
    EXPECT_EQ(valid, "True") << line;
    EXPECT_GT(std::stoi(probes), 0) << line;
    EXPECT_EQ(hits, probes) << line;  // every probed feature has a drawn pixel at its place
  }
  EXPECT_EQ(layers, 7);  // density, Gi* cells, emerging hot spots, priority areas, clusters, city limits, divisions
}

}  // namespace
}  // namespace hotspot
