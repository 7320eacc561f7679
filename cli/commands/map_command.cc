#include "cli/commands/map_command.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands/ingest_flags.h"
#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/errors.h"

namespace hotspot::cli {

namespace {

void print_summary(const MapOutcome& m, const MapStage::Options& o, std::ostream& out) {
  out << "map:      " << m.html_path << " (" << m.features << " features, " << (m.html_bytes + 1023) / 1024 << " KiB)\n";
  for (const std::string& msg : m.messages) out << "note:     " << msg << "\n";
  if (!m.png_path.empty()) out << "preview:  " << m.png_path << " (" << m.png_width_px << " x " << m.png_height_px << " px)\n";
  if (!m.qgis_path.empty()) out << "qgis:     " << m.qgis_path << " (" << m.qgis_layers << " layers)\n";
  if (!m.tiles_path.empty()) {
    out << "tiles:    " << m.tiles_path << " (zoom " << o.min_zoom << "-" << o.max_zoom << ", " << m.tile_layers << " layers";
    if (m.tile_count > 0) out << ", " << m.tile_count << " tiles";
    out << ")\n";
  }
}

}  // namespace

int run_map(const MapCommandOptions& o, std::ostream& out, std::ostream& err) {
  const bool audited = o.privacy.is_public(), incidents = !o.ingest.input_path.empty();
  if (audited && !incidents)
    throw UsageError("map --profile public: give --incidents INPUT, the incidents the layers were made from, so that "
                     "what the map shows can be audited against them before it is kept");
  if (!audited && incidents) throw UsageError("map: --incidents is read only for the audit of --profile public");
  MapStage stage(o.map);
  const SubcommandRun how = subcommand_run(o);
  const Context ctx = audited ? run_subcommand_stages(o.ingest, {&stage}, how) : run_stages_without_ingest({&stage}, how);
  print_summary(*ctx.maps, o.map, out);
  print_warnings(ctx.notes, err);
  return kExitOk;
}

namespace {

// The map's flags: its stage's options, --incidents with the ingest flags, the privacy keys and the common flags.
void bind_map_command(CLI::App& sub, CommandAction& action) {
  struct Bound {
    MapCommandOptions options;
    OptionTable input{"input"}, stage{"map"}, profile{"privacy"}, common;
    CliOptions cli;
  };
  auto b = std::make_shared<Bound>();
  b->options.map.declare(b->stage);
  declare_incidents_options(b->input, b->options.ingest);
  for (Option& opt : b->input.options()) {  // the map's own --layer is a map layer: the incidents' is --incidents-layer
    std::erase_if(opt.aliases, [&b](const std::string& a) { return b->stage.find(a) != nullptr; });
    if (b->stage.find(opt.key) != nullptr) opt.key = "incidents_" + opt.key;
    if (opt.key == "incidents") opt.required = false;  // only with --profile public (checked in run_map)
  }
  b->options.privacy.declare(b->profile);
  std::erase_if(b->profile.options(), [&b](const Option& p) { return b->stage.find(p.key) != nullptr; });
  declare_common_options(b->common, b->options.threads, b->options.overwrite, b->options.quiet);
  for (OptionTable* t : {&b->stage, &b->input, &b->profile, &b->common}) b->cli.bind(sub, *t);
  sub.callback([b, &action]() {
    action = [b]() {
      b->cli.apply();
      return run_map(b->options, std::cout, std::cerr);
    };
  });
}

}  // namespace

void register_map(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "map",
      "map.html, a PNG preview, a QGIS project and vector tiles for any layers");
  sub->footer(
      "Layer kinds: gi (Gi* cells coloured by Gi_Bin), hotzones, priority, clusters, context (outlines), points, other.\n"
      "Examples:\n"
      "  hotspot map --layer 'Gi* cells=out/gi_cells.geojson:gi' --layer 'Divisions=data/charlotte/police_divisions/CMPD_Police_Divisions.shp:context' \\\n"
      "              --raster out/density.tif --raster-unit 'incidents per km2' -o out/\n"
      "  hotspot map --layer 'Priority=areas.gpkg:priority' --unit share_pct=% --tiles out/tiles --min-zoom 9 --max-zoom 15 -o out/\n"
      "  hotspot map --layer 'Gi*=public/gistar_cells.geojson:gi' -o public/ --profile public \\\n"
      "              --incidents data/charlotte/cmpd_incidents_sample.csv   (audits what it writes; nothing kept on a finding)");
  bind_map_command(*sub, action);
}

}  // namespace hotspot::cli
