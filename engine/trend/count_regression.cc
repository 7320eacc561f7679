#include "engine/trend/count_regression.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hotspot {

namespace {

// The inverse of a symmetric positive definite p x p matrix (Gauss-Jordan); throws when it is singular.
std::vector<double> invert_spd(std::vector<double> a, size_t p) {
  std::vector<double> inv(p * p, 0.0);
  for (size_t i = 0; i < p; ++i) inv[i * p + i] = 1.0;
  double scale = 0.0;
  for (size_t i = 0; i < p; ++i) scale = std::max(scale, std::abs(a[i * p + i]));
  for (size_t c = 0; c < p; ++c) {
    const double pivot = a[c * p + c];
    if (!(pivot > 1e-13 * scale)) throw std::invalid_argument("count regression: the design is singular at the fit");
    for (size_t k = 0; k < p; ++k) {
      a[c * p + k] /= pivot;
      inv[c * p + k] /= pivot;
    }
    for (size_t r = 0; r < p; ++r) {
      if (r == c) continue;
      const double f = a[r * p + c];
      for (size_t k = 0; k < p; ++k) {
        a[r * p + k] -= f * a[c * p + k];
        inv[r * p + k] -= f * inv[c * p + k];
      }
    }
  }
  return inv;
}

void check(const CountDesign& d) {
  if (d.rows() == 0 || d.columns == 0 || d.x.size() != d.rows() * d.columns || d.exposure.size() != d.rows())
    throw std::invalid_argument("count regression: empty or inconsistent design");
  for (size_t i = 0; i < d.rows(); ++i)
    if (!(d.exposure[i] > 0.0) || !(d.y[i] >= 0.0))
      throw std::invalid_argument("count regression: exposures must be positive and counts non-negative");
}

std::vector<double> linear_predictor(const CountDesign& d, const std::vector<double>& beta) {
  std::vector<double> eta(d.rows());
  for (size_t i = 0; i < d.rows(); ++i) {
    double s = std::log(d.exposure[i]);
    for (size_t k = 0; k < d.columns; ++k) s += d.x[i * d.columns + k] * beta[k];
    eta[i] = s;
  }
  return eta;
}

// X' W X with W = mu / (1 + alpha mu), and X' W z for the working response z = eta - offset + (y - mu) / mu.
void weighted_products(const CountDesign& d, const std::vector<double>& eta, double alpha, std::vector<double>& xwx,
                       std::vector<double>& xwz) {
  const size_t p = d.columns;
  xwx.assign(p * p, 0.0);
  xwz.assign(p, 0.0);
  for (size_t i = 0; i < d.rows(); ++i) {
    const double mu = std::exp(eta[i]), w = mu / (1.0 + alpha * mu);
    const double z = eta[i] - std::log(d.exposure[i]) + (d.y[i] - mu) / mu;
    const double* xi = &d.x[i * p];
    for (size_t a = 0; a < p; ++a) {
      xwz[a] += w * xi[a] * z;
      for (size_t b = 0; b < p; ++b) xwx[a * p + b] += w * xi[a] * xi[b];
    }
  }
}

// The GLM fit at a fixed alpha (0: Poisson), from statsmodels' start mu = (y + mean y) / 2.
CountFit irls(const CountDesign& d, double alpha) {
  const size_t p = d.columns;
  double mean_y = 0.0;
  for (double y : d.y) mean_y += y / static_cast<double>(d.rows());
  std::vector<double> eta(d.rows());
  for (size_t i = 0; i < d.rows(); ++i) eta[i] = std::log((d.y[i] + mean_y) / 2.0);
  CountFit f;
  f.alpha = alpha;
  f.beta.assign(p, 0.0);
  std::vector<double> xwx, xwz;
  for (int it = 1; it <= 200; ++it) {
    weighted_products(d, eta, alpha, xwx, xwz);
    const std::vector<double> inv = invert_spd(xwx, p);
    std::vector<double> next(p, 0.0);
    for (size_t a = 0; a < p; ++a)
      for (size_t b = 0; b < p; ++b) next[a] += inv[a * p + b] * xwz[b];
    double change = 0.0;
    for (size_t k = 0; k < p; ++k) change = std::max(change, std::abs(next[k] - f.beta[k]) / (1.0 + std::abs(next[k])));
    f.beta = next;
    f.iterations = it;
    eta = linear_predictor(d, f.beta);
    if (it > 1 && change < 1e-13) break;
  }
  weighted_products(d, eta, alpha, xwx, xwz);
  f.covariance = invert_spd(xwx, p);
  return f;
}

double poisson_log_likelihood(const CountDesign& d, const std::vector<double>& eta) {
  double ll = 0.0;
  for (size_t i = 0; i < d.rows(); ++i) ll += d.y[i] * eta[i] - std::exp(eta[i]) - std::lgamma(d.y[i] + 1.0);
  return ll;
}

double nb2_log_likelihood(const CountDesign& d, const std::vector<double>& eta, double alpha) {
  const double r = 1.0 / alpha;
  double ll = 0.0;
  for (size_t i = 0; i < d.rows(); ++i) {
    const double y = d.y[i], mu = std::exp(eta[i]);
    ll += std::lgamma(y + r) - std::lgamma(r) - std::lgamma(y + 1.0) - r * std::log1p(mu / r) +
          y * (std::log(mu) - std::log(r + mu));
  }
  return ll;
}

// d log L / d alpha at the GLM fit for `alpha` (the profile score, by the envelope theorem).
double alpha_score(const CountDesign& d, double alpha) {
  const CountFit f = irls(d, alpha);
  const std::vector<double> eta = linear_predictor(d, f.beta);
  const double r = 1.0 / alpha;
  double dr = 0.0;  // d log L / d r
  for (size_t i = 0; i < d.rows(); ++i) {
    const double y = d.y[i], mu = std::exp(eta[i]);
    double digamma_diff = 0.0;  // psi(y + r) - psi(r) for a whole count y
    for (double k = 0.0; k < y; k += 1.0) digamma_diff += 1.0 / (r + k);
    dr += digamma_diff - std::log1p(mu / r) + (mu - y) / (r + mu);
  }
  return -dr * r * r;
}

}  // namespace

void CountDesign::add(std::span<const double> row, double count, double exposure_value) {
  if (columns == 0) columns = row.size();
  if (row.size() != columns) throw std::invalid_argument("count regression: rows of different widths");
  x.insert(x.end(), row.begin(), row.end());
  y.push_back(count);
  exposure.push_back(exposure_value);
}

double CountFit::se(size_t k) const { return std::sqrt(covariance[k * beta.size() + k]); }

double CountFit::var_sum(size_t a, size_t b) const {
  const size_t p = beta.size();
  return covariance[a * p + a] + covariance[b * p + b] + 2.0 * covariance[a * p + b];
}

CountFit fit_poisson(const CountDesign& d) {
  check(d);
  CountFit f = irls(d, 0.0);
  f.family = CountFamily::kPoisson;
  f.log_likelihood = poisson_log_likelihood(d, linear_predictor(d, f.beta));
  return f;
}

CountFit fit_negative_binomial(const CountDesign& d) {
  check(d);
  double lo = -15.0, hi = 6.0;  // log alpha
  if (!(alpha_score(d, std::exp(lo)) > 0.0) || !(alpha_score(d, std::exp(hi)) < 0.0))
    throw std::domain_error("negative binomial: the likelihood has no maximum at a positive alpha");
  for (int it = 0; it < 200 && hi - lo > 1e-14; ++it) {
    const double mid = 0.5 * (lo + hi);
    (alpha_score(d, std::exp(mid)) > 0.0 ? lo : hi) = mid;
  }
  CountFit f = irls(d, std::exp(0.5 * (lo + hi)));
  f.family = CountFamily::kNegativeBinomial;
  f.log_likelihood = nb2_log_likelihood(d, linear_predictor(d, f.beta), f.alpha);
  return f;
}

DispersionTest cameron_trivedi_test(const CountDesign& d, const CountFit& poisson) {
  const std::vector<double> eta = linear_predictor(d, poisson.beta);
  const size_t n = d.rows();
  std::vector<double> w(n), mu(n);
  double sxx = 0.0, sxw = 0.0;
  for (size_t i = 0; i < n; ++i) {
    mu[i] = std::exp(eta[i]);
    w[i] = ((d.y[i] - mu[i]) * (d.y[i] - mu[i]) - d.y[i]) / mu[i];
    sxx += mu[i] * mu[i];
    sxw += mu[i] * w[i];
  }
  DispersionTest t;
  t.alpha_hat = sxw / sxx;
  double sse = 0.0;
  for (size_t i = 0; i < n; ++i) sse += (w[i] - t.alpha_hat * mu[i]) * (w[i] - t.alpha_hat * mu[i]);
  const double se = std::sqrt(sse / static_cast<double>(n - 1) / sxx);
  t.t = t.alpha_hat / se;
  t.p = 0.5 * std::erfc(t.t / std::sqrt(2.0));
  return t;
}

}  // namespace hotspot
