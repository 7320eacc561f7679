#include "cli/pipeline/privacy_options.h"

#include "cli/pipeline/errors.h"

namespace hotspot::cli {

double comparable_m(const Length& l) { return l.in_metres(kUsSurveyFootM); }

std::string to_string(PrivacyOptions::Points p) {
  switch (p) {
    case PrivacyOptions::Points::hundred_block: return "hundred_block";
    case PrivacyOptions::Points::donut: return "donut";
    case PrivacyOptions::Points::omit: break;
  }
  return "omit";
}

void PrivacyOptions::declare(OptionTable& t) {
  t.choice("profile", "Output profile: internal (everything, for analysts) or public (safe to publish; see README)",
           profile, {{"internal", Profile::internal}, {"public", Profile::publishable}});
  t.integer("min_count", "Public profile: k; published counts from 1 to k - 1 are suppressed", min_count, 2, 1000);
  t.length("generalisation", "Public profile: the smallest KDE radius and Gi*/emerging cell size allowed", generalisation);
  t.length("check_distance", "Public profile: a published position this close to an incident fails the audit",
           check_distance)
      .command_line = false;
  t.choice("point_generalisation",
           "Public profile: incident points are omitted, snapped to hundred-block reference points (at least k "
           "incidents each), or donut-masked",
           points, {{"omit", Points::omit}, {"hundred_block", Points::hundred_block}, {"donut", Points::donut}});
  t.length("donut_min", "Public profile, donut: the smallest displacement of a point", donut_min);
  t.length("donut_max", "Public profile, donut: the largest displacement of a point", donut_max);
  t.seed("donut_seed", "Public profile, donut: the seed of the displacements", donut_seed);
  t.length("snap_distance", "Public profile, hundred_block: a point farther than this from every block point is dropped",
           snap_distance);
}

void PrivacyOptions::validate() const {
  if (!is_public()) return;
  for (const Length* l : {&generalisation, &check_distance, &donut_min, &donut_max, &snap_distance})
    if (l->unit == LengthUnit::kCrsUnit)
      throw UsageError("privacy: the public profile needs lengths with a unit (e.g. 300m, 1000ft), got " +
                       l->to_string());
  if (comparable_m(check_distance) >= comparable_m(generalisation))
    throw UsageError("privacy.check_distance " + check_distance.to_string() + " must be below the generalisation " +
                     generalisation.to_string() + ": the audit could not tell a generalised position from an incident");
  if (points != Points::donut) return;
  if (comparable_m(donut_min) <= comparable_m(check_distance))
    throw UsageError("privacy.donut_min " + donut_min.to_string() + " must be above the audit's distance " +
                     check_distance.to_string() + ": a point moved less could not pass it");
  if (comparable_m(donut_max) <= comparable_m(donut_min))
    throw UsageError("privacy.donut_max " + donut_max.to_string() + " must be above donut_min " + donut_min.to_string());
}

std::string PrivacyOptions::describe() const {
  if (!is_public()) return "internal";
  std::string s = "public: k = " + std::to_string(min_count) + ", generalisation " + generalisation.to_string() +
                  ", points " + to_string(points);
  if (points == Points::donut)
    s += " (" + donut_min.to_string() + " to " + donut_max.to_string() + ", seed " + std::to_string(donut_seed) + ")";
  return s;
}

void refuse_public_profile(const PrivacyOptions& privacy, const std::string& command, const std::string& why) {
  if (privacy.is_public()) throw UsageError("--profile public: hotspot " + command + " " + why);
}

}  // namespace hotspot::cli
