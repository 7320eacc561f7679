#include "cli/pipeline/references_stage.h"

#include "cli/pipeline/errors.h"
#include "cli/pipeline/reference_spec.h"
#include "engine/core/text.h"

namespace hotspot::cli {

void ReferencesStage::Options::declare(OptionTable& t) {
  t.list("reference",
         "Reference data, [KIND=]PATH[?role=COLUMN&...] (KIND: address_points, centrelines, intersections, "
         "gazetteer; default: detected)",
         references, "REFERENCE", parse_reference_spec, reference_spec_text);
  t.texts("address_col", "Address column (repeat to join several, e.g. number and street)", address_columns, "COLUMN");
  t.integer("min_score", "Reject matches scoring below this (0-100)", geocoder.min_score, 0, 100);
  t.number("side_offset_m", "Set house numbers off the centreline by this many metres", geocoder.side_offset_m, 0.0, 1000.0);
  t.number("tie_cluster_m", "Tied candidates within this many metres are placed at their centroid; farther ties are rejected",
           geocoder.tie_cluster_m, 0.0, 100000.0);
  t.flag("hundred_blocks", "Read numbers that are multiples of 100 as hundred blocks (CMPD LOCATION: '7900 NATIONS FORD RD')",
         geocoder.hundreds_are_blocks);
  t.integer("block_span", "Gazetteer: interpolate between known blocks at most this many house numbers apart",
            geocoder.gazetteer_max_interpolation_span, int64_t{0}, int64_t{1000000});
  t.integer("block_extrapolation", "Gazetteer: use the nearest known block up to this many house numbers beyond the known ones",
            geocoder.gazetteer_max_extrapolation, int64_t{0}, int64_t{1000000});
  t.flag("computed_intersections", "Compute intersections where centrelines of differently named streets meet",
         centreline_crossings, CentrelineCrossings::skip, CentrelineCrossings::compute);
  t.flag("learn_blocks",
         "Learn a block gazetteer from the input's records that have coordinates (they keep them) and place the "
         "records without coordinates from it and the references",
         learn_blocks, LearnBlocks::no, LearnBlocks::from_input);
}

void ReferencesStage::validate(const Outputs&) {
  if (o_.analysis_crs.empty() && o_.references.empty())
    throw UsageError("input.analysis_crs: needed when the geocoder has no reference to take a CRS from "
                     "(e.g. \"EPSG:2264\" for Charlotte)");
  if (o_.geocoder.min_score < 0 || o_.geocoder.min_score > 100) throw UsageError("min_score: must be 0..100");
  if (o_.learn_blocks == Options::LearnBlocks::from_input && o_.address_columns.empty())
    throw UsageError("learning blocks from the input needs its address column");
}

void ReferencesStage::run(Context& ctx, Outputs&) {
  const Crs crs = o_.analysis_crs.empty() ? default_analysis_crs(o_.references.front()) : Crs::from_user_input(o_.analysis_crs);
  Geocoder& geocoder = ctx.geocoder.emplace(crs, o_.geocoder);
  std::string line;
  for (const ReferenceSource& r : o_.references) {
    ctx.references.push_back(geocoder.load(r));
    line += (line.empty() ? "" : "; ") + ctx.references.back().summary();
  }
  if (o_.centreline_crossings == Options::CentrelineCrossings::compute && geocoder.index().segment_count() > 1) {
    ctx.computed_intersections = geocoder.compute_centreline_intersections();
    line += "; " + std::to_string(ctx.computed_intersections) + " intersections computed from the centrelines";
  }
  if (o_.learn_blocks == Options::LearnBlocks::from_input) {
    ctx.resolver = std::make_unique<GeocodingResolver>(geocoder, o_.address_columns, o_.address_columns.front());
    line += std::string(line.empty() ? "" : "; ") + "block gazetteer learnt from the records as they are read";
  } else {
    geocoder.finalize();
    if (!o_.address_columns.empty()) ctx.resolver = std::make_unique<GeocodingResolver>(geocoder, o_.address_columns);
  }
  ctx.stage_line = line.empty() ? "no reference loaded" : line;
}

std::string placement_note(const GeocodingResolver& resolver, const std::string& address_column) {
  int64_t placed = 0, tried = 0;
  for (const auto& [type, n] : resolver.counts()) {
    tried += n;
    if (type != "none") placed += n;
  }
  if (tried == 0) return "";
  const double rate = 100.0 * static_cast<double>(placed) / static_cast<double>(tried);
  return std::to_string(tried) + " records had no coordinates; " + std::to_string(placed) + " were placed from their " +
         address_column + " (" + format_fixed(rate, 1) + "%)" +
         (rate < 85.0 ? ": below 85%, the rate below which crime maps mislead" : "");
}

}  // namespace hotspot::cli
