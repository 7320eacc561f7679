// The Manifest stage lists every file of the run folder (those the stages recorded, in order, then the sidecars
// beside them) with its size and a SHA-256 recomputed here with OpenSSL, the inputs with theirs, and the records,
// CRS and notes of the Context.
#include "cli/pipeline/manifest_stage.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/test_support.h"

namespace fs = std::filesystem;

namespace hotspot::cli {
namespace {

using testing::TempDir;

std::string openssl_sha256(const std::string& path) {
  const std::string bytes = testing::read_file(path);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EXPECT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr), 1);
  std::string hex;
  const char* digits = "0123456789abcdef";
  for (unsigned int i = 0; i < n; ++i) hex += {digits[digest[i] >> 4], digits[digest[i] & 15]};
  return hex;
}

Context sample_context() {
  Context ctx;
  ctx.ingest.emplace();
  ctx.ingest->analysis_crs = Crs::from_user_input("EPSG:2264");
  ctx.ingest->accounting.add_input(10);
  ctx.ingest->accounting.accept(8);
  ctx.ingest->accounting.reject("zero_coordinate", 2);
  ctx.note("a stage's warning");
  return ctx;
}

TEST(ManifestStageTest, ListsEveryFileOfTheFolderWithItsChecksum) {
  TempDir d;
  fs::create_directories(d.file("run"));
  Outputs outputs = Outputs::in_folder(d.file("run"));
  d.write("run/zebra.csv", "written first\n");
  outputs.path("", "zebra.csv");
  d.write("run/layer.shp", std::string("shape\0bytes", 11));
  outputs.path("", "layer.shp");
  d.write("run/layer.dbf", "attributes");  // sidecars the writer put beside the layer, not recorded
  d.write("run/layer.qml", "<qgis/>");
  outputs.path("", "never_written.txt");  // recorded but absent: not listed

  const std::string shp = d.write("areas.shp", "polygons");
  d.write("areas.dbf", "fields");
  d.write("areas.prj", "PROJCS[]");
  ManifestStage::Options o;
  o.config_path = d.write("cfg.json", "{\"title\": \"t\"}");
  o.resolved_config_json = R"({"title": "t", "threads": 0})";
  o.inputs = {o.config_path, "", d.file("missing.csv"), shp, o.config_path};
  o.generated_utc = "2026-01-02 03:04 UTC";
  Context ctx = sample_context();
  ManifestStage stage(o);
  stage.validate(outputs);
  stage.run(ctx, outputs);

  EXPECT_EQ(outputs.written_names().back(), "manifest.json");
  const nlohmann::ordered_json m = nlohmann::ordered_json::parse(testing::read_file(d.file("run/manifest.json")));
  std::vector<std::string> keys;
  for (const auto& [k, v] : m.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"engine", "generated_utc", "config_file", "resolved_config", "inputs",
                                            "records", "crs", "outputs", "notes"}));

  std::vector<std::string> listed;
  for (const auto& e : m["outputs"]) {
    const std::string name = e["file"];
    listed.push_back(name);
    EXPECT_EQ(e["sha256"], openssl_sha256(d.file("run/" + name))) << name;
    EXPECT_EQ(e["bytes"].get<uintmax_t>(), fs::file_size(d.file("run/" + name))) << name;
  }
  // Recorded files in the order written, then the rest by name.
  EXPECT_EQ(listed, (std::vector<std::string>{"zebra.csv", "layer.shp", "layer.dbf", "layer.qml"}));
  std::set<std::string> present;
  for (const auto& e : fs::directory_iterator(d.file("run")))
    if (e.path().filename() != "manifest.json") present.insert(e.path().filename().string());
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), present);

  std::vector<std::string> inputs;
  for (const auto& e : m["inputs"]) {
    inputs.push_back(e["path"]);
    EXPECT_EQ(e["sha256"], openssl_sha256(e["path"])) << e["path"];
  }
  EXPECT_EQ(inputs, (std::vector<std::string>{o.config_path, shp, d.file("areas.dbf"), d.file("areas.prj")}));

  EXPECT_EQ(m["generated_utc"], "2026-01-02 03:04 UTC");
  EXPECT_EQ(m["config_file"], o.config_path);
  EXPECT_EQ(m["resolved_config"], nlohmann::ordered_json::parse(o.resolved_config_json));
  EXPECT_EQ(m["records"]["in"], 10);
  EXPECT_EQ(m["records"]["accepted"], 8);
  EXPECT_EQ(m["records"]["rejected"], 2);
  EXPECT_EQ(m["records"]["rejected_by_reason"]["zero_coordinate"], 2);
  EXPECT_TRUE(m["records"]["balanced"].get<bool>());
  EXPECT_EQ(m["crs"], ctx.crs().describe());
  EXPECT_EQ(m["notes"], (std::vector<std::string>{"a stage's warning"}));
}

TEST(ManifestStageTest, WritesOnlyIntoARunFolder) {
  ManifestStage::Options o;
  o.resolved_config_json = "{}";
  ManifestStage stage(o);
  EXPECT_THROW(stage.validate(Outputs::explicit_paths(Overwrite::allow)), std::logic_error);
  TempDir d;
  ManifestStage::Options bad = o;
  bad.resolved_config_json = "{not json";
  ManifestStage broken(bad);
  EXPECT_THROW(broken.validate(Outputs::in_folder(d.path().string())), std::logic_error);
}

}  // namespace
}  // namespace hotspot::cli
