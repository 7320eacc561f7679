#include "cli/pipeline/privacy_options.h"

#include "cli/pipeline/errors.h"

namespace hotspot::cli {

void PrivacyOptions::declare_profile(OptionTable& t) {
  t.choice("profile", "Output profile: internal (everything, for analysts) or public (safe to publish; see README)",
           profile, {{"internal", Profile::internal}, {"public", Profile::publishable}});
}

void PrivacyOptions::declare(OptionTable& t) {
  declare_profile(t);
  t.integer("min_count", "Public profile: k; published counts from 1 to k - 1 are suppressed", min_count, 2, 1000);
  t.length("generalisation", "Public profile: the smallest KDE radius and Gi*/emerging cell size allowed", generalisation);
  t.length("check_distance", "Public profile: a published position this close to an incident fails the run's audit",
           check_distance)
      .command_line = false;
}

void refuse_public_profile(const PrivacyOptions& privacy, const std::string& command) {
  if (privacy.is_public())
    throw UsageError("--profile public: hotspot " + command +
                     " has no public output yet; use hotspot run with \"privacy\": {\"profile\": \"public\"}, or audit "
                     "the output with hotspot check-public before publishing it");
}

}  // namespace hotspot::cli
