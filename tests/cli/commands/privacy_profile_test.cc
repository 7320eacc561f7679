// The public profile on the main job: its folder passes check-public against the bundled incidents (the internal
// profile's fails it), counts below k are suppressed in every layer and the report, no rejects file or incident
// position is written, and analysis lengths finer than the generalisation distance are refused before any input is
// read.
#include <gtest/gtest.h>

#include <filesystem>

#include "geo/audit/layer_metadata.h"
#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

void public_profile(nlohmann::json& c) { c["privacy"] = {{"profile", "public"}, {"min_count", 3}}; }

using PublicProfileTest = SharedRunTest<public_profile>;

std::string audit(const std::string& dir) {
  return "check-public " + dir + " --incidents " + charlotte("cmpd_incidents_sample.csv") + " --crs EPSG:2264 -q";
}

TEST_F(PublicProfileTest, FolderPassesTheAuditAgainstTheBundledIncidents) {
  TempDir d;
  const CommandRun r = run_hotspot(audit(run.out()), d);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(": PASS: 0 finding(s)"), std::string::npos) << r.out;
}

TEST_F(PublicProfileTest, LayersHaveNoCountBelowKAndSayWhatWasSuppressed) {
  for (const char* layer : {"gistar_cells.geojson", "hotspot_clusters.geojson", "priority_areas.geojson"}) {
    const std::vector<Feature> features = read_features(file(layer));
    ASSERT_FALSE(features.empty()) << layer;
    int suppressed = 0;
    for (const Feature& f : features) {
      ASSERT_TRUE(f.fields.count("SUPPRESSED")) << layer;
      for (const auto& [name, value] : f.fields)
        if ((name == "Join_Count" || name == "INCIDENTS") && !value.empty()) {
          EXPECT_FALSE(std::stoll(value) > 0 && std::stoll(value) < 3) << layer << " " << name << " " << value;
        }
      suppressed += f.fields.at("SUPPRESSED") != "0";
    }
    if (std::string(layer) == "gistar_cells.geojson") {
      EXPECT_GT(suppressed, 100) << layer;
    }
  }
}

TEST_F(PublicProfileTest, NoRejectsNoPositionsAndTheManifestSaysSo) {
  EXPECT_FALSE(std::filesystem::exists(file("rejects.csv")));
  const std::string report = read_file(file("report.json"));
  EXPECT_EQ(report.find("\"lon\""), std::string::npos);
  EXPECT_NE(read_file(file("report.md")).find("< 3"), std::string::npos);
  const nlohmann::json m = nlohmann::json::parse(read_file(file("manifest.json")));
  EXPECT_EQ(m["privacy"]["profile"], "public");
  EXPECT_EQ(m["privacy"]["min_count"], 3);
  EXPECT_EQ(m["resolved_config"]["privacy"]["generalisation"], "300m");
}

// Every layer says how it was made publishable: GeoJSON in a top-level member, the shapefile in the sidecar
// <stem>.privacy.json, the GeoTIFF in its metadata (read back through GDAL), each the manifest's object.
TEST_F(PublicProfileTest, EveryLayerRecordsTheProfile) {
  const nlohmann::json m = nlohmann::json::parse(read_file(file("manifest.json")))["privacy"];
  for (const char* layer : {"gistar_cells.geojson", "hotspot_clusters.geojson", "priority_areas.geojson"}) {
    const nlohmann::json j = nlohmann::json::parse(read_file(file(layer)));
    ASSERT_TRUE(j.contains("hotspot_privacy")) << layer;
    for (const char* key : {"profile", "min_count", "generalisation", "points", "masking"})
      EXPECT_EQ(j["hotspot_privacy"][key], m[key]) << layer << " " << key;
  }
  for (const char* sidecar : {"gistar_cells.privacy.json", "hotspot_clusters.privacy.json", "priority_areas.privacy.json"}) {
    const nlohmann::json j = nlohmann::json::parse(read_file(file(sidecar)));
    EXPECT_EQ(j["min_count"], 3) << sidecar;
    EXPECT_EQ(j["generalisation"], "300m") << sidecar;
  }
  const std::map<std::string, std::string> tif = read_file_metadata(file("density.tif"));
  EXPECT_EQ(tif.at("HOTSPOT_PRIVACY_PROFILE"), "public");
  EXPECT_EQ(tif.at("HOTSPOT_PRIVACY_MIN_COUNT"), "3");
  EXPECT_EQ(tif.at("HOTSPOT_PRIVACY_GENERALISATION"), "300m");
  EXPECT_EQ(tif.at("HOTSPOT_PRIVACY_POINTS"), m["points"].get<std::string>());
  EXPECT_EQ(tif.at("HOTSPOT_PRIVACY_MASKING"), m["masking"].get<std::string>());
  const nlohmann::json outputs = nlohmann::json::parse(read_file(file("manifest.json")))["outputs"];
  bool listed = false;
  for (const nlohmann::json& o : outputs) listed |= o["file"] == "gistar_cells.privacy.json";
  EXPECT_TRUE(listed);
}

TEST(InternalProfileTest, MainJobFailsTheAuditAndIsUnchanged) {
  TempDir d;
  nlohmann::json c = charlotte_config(d.file("out"));
  ASSERT_EQ(run_config(c, d).code, 0);
  EXPECT_TRUE(std::filesystem::exists(d.file("out/rejects.csv")));
  EXPECT_FALSE(nlohmann::json::parse(read_file(d.file("out/manifest.json"))).contains("privacy"));
  EXPECT_EQ(run_hotspot(audit(d.file("out")), d).code, 1);
}

TEST(PublicProfileRefusalTest, FineLengthsAreRefusedBeforeAnyInputIsRead) {
  const std::vector<std::pair<std::function<void(nlohmann::json&)>, std::string>> cases{
      {[](nlohmann::json& c) { c["kde"]["radius"] = "500ft"; }, "kde.radius 500ft is finer than"},
      {[](nlohmann::json& c) { c["gistar"]["cell_size"] = "auto"; }, "gistar.cell_size: the public profile needs it given"},
      {[](nlohmann::json& c) { c["privacy"]["generalisation"] = "1km"; }, "kde.radius 2000ft is finer than"}};
  for (const auto& [adjust, message] : cases) {
    TempDir d;
    nlohmann::json c = charlotte_config(d.file("out"));
    c["input"]["path"] = d.file("not_read.csv");  // refused before the input is opened
    public_profile(c);
    adjust(c);
    const CommandRun r = run_config(c, d);
    EXPECT_EQ(r.code, 2) << message << ": " << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(d.file("out")));
  }
}

TEST(PublicProfileRefusalTest, ProfileFlagOnRunAndOnOtherCommands) {
  TempDir d;
  nlohmann::json c = charlotte_config(d.file("out"));
  c["kde"]["radius"] = "500ft";
  const CommandRun run = run_config(c, d, "-q --profile public");  // the flag turns the config's internal public
  EXPECT_EQ(run.code, 2) << run.err;
  EXPECT_NE(run.err.find("kde.radius 500ft is finer than"), std::string::npos) << run.err;
  const CommandRun kde = run_hotspot("kde " + charlotte("cmpd_incidents_sample.csv") +
                                         " --crs EPSG:2264 -r 500ft -o " + d.file("d.tif") + " --profile public", d);
  EXPECT_EQ(kde.code, 2);
  EXPECT_NE(kde.err.find("--radius 500ft is finer than the public profile's generalisation 300m"), std::string::npos)
      << kde.err;
  EXPECT_FALSE(std::filesystem::exists(d.file("d.tif")));
}

}  // namespace
}  // namespace hotspot::testing
