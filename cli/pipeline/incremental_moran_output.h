// The written form of incremental spatial autocorrelation (engine/hotspot/incremental_moran.h): a CSV with ArcGIS's
// output table fields (Distance, MoransI, ExpectedI, Variance, z_score, p_value) plus the distance unit and the
// peaks, and a PNG of the z-score over distance with the first and the largest peak marked and the 90 % / 95 %
// critical z (1.65, 1.96) drawn, as ArcGIS's graph shows them.
#pragma once

#include <string>

#include "engine/hotspot/incremental_moran.h"

namespace hotspot::cli {

std::string incremental_moran_csv(const IncrementalMoranResult& r, const std::string& unit_name);

// Writes `csv_path` and the .png beside it through one AtomicOutput (both or neither).
void write_incremental_moran(const IncrementalMoranResult& r, const std::string& unit_name, const std::string& csv_path,
                             bool overwrite);

}  // namespace hotspot::cli
