// What the Trends stage leaves for the report: the data's calendar months, and per priority area and citywide the
// monthly counts, their Mann-Kendall trend and Sen's slope, and the before/after comparison around the start date.
#pragma once

#include <string>
#include <vector>

#include "engine/trend/before_after.h"
#include "engine/trend/count_trend.h"
#include "engine/trend/month_bins.h"

namespace hotspot::cli {

struct SeriesTrendFigures {
  std::string id;             // area id; "city" for the citywide series
  std::string name;
  CountTrend trend;
  BeforeAfter before_after;   // areas: against the rest of the city; citywide: alone
};

struct TrendsOutcome {
  std::string start_date;                    // "2020-09-08"
  double alpha = 0.05;                       // significance level of the trend test
  std::vector<MonthBin> months;
  int64_t undated = 0;                       // records without a date, left out
  SeriesTrendFigures city;
  std::vector<SeriesTrendFigures> areas;     // the priority areas' order
  std::string monthly_csv;                   // file name of the monthly counts, when written
};

}  // namespace hotspot::cli
