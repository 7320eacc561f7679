// The one config file of `hotspot run` (JSON): every stage's options, validated with messages that name the bad key
// ("kde.radius: '2000' has no unit (write e.g. 2000ft, 600m or 0.5mi)", "kde.radiuss: unknown key (did you mean
// 'radius'?)"). Relative paths are relative to the config file's folder.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/pipeline/boundaries_stage.h"
#include "cli/pipeline/config_object.h"
#include "cli/pipeline/emerging_stage.h"
#include "cli/pipeline/gistar_stage.h"
#include "cli/pipeline/kde_section.h"
#include "cli/pipeline/map_stage.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/references_stage.h"
#include "cli/pipeline/trends_stage.h"
#include "engine/core/length.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {



struct RunConfig {
  std::string config_path;
  std::string base_dir;
  std::string title = "Hotspot analysis";

  IngestOptions input;     // paths resolved against base_dir
  std::string output_folder;
  bool overwrite = false;
  int threads = 0;         // 0 = all cores

  // The geocoder's references and matching, the same keys as the flags of `hotspot geocode`, plus `enabled`:
  // place the records without coordinates from their address (`address_col`), learning blocks from those with
  // coordinates when `learn_blocks`. The references are loaded whenever given (the priority areas and the hot-spot
  // labels use the intersections) even when `enabled` is false.
  struct Geocode {
    bool enabled = false;
    ReferencesStage::Options options;  // analysis_crs is input.analysis_crs
  } geocode;

  // The Kde and Gistar sections hold the stages' own options (the same keys as the flags of `hotspot kde` and
  // `hotspot gistar`), plus `enabled`; the kde section's are the Kde and HotZones stages'.
  struct Kde {
    bool enabled = true;
    KdeSectionOptions options;
  } kde;

  struct Gistar {
    bool enabled = true;
    GistarStage::Options options;
  } gistar;

  // The Emerging stage's options (the same keys as the flags of `hotspot emerging`), plus `enabled`; the stage runs
  // when the section is there (and `enabled` is not false).
  struct Emerging {
    bool enabled = false;
    EmergingStage::Options options;
  } emerging;

  struct PriorityAreas {
    std::string file;                 // CSV: area_id, name, intersection[, radius]
    std::string polygons;             // or polygons from any OGR layer
    std::string polygons_id_field;
    std::string polygons_name_field;
    Length default_radius{0.5, LengthUnit::kMile};
  } priority_areas;

  struct Report {
    std::vector<std::string> violent_categories;
    int start_year = 0;
    int top_categories = 5;
  } report;

  // The Trends stage's options (monthly counts, trends, the before/after comparison of the priority areas), plus
  // `enabled`.
  struct Trends {
    bool enabled = true;
    TrendsStage::Options options;
  } trends;

  BoundariesStage::Options context;  // city_limits, divisions, neighborhoods

  PrivacyOptions privacy;            // the "privacy" section: profile, min_count, generalisation, check_distance

  // The Map stage's options, the same keys as the flags of `hotspot map` (layers and rasters given here are drawn
  // above the run's own), plus `enabled`.
  struct Map {
    bool enabled = true;
    MapStage::Options options;
  } map;
};

// Reads and validates a config file. Throws ConfigError naming the file and the key.
RunConfig load_run_config(const std::string& path);
// Parses config text; `base_dir` resolves relative paths, `name` labels messages.
RunConfig parse_run_config(const std::string& text, const std::string& base_dir, const std::string& name);

// The resolved config (defaults filled in, absolute paths) as JSON text, for the run manifest.
std::string resolved_config_json(const RunConfig& config);

}  // namespace hotspot::cli
