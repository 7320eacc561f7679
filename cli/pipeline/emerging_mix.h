// The emerging hot spot pattern mix of each priority area: how many of the cube's locations (cells) whose centre
// lies in the area have each of ArcGIS's patterns, and the same over every location (the citywide row).
#pragma once

#include <vector>

#include "cli/pipeline/emerging_outcome.h"
#include "cli/pipeline/run_report.h"
#include "geo/read/priority_areas.h"

namespace hotspot::cli {

std::vector<EmergingAreaMix> emerging_mix(const EmergingOutcome& emerging, const std::vector<PriorityArea>& areas);

}  // namespace hotspot::cli
