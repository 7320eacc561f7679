// What the stages of one command share: the geocoder, the records read once, the analysis CRS, the study area loaded
// once, the boundary layers, and each stage's results for the stages after it (density for the report, Gi* cells for
// the clusters and the map, the areas for the clusters and the report).
// Notes are warnings to print and report, each kept once.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/pipeline/areas_outcome.h"
#include "cli/pipeline/clusters_outcome.h"
#include "cli/pipeline/emerging_outcome.h"
#include "cli/pipeline/gistar_outcome.h"
#include "cli/pipeline/hot_zones_outcome.h"
#include "cli/pipeline/kde_outcome.h"
#include "cli/pipeline/map_outcome.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/trends_outcome.h"
#include "engine/core/progress.h"
#include "geo/geocode/geocoder.h"
#include "geo/read/ingest.h"
#include "geo/read/zones.h"

namespace hotspot::cli {

// The input columns the stages read from the accepted records (IngestedRecord::fields), declared by each stage
// before any runs; the Ingest stage keeps those.
struct InputColumns {
  IngestOptions::KeptFields fields = IngestOptions::KeptFields::listed;
  std::vector<std::string> columns;
};

struct Context {
  int threads = 0;                      // 0 = all cores; results are identical for any count
  Progress* progress = nullptr;
  std::ostream* log = nullptr;          // one line per stage when set ("[kde] ... (0.42 s)")
  std::string stage_line;               // what the running stage says in its log line
  std::vector<std::pair<std::string, double>> stage_seconds;

  std::optional<PrivacyOptions> privacy;            // set by the Privacy stage; none = internal
  std::optional<Geocoder> geocoder;                 // set by the References stage
  std::vector<ReferenceLoadReport> references;      // what References loaded, per source
  size_t computed_intersections = 0;                // centreline crossings References added
  std::unique_ptr<GeocodingResolver> resolver;      // set by References when records without coordinates are placed
  InputColumns input_columns;                       // set before any stage runs (Stage::declare_input_columns)
  std::optional<IngestResult> ingest;               // set by the Ingest stage
  std::optional<KdeOutcome> density;                // set by the Kde stage
  std::optional<HotZonesOutcome> hot_zones;         // set by the HotZones stage when it wrote polygons
  std::optional<GistarOutcome> gistar;              // set by the Gistar stage
  struct Boundaries {                               // set by the Boundaries stage; each layer optional
    std::optional<ZoneLayer> city_limits, divisions, neighborhoods;
  };
  std::optional<Boundaries> boundaries;
  std::optional<AreasOutcome> areas;                // set by the PriorityAreas stage
  std::optional<std::vector<HotspotClusterFigures>> clusters;  // set by the UncoveredHotspots stage
  std::optional<MapOutcome> maps;                   // set by the Map stage
  std::optional<TrendsOutcome> trends;              // set by the Trends stage
  std::optional<EmergingOutcome> emerging;          // set by the Emerging stage in a run

  const IngestResult& records() const;  // throws std::logic_error before Ingest ran
  const Crs& crs() const;               // the analysis CRS
  const ZoneLayer* study_area() const { return ingest && ingest->study_area ? ingest->study_area.get() : nullptr; }

  std::vector<std::string> notes;
  void note(const std::string& text);   // adds a warning unless it is already there
  // A value given that matches nothing: a note, or with --strict (set by the Ingest stage) an error from `stage`.
  IngestOptions::Unmatched unmatched = IngestOptions::Unmatched::warn;
  void note_unmatched(const std::string& stage, const std::string& text);
};

}  // namespace hotspot::cli
