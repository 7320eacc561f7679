#include "engine/disparity/logistic_regression.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/disparity/count_table.h"
#include "engine/disparity/rate_interval.h"

namespace hotspot {

namespace {

struct Coding {
  std::vector<std::vector<std::string>> levels;  // per term, sorted
  std::vector<int> reference;                    // per term, index into levels
  std::vector<std::vector<int>> column;          // per term and level: design column, -1 for the reference
  std::vector<std::pair<int, int>> column_of;    // design column -> (term, level); column 0 is the intercept
};

int reference_level(const CategoricalTerm& t, const std::vector<std::string>& levels, const std::vector<int64_t>& n) {
  if (!t.reference.empty()) {
    const auto it = std::find(levels.begin(), levels.end(), t.reference);
    if (it == levels.end())
      throw LogisticError("term " + t.name + ": reference level '" + t.reference + "' matches no record");
    return static_cast<int>(it - levels.begin());
  }
  return static_cast<int>(std::max_element(n.begin(), n.end()) - n.begin());
}

// Levels, references and design columns from the records every term has a value for.
Coding code_terms(const std::vector<CategoricalTerm>& terms, const std::vector<uint8_t>& used) {
  Coding c;
  c.column_of.push_back({-1, -1});
  for (size_t t = 0; t < terms.size(); ++t) {
    std::vector<std::string> kept;
    for (size_t i = 0; i < used.size(); ++i)
      if (used[i]) kept.push_back(terms[t].values[i]);
    c.levels.push_back(distinct_sorted(kept));
    std::vector<int64_t> n(c.levels[t].size(), 0);
    for (const std::string& v : kept) ++n[std::lower_bound(c.levels[t].begin(), c.levels[t].end(), v) - c.levels[t].begin()];
    c.reference.push_back(reference_level(terms[t], c.levels[t], n));
    c.column.emplace_back(c.levels[t].size(), -1);
    for (size_t l = 0; l < c.levels[t].size(); ++l)
      if (static_cast<int>(l) != c.reference[t]) {
        c.column[t][l] = static_cast<int>(c.column_of.size());
        c.column_of.push_back({static_cast<int>(t), static_cast<int>(l)});
      }
  }
  return c;
}

struct Pattern {
  std::vector<int> columns;  // the design columns equal to 1 besides the intercept
  double n = 0, k = 0;
};

std::vector<Pattern> patterns(const std::vector<CategoricalTerm>& terms, const Coding& c,
                              std::span<const uint8_t> outcome, const std::vector<uint8_t>& used) {
  std::map<std::vector<int>, std::pair<int64_t, int64_t>> counts;
  std::vector<int> key(terms.size());
  for (size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) continue;
    for (size_t t = 0; t < terms.size(); ++t) {
      const auto& lv = c.levels[t];
      key[t] = static_cast<int>(std::lower_bound(lv.begin(), lv.end(), terms[t].values[i]) - lv.begin());
    }
    auto& nk = counts[key];
    ++nk.first;
    nk.second += outcome[i] ? 1 : 0;
  }
  std::vector<Pattern> out;
  for (const auto& [levels, nk] : counts) {
    Pattern p{{}, static_cast<double>(nk.first), static_cast<double>(nk.second)};
    for (size_t t = 0; t < levels.size(); ++t)
      if (c.column[t][levels[t]] >= 0) p.columns.push_back(c.column[t][levels[t]]);
    out.push_back(std::move(p));
  }
  return out;
}

std::string column_name(const std::vector<CategoricalTerm>& terms, const Coding& c, size_t j) {
  if (j == 0) return "the intercept";
  const auto [t, l] = c.column_of[j];
  return "term " + terms[t].name + ", level '" + c.levels[t][l] + "'";
}

// Records and outcomes per design column (column 0: all).
void column_counts(const std::vector<Pattern>& ps, size_t p, std::vector<double>& n, std::vector<double>& k) {
  n.assign(p, 0.0);
  k.assign(p, 0.0);
  for (const Pattern& q : ps) {
    n[0] += q.n;
    k[0] += q.k;
    for (int j : q.columns) {
      n[j] += q.n;
      k[j] += q.k;
    }
  }
}

void check_separation(const std::vector<CategoricalTerm>& terms, const Coding& c, const std::vector<double>& n,
                      const std::vector<double>& k) {
  for (size_t j = 0; j < n.size(); ++j) {
    if (k[j] > 0 && k[j] < n[j]) continue;
    const std::string what = k[j] == 0 ? "none of its " : "all of its ";
    throw LogisticError(column_name(terms, c, j) + ": " + what + std::to_string(static_cast<int64_t>(n[j])) +
                        " records have the outcome (separation: the odds ratio would be " +
                        (k[j] == 0 ? "0" : "infinite") + "); merge the level with another or drop the term");
  }
}

// Cholesky factor of the symmetric matrix a (p x p, row-major) in place; throws naming a column that is collinear.
void cholesky(std::vector<double>& a, size_t p, const std::vector<CategoricalTerm>& terms, const Coding& c) {
  for (size_t j = 0; j < p; ++j) {
    const double scale = a[j * p + j];
    double d = scale;
    for (size_t m = 0; m < j; ++m) d -= a[j * p + m] * a[j * p + m];
    if (!(d > 1e-10 * std::max(scale, 1e-300)))
      throw LogisticError(column_name(terms, c, j) +
                          ": collinear with the other columns (e.g. a control nested in another); drop one of them");
    a[j * p + j] = std::sqrt(d);
    for (size_t i = j + 1; i < p; ++i) {
      double s = a[i * p + j];
      for (size_t m = 0; m < j; ++m) s -= a[i * p + m] * a[j * p + m];
      a[i * p + j] = s / a[j * p + j];
    }
  }
}

// Solves L L^T x = b with the factor from cholesky().
std::vector<double> cholesky_solve(const std::vector<double>& l, size_t p, std::vector<double> b) {
  for (size_t i = 0; i < p; ++i) {
    for (size_t m = 0; m < i; ++m) b[i] -= l[i * p + m] * b[m];
    b[i] /= l[i * p + i];
  }
  for (size_t i = p; i-- > 0;) {
    for (size_t m = i + 1; m < p; ++m) b[i] -= l[m * p + i] * b[m];
    b[i] /= l[i * p + i];
  }
  return b;
}

double expit(double eta) { return eta >= 0 ? 1.0 / (1.0 + std::exp(-eta)) : std::exp(eta) / (1.0 + std::exp(eta)); }

double linear_predictor(const Pattern& q, const std::vector<double>& beta) {
  double eta = beta[0];
  for (int j : q.columns) eta += beta[j];
  return eta;
}

// The IRLS system at the linear predictors eta (one per pattern): X'WX and X'Wz with w = n mu (1 - mu) and the
// working response z = eta + (k - n mu) / w. Solving it is one Newton step.
void irls_system(const std::vector<Pattern>& ps, const std::vector<double>& eta, size_t p, std::vector<double>& info,
                 std::vector<double>& rhs) {
  info.assign(p * p, 0.0);
  rhs.assign(p, 0.0);
  for (size_t i = 0; i < ps.size(); ++i) {
    const Pattern& q = ps[i];
    const double mu = expit(eta[i]), w = q.n * mu * (1.0 - mu), wz = w * eta[i] + (q.k - q.n * mu);
    info[0] += w;
    rhs[0] += wz;
    for (size_t a = 0; a < q.columns.size(); ++a) {
      const size_t ja = q.columns[a];
      rhs[ja] += wz;
      info[ja * p] += w;
      for (size_t b = 0; b <= a; ++b) info[ja * p + q.columns[b]] += w;
    }
  }
  for (size_t i = 0; i < p; ++i)
    for (size_t j = i + 1; j < p; ++j) info[i * p + j] = info[j * p + i];
}

std::vector<double> predictors(const std::vector<Pattern>& ps, const std::vector<double>& beta) {
  std::vector<double> eta;
  for (const Pattern& q : ps) eta.push_back(linear_predictor(q, beta));
  return eta;
}

// -2 log-likelihood.
double deviance(const std::vector<Pattern>& ps, const std::vector<double>& beta) {
  double d = 0.0;
  for (const Pattern& q : ps) {
    const double mu = expit(linear_predictor(q, beta));
    if (q.k > 0) d -= 2.0 * q.k * std::log(mu);
    if (q.k < q.n) d -= 2.0 * (q.n - q.k) * std::log1p(-mu);
  }
  return d;
}

}  // namespace

namespace {

std::vector<double> solve_irls(const std::vector<Pattern>& ps, const std::vector<double>& eta, size_t p,
                               const std::vector<CategoricalTerm>& terms, const Coding& c) {
  std::vector<double> info, rhs;
  irls_system(ps, eta, p, info, rhs);
  cholesky(info, p, terms, c);
  return cholesky_solve(info, p, rhs);
}

// IRLS from glm's start (mu = (k + 1/2) / (n + 1) per pattern), halving a step that raises the deviance.
std::vector<double> newton(const std::vector<Pattern>& ps, size_t p, const LogisticOptions& o,
                           const std::vector<CategoricalTerm>& terms, const Coding& c, LogisticFit& fit) {
  std::vector<double> eta;
  for (const Pattern& q : ps) eta.push_back(std::log((q.k + 0.5) / (q.n - q.k + 0.5)));
  std::vector<double> beta = solve_irls(ps, eta, p, terms, c);
  double dev = deviance(ps, beta);
  for (fit.iterations = 1; fit.iterations <= o.max_iterations; ++fit.iterations) {
    std::vector<double> next = solve_irls(ps, predictors(ps, beta), p, terms, c);
    double next_dev = deviance(ps, next);
    for (int halving = 0; halving < 30 && !(next_dev <= dev * (1.0 + 1e-15)); ++halving) {
      for (size_t j = 0; j < p; ++j) next[j] = 0.5 * (next[j] + beta[j]);
      next_dev = deviance(ps, next);
    }
    bool done = true;
    for (size_t j = 0; j < p; ++j) done = done && std::abs(next[j] - beta[j]) <= o.tolerance * (1.0 + std::abs(next[j]));
    beta.swap(next);
    dev = next_dev;
    if (done) return beta;
  }
  size_t worst = 0;
  for (size_t j = 1; j < p; ++j)
    if (std::abs(beta[j]) > std::abs(beta[worst])) worst = j;
  throw LogisticError("no convergence within " + std::to_string(o.max_iterations) + " IRLS steps; the largest coefficient is " +
                      column_name(terms, c, worst) + " (" + std::to_string(beta[worst]) +
                      "), which suggests quasi-complete separation there: merge or drop the level");
}

LogisticCoefficient coefficient(const std::vector<CategoricalTerm>& terms, const Coding& c, size_t j, double b,
                                double se, double n, double k) {
  LogisticCoefficient x;
  if (j == 0) {
    x.term = "(intercept)";
    for (size_t t = 0; t < terms.size(); ++t)
      x.level += (t ? ", " : "") + terms[t].name + "=" + c.levels[t][c.reference[t]];
  } else {
    x.term = terms[c.column_of[j].first].name;
    x.level = c.levels[c.column_of[j].first][c.column_of[j].second];
  }
  x.records = static_cast<int64_t>(n);
  x.outcomes = static_cast<int64_t>(k);
  x.estimate = b;
  x.std_error = se;
  x.z = b / se;
  x.p = std::erfc(std::abs(x.z) / std::sqrt(2.0));
  x.odds_ratio = std::exp(b);
  x.or_low = std::exp(b - kZ95 * se);
  x.or_high = std::exp(b + kZ95 * se);
  return x;
}

}  // namespace

LogisticFit fit_logistic(std::span<const uint8_t> outcome, const std::vector<CategoricalTerm>& terms,
                         const LogisticOptions& o) {
  LogisticFit fit;
  std::vector<uint8_t> used(outcome.size(), 1);
  for (size_t i = 0; i < outcome.size(); ++i)
    for (const CategoricalTerm& t : terms)
      if (t.values[i].empty()) used[i] = 0;
  for (uint8_t u : used) (u ? fit.records_used : fit.records_missing) += 1;
  if (fit.records_used == 0) throw LogisticError("no record has a value in every term");
  const Coding c = code_terms(terms, used);
  const std::vector<Pattern> ps = patterns(terms, c, outcome, used);
  fit.patterns = static_cast<int64_t>(ps.size());
  const size_t p = c.column_of.size();
  std::vector<double> n, k;
  column_counts(ps, p, n, k);
  check_separation(terms, c, n, k);
  const std::vector<double> beta = newton(ps, p, o, terms, c, fit);
  fit.deviance = deviance(ps, beta);
  std::vector<double> info, rhs;
  irls_system(ps, predictors(ps, beta), p, info, rhs);
  cholesky(info, p, terms, c);
  for (size_t j = 0; j < p; ++j) {
    std::vector<double> e(p, 0.0);
    e[j] = 1.0;
    const double var = cholesky_solve(info, p, e)[j];
    fit.coefficients.push_back(coefficient(terms, c, j, beta[j], std::sqrt(var), n[j], k[j]));
  }
  for (size_t t = 0; t < terms.size(); ++t) fit.reference_levels.push_back(c.levels[t][c.reference[t]]);
  return fit;
}

}  // namespace hotspot
