// Logistic regression of a yes/no outcome (a search) on categorical terms (the driver group, and controls such as
// stop purpose, division, month), fitted by Newton-Raphson (equal to IRLS for the logit link) on the distinct
// covariate patterns, so the answer is the same for any thread count and any record order.
//
// Coding: treatment contrasts; each term has a reference level (given, else its most frequent level; ties: the
// first in byte order) and one 0/1 column per other level, after an intercept. A record with an empty value in any
// term is left out (counted in records_missing). Odds ratios exp(b) with Wald 95 % intervals exp(b +/- 1.96 se),
// se from the inverse of the information matrix at the fit; two-sided normal p-values. The same model as
// statsmodels' `Logit(y, X).fit(method="newton")` or R's `glm(family = binomial)` with the same reference levels.
//
// Errors (LogisticError, naming the term and level): a level in which every record, or none, has the outcome
// (complete or quasi-complete separation: its coefficient would be infinite); a level collinear with other
// columns (e.g. a control nested in another); no convergence within max_iterations.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace hotspot {

struct CategoricalTerm {
  std::string name;                 // "driver_race", "reason"
  std::vector<std::string> values;  // one per record; "" = missing
  std::string reference;            // empty = the most frequent level
};

struct LogisticOptions {
  int max_iterations = 50;    // Newton steps. REQUIRES: > 0.
  double tolerance = 1e-10;   // stop when every step |d_j| <= tolerance * (1 + |b_j|)
};

struct LogisticCoefficient {
  std::string term;   // "(intercept)" for the intercept
  std::string level;  // the level this column indicates; the reference levels for the intercept
  int64_t records = 0, outcomes = 0;  // records used with this level (all used records for the intercept)
  double estimate = 0, std_error = 0, z = 0, p = 0;
  double odds_ratio = 0, or_low = 0, or_high = 0;
};

struct LogisticFit {
  std::vector<LogisticCoefficient> coefficients;  // intercept, then each term's non-reference levels in order
  std::vector<std::string> reference_levels;      // per term
  int iterations = 0;
  int64_t records_used = 0, records_missing = 0, patterns = 0;
  double deviance = 0;                            // -2 log-likelihood
};

class LogisticError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// REQUIRES: every term has outcome.size() values.
LogisticFit fit_logistic(std::span<const uint8_t> outcome, const std::vector<CategoricalTerm>& terms,
                         const LogisticOptions& options = {});

}  // namespace hotspot
