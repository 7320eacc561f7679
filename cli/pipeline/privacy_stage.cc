#include "cli/pipeline/privacy_stage.h"

#include "cli/pipeline/context.h"
#include "cli/pipeline/errors.h"

namespace hotspot::cli {

namespace {

// Metres, for comparing lengths before the CRS is known: a foot is a US survey foot here (it differs from the
// international foot by 2 parts per million, far below any generalisation distance).
double comparable_m(const Length& l) { return l.in_metres(kUsSurveyFootM); }

}  // namespace

void PrivacyStage::validate(const Outputs&) {
  if (!o_.privacy.is_public()) return;
  const Length& g = o_.privacy.generalisation;
  for (const Options::Checked& c : o_.lengths) {
    if (!c.length)
      throw UsageError(c.option + ": the public profile needs it given (at least " + g.to_string() +
                       ", the generalisation distance): a default derived from the data could be finer");
    if (c.length->unit == LengthUnit::kCrsUnit)
      throw UsageError(c.option + ": the public profile needs a length with a unit (e.g. 1000ft, 300m)");
    if (comparable_m(*c.length) < comparable_m(g))
      throw UsageError(c.option + " " + c.length->to_string() + " is finer than the public profile's generalisation " +
                       g.to_string() + ": cells or kernels that small can single out one address");
  }
}

void PrivacyStage::run(Context& ctx, Outputs&) {
  ctx.privacy = o_.privacy;
  ctx.stage_line = o_.privacy.is_public() ? "public profile: k = " + std::to_string(o_.privacy.min_count) +
                                                ", generalisation " + o_.privacy.generalisation.to_string()
                                          : "internal profile";
}

}  // namespace hotspot::cli
