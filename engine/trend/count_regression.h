// Log-linear regression of counts with an exposure offset: log E[y_i] = log(exposure_i) + x_i' beta, fitted by
// iteratively reweighted least squares as a GLM (McCullagh and Nelder 1989), for
//   - Poisson: Var(y) = mu;
//   - negative binomial NB2: Var(y) = mu + alpha mu^2, alpha estimated by maximum likelihood (the root of the
//     profile score in alpha; the same estimate as statsmodels' NegativeBinomial(loglike_method="nb2")), beta then
//     the GLM fit at that alpha (statsmodels' GLM(family=NegativeBinomial(alpha))).
// Standard errors from the inverse of X' W X at the fit, W = mu / (1 + alpha mu) (the GLM's expected information,
// scale fixed at 1, as statsmodels' GLM reports them for these families).
//
// The dispersion test is Cameron and Trivedi's (1990) regression test against NB2: after the Poisson fit,
// ((y - mu)^2 - y) / mu is regressed on mu without a constant; t = alpha_hat / se(alpha_hat), one-sided normal p
// (overdispersion when p < the level).
#pragma once

#include <span>
#include <vector>

namespace hotspot {

enum class CountFamily { kPoisson, kNegativeBinomial };

struct CountDesign {
  size_t columns = 0;
  std::vector<double> x;          // row-major, rows x columns
  std::vector<double> y;          // counts
  std::vector<double> exposure;   // > 0; the offset is its log
  size_t rows() const { return y.size(); }
  void add(std::span<const double> row, double count, double exposure_value);
};

struct CountFit {
  CountFamily family = CountFamily::kPoisson;
  double alpha = 0.0;             // NB2 dispersion; 0 for Poisson
  std::vector<double> beta;
  std::vector<double> covariance; // columns x columns, row-major
  double log_likelihood = 0.0;
  int iterations = 0;             // IRLS iterations of the final fit
  double se(size_t k) const;
  // Variance of beta_a + beta_b.
  double var_sum(size_t a, size_t b) const;
};

struct DispersionTest {
  double alpha_hat = 0.0;  // the auxiliary regression's slope
  double t = 0.0;
  double p = 1.0;          // one-sided, upper tail
};

// Throws std::invalid_argument for an empty or inconsistent design, a non-positive exposure, a negative count, or a
// design that is singular at the fit (e.g. a group with no count at all).
CountFit fit_poisson(const CountDesign& d);
// Throws as fit_poisson, and std::domain_error when the likelihood has no maximum at a positive alpha (the counts
// are not overdispersed).
CountFit fit_negative_binomial(const CountDesign& d);

DispersionTest cameron_trivedi_test(const CountDesign& d, const CountFit& poisson);

}  // namespace hotspot
