// Kernel density: the Kde stage of `hotspot kde` and `hotspot run`. Writes the surface as a Cloud-Optimized GeoTIFF
// and leaves it in the Context for the hot zones, the report and the maps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "engine/core/extent.h"
#include "engine/core/length.h"
#include "engine/density/kde.h"

namespace hotspot::cli {

class KdeStage : public Stage {
 public:
  enum class UnitChoice { kAuto, kPerSquareMile, kPerSquareKilometre, kCountPerCell };

  struct Options {
    // The kernel; quartic is ArcGIS Pro's. DEFAULT: quartic.
    KdeKernel kernel = KdeKernel::kQuartic;
    // Search radius of the compact kernels. DEFAULT: ArcGIS's rule from the data (weighted when there is a weight
    // column). REQUIRES: not given with the gaussian kernel.
    std::optional<Length> radius;
    // Standard deviation of the gaussian kernel. REQUIRES: given exactly when kernel is gaussian.
    std::optional<Length> sigma;
    // Gaussian support in sigmas (drops a share exp(-T^2/2) of each point's mass). DEFAULT: 8. REQUIRES: 1..40.
    double gaussian_truncate = 8.0;
    // Cell side. DEFAULT: ArcGIS's min(width, height) / 250 of the output extent.
    std::optional<Length> cell_size;
    // DEFAULT: per square mile for a CRS in feet (or with units over 1 km), else per square kilometre.
    UnitChoice units = UnitChoice::kAuto;
    // Grid extent in analysis CRS units. DEFAULT: the study area's or mask's bounds, else the data grown by the radius.
    std::optional<Extent> extent;
    // Cells outside these polygons are nodata; unlike the study area, incidents outside still count.
    // DEFAULT: the study area, when there is one.
    std::string mask;
    // Output .tif (command line only; `hotspot run` writes density.tif). REQUIRES: given (subcommand).
    std::string output;

    // Declares every option above, bound to this struct (which must outlive the table).
    void declare(OptionTable& table);
  };

  explicit KdeStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "kde"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
