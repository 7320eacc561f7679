// The analysis lengths the public profile checks against the generalisation distance (cli/pipeline/privacy_stage.h),
// read from a stage's options once for `hotspot run` (named by config key, "kde.radius") and the subcommands (named
// by flag, "--radius"): the KDE radius (the gaussian's sigma), and the cells of Gi*, Moran's I and emerging hot
// spots when they are a grid (zones are the user's own polygons and are not checked).
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/emerging_stage.h"
#include "cli/pipeline/gistar_stage.h"
#include "cli/pipeline/kde_stage.h"
#include "cli/pipeline/moran_stage.h"
#include "cli/pipeline/ohsa_stage.h"
#include "cli/pipeline/privacy_stage.h"

namespace hotspot::cli {

// How a checked length is named in the refusal: the run config's "section.key" or the command line's "--flag".
enum class LengthNames { config, flags };

using CheckedLengths = std::vector<PrivacyStage::Options::Checked>;

CheckedLengths public_lengths(const KdeStage::Options& kde, LengthNames names);
CheckedLengths public_lengths(const GistarStage::Options& gistar, LengthNames names);
CheckedLengths public_lengths(const MoranStage::Options& moran, LengthNames names);
CheckedLengths public_lengths(const EmergingStage::Options& emerging, LengthNames names);
// A cell size given to OHSA; one it chooses is raised to the generalisation distance by the stage itself.
CheckedLengths public_lengths(const OhsaStage::Options& ohsa, LengthNames names);

}  // namespace hotspot::cli
