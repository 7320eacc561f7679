#include "cli/pipeline/manifest_stage.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "cli/pipeline/report_stage.h"
#include "cli/pipeline/privacy_metadata.h"
#include "geo/write/sha256.h"

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace hotspot::cli {

namespace {

// The inputs to checksum: each existing path once, a shapefile's sidecars after it.
std::vector<std::string> input_files(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    if (p.empty() || !fs::exists(p)) continue;
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    if (fs::path(p).extension() == ".shp")
      for (const char* ext : {".shx", ".dbf", ".prj", ".cpg"}) {
        const std::string side = fs::path(p).replace_extension(ext).string();
        if (fs::exists(side)) out.push_back(side);
      }
  }
  return out;
}

// Every file in the run folder but the manifest: the stages' outputs in the order written, then the sidecars the
// writers put beside them (.dbf, .shx, .prj, .cpg, .qml), by name.
std::vector<std::string> folder_files(const fs::path& folder, const std::vector<std::string>& written) {
  std::vector<std::string> names, rest;
  for (const std::string& n : written)
    if (fs::exists(folder / n) && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string n = e.path().filename().string();
    if (e.is_regular_file() && n != "manifest.json" && std::find(names.begin(), names.end(), n) == names.end())
      rest.push_back(n);
  }
  std::sort(rest.begin(), rest.end());
  names.insert(names.end(), rest.begin(), rest.end());
  return names;
}

ordered_json inputs_json(const std::vector<std::string>& paths) {
  ordered_json inputs = ordered_json::array();
  for (const std::string& p : input_files(paths))
    inputs.push_back({{"path", p}, {"bytes", fs::file_size(p)}, {"sha256", sha256_file(p)}});
  return inputs;
}

ordered_json records_json(const RecordAccounting& a) {
  return {{"in", a.records_in()}, {"accepted", a.accepted()}, {"rejected", a.rejected_total()},
          {"rejected_by_reason", a.rejected_by_reason()}, {"balanced", a.balanced()}};
}

ordered_json outputs_json(const fs::path& folder, const std::vector<std::string>& written) {
  ordered_json outputs = ordered_json::array();
  for (const std::string& name : folder_files(folder, written)) {
    const fs::path p = folder / name;
    outputs.push_back({{"file", name}, {"bytes", fs::file_size(p)}, {"sha256", sha256_file(p.string())}});
  }
  return outputs;
}

}  // namespace

void ManifestStage::validate(const Outputs& outputs) {
  if (!outputs.is_folder()) throw std::logic_error("the manifest stage writes into a run folder");
  if (!ordered_json::accept(o_.resolved_config_json)) throw std::logic_error("the resolved config is not JSON");
}

void ManifestStage::run(Context& ctx, Outputs& outputs) {
  const std::vector<std::string> written = outputs.written_names();
  const std::string path = outputs.path("", "manifest.json");
  const fs::path folder = fs::path(path).parent_path();
  ordered_json m;
  m["engine"] = {{"name", "hotspot"}, {"version", HOTSPOT_VERSION}, {"commit_at_configure", HOTSPOT_GIT_COMMIT}};
  m["generated_utc"] = o_.generated_utc.empty() ? report_time_utc() : o_.generated_utc;
  m["config_file"] = o_.config_path;
  m["resolved_config"] = ordered_json::parse(o_.resolved_config_json);
  m["inputs"] = inputs_json(o_.inputs);
  m["records"] = records_json(ctx.records().accounting);
  m["crs"] = ctx.crs().describe();
  m["outputs"] = outputs_json(folder, written);
  m["notes"] = run_notes(ctx, o_.address_column);
  if (ctx.privacy && ctx.privacy->is_public()) {
    m["privacy"] = privacy_json(*ctx.privacy);
    m["privacy"]["audit"] = "check-public at " + ctx.privacy->check_distance.to_string() + " against the run's incidents";
  }
  std::ofstream f(path, std::ios::binary);
  f << m.dump(2) << "\n";
  f.close();
  if (!f) throw std::runtime_error(path + ": write failed");
  ctx.stage_line = "manifest.json: " + std::to_string(m["inputs"].size()) + " inputs, " +
                   std::to_string(m["outputs"].size()) + " files";
}

}  // namespace hotspot::cli
