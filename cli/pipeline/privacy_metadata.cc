#include "cli/pipeline/privacy_metadata.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/core/text.h"
#include "cli/pipeline/layer_annotation.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

std::string points_text(const PrivacyOptions& p) {
  switch (p.points) {
    case PrivacyOptions::Points::hundred_block:
      return "hundred_block: incidents snapped to the nearest block reference point within " +
             p.snap_distance.to_string() + ", one point per block with at least k incidents (INCIDENTS), the rest "
             "dropped";
    case PrivacyOptions::Points::donut:
      return "donut: one point per incident, displaced (see masking); no attribute";
    case PrivacyOptions::Points::omit: break;
  }
  return "omit: no incident point layer";
}

std::string masking_text(const PrivacyOptions& p) {
  if (p.points != PrivacyOptions::Points::donut)
    return "none: positions are aggregated (cells of at least the generalisation distance, block points), not displaced";
  return "donut: each point moved in a uniform random direction by a distance between " + p.donut_min.to_string() +
         " and " + p.donut_max.to_string() + ", uniform over the annulus's area, redrawn when within " +
         p.check_distance.to_string() + " of any incident; seed " + std::to_string(p.donut_seed);
}

}  // namespace

nlohmann::ordered_json privacy_json(const PrivacyOptions& p) {
  return {{"profile", "public"},
          {"min_count", p.min_count},
          {"suppression", "counts from 1 to k - 1 null (SUPPRESSED = 1 in layers, '< k' in report.md) with complementary "
                          "cells (SUPPRESSED = 2, 'suppressed') and the rates and shares of the same feature or row"},
          {"generalisation", p.generalisation.to_string()},
          {"points", points_text(p)},
          {"masking", masking_text(p)}};
}

namespace {

LayerAnnotation privacy_annotation(const PrivacyOptions& p) {
  return {"hotspot_privacy", "HOTSPOT_PRIVACY_", ".privacy.json", privacy_json(p)};
}

}  // namespace

MetadataItems privacy_metadata_items(const PrivacyOptions& p) { return layer_metadata_items(privacy_annotation(p)); }

void record_layer_privacy(const std::string& path, const Context& ctx, Outputs& outputs) {
  if (!ctx.privacy || !ctx.privacy->is_public()) return;
  annotate_layer(path, privacy_annotation(*ctx.privacy), outputs);
}

}  // namespace hotspot::cli
