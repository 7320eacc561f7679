// The disparity analysis as people read it (Markdown) and as spreadsheets read it (CSV): every table with its
// counts, rates, Wilson intervals, rate ratios and likelihoods against the reference group, suppressed cells shown
// as "<k", the logistic regression's odds ratios, and what the data can and cannot show.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/disparity/disparity_tables.h"
#include "engine/disparity/logistic_regression.h"

namespace hotspot {

// What the report says about how the tables were made.
struct DisparityReportLabels {
  std::string source;        // the stops file
  std::string accounting;    // "in 127192 = accepted ... + rejected ..."
  std::string group;         // "driver_race (hispanic-first: driver_ethnicity = Hispanic first)"
  std::string outcome;       // "search_conducted = Yes"
  std::string zone, reason, officer, result;  // column names; empty = table not made
  int64_t min_count = 5;
  std::vector<std::string> controls;  // the regression's controls as given
  std::string benchmark;              // how the residents were counted (with a residential benchmark)
  std::vector<std::string> notes;     // warnings of the run
};

std::string disparity_markdown(const DisparityTables& tables, const std::optional<LogisticFit>& fit,
                               const DisparityReportLabels& labels);

// table,row,group,category,records,outcomes,rate,rate_low,rate_high,rate_ratio,rr_low,rr_high,likelihood,suppressed
std::string disparity_csv(const DisparityTables& tables, const DisparityReportLabels& labels);

// Whether an odds ratio is withheld: its level has fewer than min_count records with, or without, the outcome.
bool odds_ratio_suppressed(const LogisticCoefficient& c, int64_t min_count);

// term,level,records,outcomes,estimate,std_error,odds_ratio,or_low,or_high,p,suppressed
std::string odds_ratio_csv(const LogisticFit& fit, int64_t min_count);

}  // namespace hotspot
