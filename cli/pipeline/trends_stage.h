// Trends: "is this priority area getting better or worse, and is that more than chance?" Monthly counts per
// priority area and citywide (calendar months, the partial first and last months marked), the Mann-Kendall trend and
// Sen's slope of the whole months, and the before/after comparison around a start date (by default the Violence
// Reduction Framework's) as a rate ratio, and relative to the rest of the city, from a Poisson or negative binomial
// model (engine/trend/). Writes trends.csv (monthly counts; not in the public profile) and leaves the figures for
// the report.
#pragma once

#include <string>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class TrendsStage : public Stage {
 public:
  struct Options {
    // The first day "after" in the before/after comparison, YYYY-MM-DD. DEFAULT: 2020-09-08, the day the City of
    // Charlotte published its Violence Reduction Framework (README, "Trends"). REQUIRES: a date.
    std::string start_date = "2020-09-08";
    // Significance level of the trend test and of the dispersion test. DEFAULT: 0.05. REQUIRES: 0.001..0.2.
    double alpha = 0.05;
    // The monthly counts as CSV (a run writes trends.csv). DEFAULT: none.
    std::string monthly_csv;

    void declare(OptionTable& table);
  };

  explicit TrendsStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "trends"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

}  // namespace hotspot::cli
