#include "cli/commands/run_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/pipeline/run_config.h"
#include "cli/pipeline/run_pipeline.h"
#include "cli/commands/ingest_summary.h"
#include "cli/commands/stderr_progress.h"
#include "cli/pipeline/option_binding.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

int run_run(const RunOptions& o, std::ostream& out, std::ostream& err) {
  RunConfig cfg = load_run_config(o.config_path);
  if (!o.output_folder.empty()) cfg.output_folder = o.output_folder;
  if (o.overwrite) cfg.overwrite = true;
  if (o.threads >= 0) cfg.threads = o.threads;
  if (o.privacy_flags) o.privacy_flags(cfg.privacy);
  err << "hotspot run: " << cfg.title << "\n";
  StderrProgress progress(o.quiet);
  const PipelineResult res = run_pipeline(cfg, &progress, err);
  print_warnings(res.warnings, err);
  out << "records: " << res.report.accounting.summary() << "\n";
  out << "outputs in " << fs::absolute(cfg.output_folder).lexically_normal().string() << "/:\n";
  for (const std::string& name : res.outputs) out << "  " << name << "\n";
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
  struct PrivacyFlags {
    PrivacyOptions given;
    OptionTable table{"privacy"};
    CliOptions cli;
  };
  auto privacy = std::make_shared<PrivacyFlags>();
  privacy->given.declare(privacy->table);
  privacy->cli.bind(*sub, privacy->table);
  opts->privacy_flags = [privacy](PrivacyOptions& from_config) {
    privacy->given = from_config;  // the flags given replace only their own keys
    privacy->cli.apply();
    from_config = privacy->given;
  };
  sub->callback([opts, &action]() { action = [opts]() { return run_run(*opts, std::cout, std::cerr); }; });
}

}  // namespace hotspot::cli
