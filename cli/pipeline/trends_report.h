// The Trends section of the run's report: a Markdown section (the trend per area and citywide, then the
// before/after comparison), the trend columns of report.csv, and the "trends" object of report.json.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/pipeline/trends_outcome.h"

namespace hotspot::cli {

void trends_markdown(std::ostream& md, const TrendsOutcome& trends);

// The columns report.csv gains, and one row's cells (each after a comma); empty cells without figures.
std::string trends_csv_header();
std::string trends_csv_cells(const SeriesTrendFigures* figures);

// `monthly`: include the monthly counts (left out in the public profile).
nlohmann::ordered_json trends_json(const TrendsOutcome& trends, bool monthly);

}  // namespace hotspot::cli
