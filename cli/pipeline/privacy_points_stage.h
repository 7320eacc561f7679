// The run's incident point layer with the public profile (point_generalisation hundred_block or donut): the incidents
// generalised (cli/pipeline/privacy_points.h) and written as incidents_public.geojson, which the map draws; nothing
// with omit or the internal profile (whose run writes no incident point layer).
#pragma once

#include <optional>
#include <string>

#include "cli/pipeline/privacy_points.h"
#include "cli/pipeline/stage.h"

namespace hotspot::cli {

inline constexpr const char* kPublicPointsFile = "incidents_public.geojson";

class PublicPointsStage : public Stage {
 public:
  std::string name() const override { return "public-points"; }
  void run(Context& context, Outputs& outputs) override;
  const std::optional<PublicPoints>& outcome() const { return r_; }

 private:
  std::optional<PublicPoints> r_;
};

}  // namespace hotspot::cli
