#include "cli/pipeline/run_pipeline.h"

#include <filesystem>
#include <stdexcept>

#include "cli/pipeline/boundaries_stage.h"
#include "cli/pipeline/check_public_stage.h"
#include "cli/pipeline/emerging_stage.h"
#include "cli/pipeline/errors.h"
#include "cli/pipeline/gistar_stage.h"
#include "cli/pipeline/hot_zones_stage.h"
#include "cli/pipeline/ingest_stage.h"
#include "cli/pipeline/kde_stage.h"
#include "cli/pipeline/manifest_stage.h"
#include "cli/pipeline/map_stage.h"
#include "cli/pipeline/priority_areas_stage.h"
#include "cli/pipeline/privacy_lengths.h"
#include "cli/pipeline/privacy_points_stage.h"
#include "cli/pipeline/privacy_stage.h"
#include "cli/pipeline/references_stage.h"
#include "cli/pipeline/report_stage.h"
#include "cli/pipeline/trends_stage.h"
#include "cli/pipeline/uncovered_hotspots_stage.h"
#include "geo/write/atomic_output.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

// The column records without coordinates are placed from (named in the placement note); empty when none.
std::string first_address_column(const RunConfig& cfg) {
  const std::vector<std::string>& columns = cfg.geocode.options.address_columns;
  return columns.empty() ? "" : columns.front();
}

ReferencesStage::Options references_options(const RunConfig& cfg) {
  ReferencesStage::Options o = cfg.geocode.options;
  o.analysis_crs = cfg.input.analysis_crs;
  if (!cfg.geocode.enabled) {  // the references serve the priority areas and the labels only
    o.address_columns.clear();
    o.learn_blocks = ReferencesStage::Options::LearnBlocks::no;
  }
  return o;
}

PriorityAreasStage::Options areas_options(const RunConfig& cfg) {
  PriorityAreasStage::Options o;
  o.file = cfg.priority_areas.file;
  o.polygons = cfg.priority_areas.polygons;
  o.polygons_id_field = cfg.priority_areas.polygons_id_field;
  o.polygons_name_field = cfg.priority_areas.polygons_name_field;
  o.default_radius = cfg.priority_areas.default_radius;
  o.violent_categories = cfg.report.violent_categories;
  o.start_year = cfg.report.start_year;
  o.top_categories = cfg.report.top_categories;
  o.layers = {"priority_areas.geojson", "priority_areas.shp"};
  return o;
}

MapStage::Options map_options(const RunConfig& cfg) {
  MapStage::Options o = cfg.map.options;
  if (o.title.empty()) o.title = cfg.title;
  o.start_year = cfg.report.start_year;
  o.boundaries = cfg.context;
  return o;
}

ReportStage::Options report_options(const RunConfig& cfg, const std::string& generated_utc) {
  ReportStage::Options o;
  o.generated_utc = generated_utc;
  o.title = cfg.title;
  o.input_path = cfg.input.input_path;
  o.violent_categories = cfg.report.violent_categories;
  o.start_year = cfg.report.start_year;
  o.address_column = first_address_column(cfg);
  return o;
}

// The run writes the layer only (its .qml beside it); the cube CSV and netCDF are the subcommand's.
EmergingStage::Options emerging_options(const RunConfig& cfg) {
  EmergingStage::Options o = cfg.emerging.options;
  o.output = "emerging_hotspots.geojson";
  o.cube_csv.clear();
  o.cube_netcdf.clear();
  return o;
}

TrendsStage::Options trends_options(const RunConfig& cfg) {
  TrendsStage::Options o = cfg.trends.options;
  o.monthly_csv = "trends.csv";
  return o;
}

ManifestStage::Options manifest_options(const RunConfig& cfg, const std::string& generated_utc) {
  ManifestStage::Options o;
  o.config_path = cfg.config_path;
  o.resolved_config_json = resolved_config_json(cfg);
  o.inputs = {cfg.config_path, cfg.input.input_path, cfg.input.study_area_path};
  for (const ReferenceSource& r : cfg.geocode.options.references) o.inputs.push_back(r.path);
  for (const std::string& p : {cfg.priority_areas.file, cfg.priority_areas.polygons, cfg.context.city_limits,
                               cfg.context.divisions.path, cfg.context.neighborhoods.path})
    o.inputs.push_back(p);
  o.generated_utc = generated_utc;
  o.address_column = first_address_column(cfg);
  return o;
}

// The public profile's checks: the lengths it refuses below the generalisation distance (those of enabled stages).
PrivacyStage::Options privacy_options(const RunConfig& cfg) {
  PrivacyStage::Options o;
  o.privacy = cfg.privacy;
  const auto add = [&o](const CheckedLengths& l) { o.lengths.insert(o.lengths.end(), l.begin(), l.end()); };
  if (cfg.kde.enabled) add(public_lengths(cfg.kde.options.density, LengthNames::config));
  if (cfg.gistar.enabled) add(public_lengths(cfg.gistar.options, LengthNames::config));
  if (cfg.emerging.enabled) add(public_lengths(cfg.emerging.options, LengthNames::config));
  bool blocks = cfg.geocode.enabled &&
                cfg.geocode.options.learn_blocks == ReferencesStage::Options::LearnBlocks::from_input;
  for (const ReferenceSource& r : cfg.geocode.options.references)
    blocks = blocks || r.kind == ReferenceKind::kGazetteer || r.kind == ReferenceKind::kAuto;
  o.withheld.push_back({"privacy.point_generalisation hundred_block",
                        cfg.privacy.points == PrivacyOptions::Points::hundred_block && !blocks,
                        "needs the geocoder's block reference points: enable geocode (learn_blocks) or give a "
                        "gazetteer reference"});
  return o;
}

// The stages of `cfg`, writing into `folder` (existing and empty).
PipelineResult run_stages_into(const RunConfig& cfg, const std::string& folder, Progress* progress, std::ostream& log) {
  const bool need_geocoder =
      cfg.geocode.enabled || !cfg.priority_areas.file.empty() || !cfg.geocode.options.references.empty();
  ReferencesStage references(references_options(cfg));
  IngestStage::Options io;
  io.ingest = cfg.input;
  IngestStage ingest(io);
  KdeStage kde(cfg.kde.options.density);
  HotZonesStage hot_zones(cfg.kde.options.hot_zones);
  GistarStage gistar(cfg.gistar.options);
  BoundariesStage boundaries(cfg.context);
  PriorityAreasStage areas(areas_options(cfg));
  UncoveredHotspotsStage clusters({{"hotspot_clusters.geojson", "hotspot_clusters.shp"}});
  TrendsStage trends(trends_options(cfg));
  EmergingStage emerging(emerging_options(cfg));
  MapStage map(map_options(cfg));
  const std::string generated_utc = report_time_utc();  // one time for the report and the manifest
  ReportStage report(report_options(cfg, generated_utc));
  ManifestStage manifest(manifest_options(cfg, generated_utc));

  PrivacyStage privacy(privacy_options(cfg));
  CheckPublicStage::Options co;
  co.folder = folder;
  co.distance = cfg.privacy.check_distance;
  co.min_count = cfg.privacy.min_count;
  co.shared = audit_sharing(cfg.privacy);
  CheckPublicStage check(co);
  PublicPointsStage public_points;

  std::vector<Stage*> stages;
  if (cfg.privacy.is_public()) stages.push_back(&privacy);
  if (need_geocoder) stages.push_back(&references);
  stages.push_back(&ingest);
  if (cfg.kde.enabled) stages.insert(stages.end(), {&kde, &hot_zones});
  if (cfg.gistar.enabled) stages.push_back(&gistar);
  if (cfg.emerging.enabled) stages.push_back(&emerging);
  for (Stage* s : std::initializer_list<Stage*>{&boundaries, &areas, &clusters}) stages.push_back(s);
  if (cfg.privacy.is_public()) stages.push_back(&public_points);  // before the map, which draws them
  if (cfg.trends.enabled) stages.push_back(&trends);
  if (cfg.map.enabled) stages.push_back(&map);
  stages.push_back(&report);
  stages.push_back(&manifest);
  if (cfg.privacy.is_public()) stages.push_back(&check);

  Context ctx;
  ctx.threads = cfg.threads;
  ctx.progress = progress;
  ctx.log = &log;
  Outputs outputs = Outputs::in_folder(folder);
  run_stages(stages, ctx, outputs);
  if (cfg.privacy.is_public()) require_publishable(check);
  return {report.report(), outputs.written_names(), ctx.notes};
}

}  // namespace

PipelineResult run_pipeline(const RunConfig& cfg, Progress* progress, std::ostream& log) {
  // The folder's parents are made as needed; the folder itself appears only when the run is complete.
  const fs::path parent = fs::absolute(cfg.output_folder).lexically_normal().parent_path();
  if (!parent.empty() && !fs::exists(parent)) fs::create_directories(parent);
  // Refused before any input is read, as every command refuses an existing output: a usage error (exit 2).
  if (!cfg.overwrite && fs::exists(cfg.output_folder))
    throw UsageError(cfg.output_folder + ": already exists (pass --overwrite to replace it)");
  AtomicOutput folder(cfg.output_folder, cfg.overwrite);
  fs::create_directories(folder.temp_path());
  PipelineResult result = run_stages_into(cfg, folder.temp_path(), progress, log);  // manifest.json last
  folder.commit();
  return result;
}

}  // namespace hotspot::cli
