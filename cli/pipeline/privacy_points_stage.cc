#include "cli/pipeline/privacy_points_stage.h"

#include "cli/pipeline/privacy_metadata.h"

namespace hotspot::cli {

void PublicPointsStage::run(Context& ctx, Outputs& outputs) {
  if (!ctx.privacy || !ctx.privacy->is_public() || ctx.privacy->points == PrivacyOptions::Points::omit) {
    ctx.stage_line = "no incident point layer";
    return;
  }
  std::vector<Point> incidents;
  for (const IngestedRecord& r : ctx.records().records) incidents.push_back({r.point.x, r.point.y, 1.0});
  PublicPoints p = public_points(incidents, block_reference_points(ctx), *ctx.privacy, ctx.crs().linear_unit_m(),
                                 ctx.threads);
  VectorWriteOptions vo;
  vo.path = outputs.path(kPublicPointsFile, kPublicPointsFile);
  vo.overwrite = outputs.overwrite_allowed();
  write_vector(p.layer, ctx.crs(), vo);
  record_layer_privacy(vo.path, ctx, outputs);
  ctx.stage_line = kPublicPointsFile + std::string(": ") + p.describe();
  r_ = std::move(p);
}

}  // namespace hotspot::cli
