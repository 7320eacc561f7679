#include "cli/pipeline/privacy_stage.h"

#include "cli/pipeline/context.h"
#include "cli/pipeline/errors.h"

namespace hotspot::cli {

void PrivacyStage::validate(const Outputs&) {
  if (!o_.privacy.is_public()) return;
  o_.privacy.validate();
  for (const Options::Withheld& w : o_.withheld)
    if (w.asked) throw UsageError(w.option + ": " + w.why);
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
  ctx.stage_line = o_.privacy.describe() + " profile";
}

}  // namespace hotspot::cli
