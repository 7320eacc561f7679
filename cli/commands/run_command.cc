#include "cli/commands/run_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/pipeline/errors.h"
#include "cli/pipeline/run_config.h"
#include "cli/pipeline/run_pipeline.h"
#include "cli/commands/stderr_progress.h"
#include "geo/write/atomic_output.h"
#include "geo/write/sha256.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

// Files a run reads, for the manifest's checksums (a shapefile's sidecars included).
std::vector<std::string> input_files(const RunConfig& c) {
  std::vector<std::string> paths = {c.config_path, c.input.input_path, c.input.study_area_path};
  for (const ReferenceSource& r : c.geocode.options.references) paths.push_back(r.path);
  for (const std::string& p : {c.priority_areas.file, c.priority_areas.polygons, c.context.city_limits,
                               c.context.divisions.path, c.context.neighborhoods.path})
    paths.push_back(p);
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

// Every file in the run folder: the stages' outputs in the order written, then the sidecars the writers put beside
// them (.dbf, .shx, .prj, .cpg, .qml), by name.
std::vector<std::string> folder_files(const std::string& folder, const std::vector<std::string>& written) {
  std::vector<std::string> names, rest;
  for (const std::string& n : written)
    if (fs::exists(fs::path(folder) / n) && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string n = e.path().filename().string();
    if (e.is_regular_file() && std::find(names.begin(), names.end(), n) == names.end()) rest.push_back(n);
  }
  std::sort(rest.begin(), rest.end());
  names.insert(names.end(), rest.begin(), rest.end());
  return names;
}

}  // namespace

int run_run(const RunOptions& o, std::ostream& out, std::ostream& err) {
  RunConfig cfg = load_run_config(o.config_path);
  if (!o.output_folder.empty()) cfg.output_folder = o.output_folder;
  if (o.overwrite) cfg.overwrite = true;
  if (o.threads >= 0) cfg.threads = o.threads;
  err << "hotspot run: " << cfg.title << "\n";
  // The folder's parents are made as needed; the folder itself appears only when the run is complete.
  const fs::path parent = fs::absolute(cfg.output_folder).lexically_normal().parent_path();
  if (!parent.empty() && !fs::exists(parent)) fs::create_directories(parent);
  // Refused before any input is read, as every command refuses an existing output: a usage error (exit 2).
  if (!cfg.overwrite && fs::exists(cfg.output_folder))
    throw UsageError(cfg.output_folder + ": already exists (pass --overwrite to replace it)");
  AtomicOutput folder(cfg.output_folder, cfg.overwrite);
  fs::create_directories(folder.temp_path());
  StderrProgress progress(o.quiet);
  PipelineResult res = run_pipeline(cfg, folder.temp_path(), &progress, err);

  // Manifest: what ran, on what, with what result.
  nlohmann::ordered_json m;
  m["engine"] = {{"name", "hotspot"}, {"version", HOTSPOT_VERSION}, {"commit_at_configure", HOTSPOT_GIT_COMMIT}};
  m["generated_utc"] = res.report.generated_utc;
  m["config_file"] = cfg.config_path;
  m["resolved_config"] = nlohmann::ordered_json::parse(resolved_config_json(cfg));
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const std::string& p : input_files(cfg))
    inputs.push_back({{"path", p}, {"bytes", fs::file_size(p)}, {"sha256", sha256_file(p)}});
  m["inputs"] = inputs;
  const RecordAccounting& a = res.report.accounting;
  m["records"] = {{"in", a.records_in()}, {"accepted", a.accepted()}, {"rejected", a.rejected_total()},
                  {"rejected_by_reason", a.rejected_by_reason()}, {"balanced", a.balanced()}};
  m["crs"] = res.report.crs_description;
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const std::string& name : folder_files(folder.temp_path(), res.outputs)) {
    const fs::path p = fs::path(folder.temp_path()) / name;
    outputs.push_back({{"file", name}, {"bytes", fs::file_size(p)}, {"sha256", sha256_file(p.string())}});
  }
  m["outputs"] = outputs;
  m["notes"] = res.report.notes;
  {
    std::ofstream f(fs::path(folder.temp_path()) / "manifest.json", std::ios::binary);
    f << m.dump(2) << "\n";
    if (!f) throw std::runtime_error(cfg.output_folder + "/manifest.json: write failed");
  }
  folder.commit();

  out << "records: " << a.summary() << "\n";
  out << "outputs in " << fs::absolute(cfg.output_folder).lexically_normal().string() << "/:\n";
  for (const std::string& name : res.outputs) out << "  " << name << "\n";
  out << "  manifest.json\n";
  out << "start with report.md" << (std::find(res.outputs.begin(), res.outputs.end(), "map.html") != res.outputs.end() ? " and map.html" : "")
      << "\n";
  return kExitOk;
}

void register_run(CLI::App& app, CommandAction& action) {
  auto opts = std::make_shared<RunOptions>();
  CLI::App* sub = app.add_subcommand(
      "run",
      "The whole analysis from one JSON config (see data/charlotte/charlotte_run.json): ingest and filters, geocoding, kernel density, Gi*, the priority-area report, maps; one output folder that appears only when complete");
  sub->footer(
      "The config is JSON (comments allowed); see data/charlotte/charlotte_run.json for every key.\n"
      "Examples:\n"
      "  hotspot run data/charlotte/charlotte_run.json\n"
      "  hotspot run my_city.json --output out/my_city --overwrite --threads 2");
  sub->add_option("config", opts->config_path, "Config file (JSON)")->required();
  sub->add_option("-o,--output", opts->output_folder, "Output folder (overrides output.folder)");
  sub->add_flag("--overwrite", opts->overwrite, "Replace an existing output folder");
  sub->add_option("--threads", opts->threads, "Worker threads (0 = all cores; overrides threads)");
  sub->add_flag("-q,--quiet", opts->quiet, "No progress on stderr");
  sub->callback([opts, &action]() { action = [opts]() { return run_run(*opts, std::cout, std::cerr); }; });
}

}  // namespace hotspot::cli
