#include "cli/pipeline/references_stage.h"

#include "cli/pipeline/errors.h"
#include "engine/core/text.h"

namespace hotspot::cli {

void ReferencesStage::validate(const Outputs&) {
  if (o_.analysis_crs.empty())
    throw UsageError("input.analysis_crs: needed when geocoding or placing priority areas by intersection "
                     "(e.g. \"EPSG:2264\" for Charlotte)");
  if (o_.min_score < 0 || o_.min_score > 100) throw UsageError("geocode.min_score: must be 0..100");
}

void ReferencesStage::run(Context& ctx, Outputs&) {
  GeocoderOptions go;
  go.min_score = o_.min_score;
  go.hundreds_are_blocks = true;  // police hundred-block addresses ("7900 NATIONS FORD RD")
  Geocoder& geocoder = ctx.geocoder.emplace(Crs::from_user_input(o_.analysis_crs), go);
  std::string loaded;
  if (!o_.intersections.empty()) {
    ReferenceSource rs;
    rs.kind = ReferenceKind::kIntersections;
    rs.path = o_.intersections;
    if (!o_.intersections_name_column.empty()) rs.fields["intersection"] = o_.intersections_name_column;
    loaded = geocoder.load(rs).summary();
  }
  const bool learn = !o_.address_column.empty() && o_.learn_blocks == Options::LearnBlocks::from_input;
  if (learn) {
    ctx.resolver = std::make_unique<GeocodingResolver>(geocoder, std::vector<std::string>{o_.address_column}, o_.address_column);
    loaded += std::string(loaded.empty() ? "" : "; ") + "block gazetteer learnt from the records as they are read";
  } else {
    geocoder.finalize();
    if (!o_.address_column.empty())
      ctx.resolver = std::make_unique<GeocodingResolver>(geocoder, std::vector<std::string>{o_.address_column});
  }
  ctx.stage_line = loaded.empty() ? "no reference loaded" : loaded;
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
