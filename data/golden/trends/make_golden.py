#!/usr/bin/python3
"""Golden values for tests/engine/trend/ from scipy and statsmodels (independent of hotspot's code).

Run from the repository root:  /usr/bin/python3 data/golden/trends/make_golden.py
Reads data/charlotte/cmpd_incidents_sample.csv and writes, beside this script:
  incident_days.csv  one row per incident with a date: `day` (UTC days since 1970-01-01 of DATE_REPORTED) and one
                     0/1 column per test area: within 2640 ft (0.5 mi) of a centre in the file's own
                     X_COORD_PUBLIC/Y_COORD_PUBLIC (EPSG:2264 feet); each centre is the X/Y of the incident nearest
                     (in lon/lat degrees) to the CDOT signal of a Violence Reduction Framework priority intersection
                     (data/charlotte/vrf_priority_intersections.csv). Rows without coordinates count citywide only.
  expected.csv       series,statistic,value for `city` (every incident) and each area:
    - months, whole_months: calendar months from the first to the last incident's month; a month the data does not
      cover whole (the first and the last) is partial and left out of the trend tests;
    - mk_s, mk_var_s, mk_z, mk_p: Mann-Kendall of the whole months' counts (S and Var(S) with the ties term by brute
      force over all pairs, checked against scipy.stats.kendalltau's tau-b; Z with the continuity correction,
      two-sided normal p);
    - sen_slope, sen_low, sen_high: scipy.stats.theilslopes(counts, month number, alpha=0.95), per month;
    - ba_*: the before/after model around START (one row per group and month piece, a month cut at START, exposure
      in years of 365.25 days): statsmodels GLM Poisson with offset log(years); Cameron and Trivedi's (1990) test
      (auxiliary OLS of ((y - mu)^2 - y) / mu on mu without constant, one-sided normal p); when p < 0.05 the
      negative binomial: alpha from statsmodels NegativeBinomial(loglike_method="nb2") by maximum likelihood, then
      GLM(family=NegativeBinomial(alpha)); beta and bse of the chosen model (ba_family 0 Poisson, 1 NB), and the
      Poisson fit's beta and bse (ba_poisson_*) in any case. Areas: columns 1, area, after, area x after over the
      area and the rest of the city; city: columns 1, after. The bundled counts are close to Poisson (the test
      keeps Poisson for every series), so `city_x4`, the citywide model with every count multiplied by 4 (variance
      16 mu against mean 4 mu), exercises the negative binomial on counts derived from the same data.
"""
import csv
import datetime
import math
import os

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "charlotte")
START = datetime.date(2020, 9, 8)  # the Violence Reduction Framework's announcement (README, "Trends")
RADIUS_FT = 2640.0
EPOCH = datetime.date(1970, 1, 1)


def day_of(ms):
    return int(ms) // 86400000


def read_incidents():
    rows = []
    with open(os.path.join(DATA, "cmpd_incidents_sample.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["DATE_REPORTED"]:
                continue
            xy = None
            if r["X_COORD_PUBLIC"] and r["Y_COORD_PUBLIC"] and r["LONGITUDE_PUBLIC"] and r["LATITUDE_PUBLIC"]:
                xy = (float(r["X_COORD_PUBLIC"]), float(r["Y_COORD_PUBLIC"]),
                      float(r["LONGITUDE_PUBLIC"]), float(r["LATITUDE_PUBLIC"]))
                if xy[0] == 0 or xy[1] == 0:
                    xy = None
            rows.append((day_of(r["DATE_REPORTED"]), xy))
    return rows


def centres(rows):
    out = []
    with open(os.path.join(DATA, "vrf_priority_intersections.csv"), newline="", encoding="utf-8") as f:
        signals = [r for r in csv.DictReader(f) if "ramp)" not in r["priority_area"]]
    for i, s in enumerate(signals):
        lon, lat = float(s["longitude"]), float(s["latitude"])
        best = min((r[1] for r in rows if r[1]), key=lambda p: (p[2] - lon) ** 2 + (p[3] - lat) ** 2)
        out.append(("area%d" % (i + 1), best[0], best[1]))
    return out


def months(first, last):
    """(first_day, end_day, calendar_days) of each calendar month from first's to last's, cut to the data."""
    out = []
    d0 = EPOCH + datetime.timedelta(days=first)
    y, m = d0.year, d0.month
    while (datetime.date(y, m, 1) - EPOCH).days <= last:
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        a, b = (datetime.date(y, m, 1) - EPOCH).days, (datetime.date(ny, nm, 1) - EPOCH).days
        out.append((max(a, first), min(b, last + 1), b - a))
        y, m = ny, nm
    return out


def mann_kendall(x):
    n = len(x)
    s = sum(np.sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    _, counts = np.unique(x, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in counts)) / 18.0
    n0 = n * (n - 1) / 2
    n2 = sum(t * (t - 1) / 2 for t in counts)
    tau = st.kendalltau(np.arange(n), x).correlation
    assert abs(tau - s / math.sqrt(n0 * (n0 - n2))) < 1e-12, "S disagrees with scipy's tau-b"
    z = (s - 1) / math.sqrt(var) if s > 0 else ((s + 1) / math.sqrt(var) if s < 0 else 0.0)
    return s, var, z, 2 * st.norm.sf(abs(z))


def design(ms, area_days, rest_days, with_rest):
    X, y, years = [], [], []
    for a, b, _ in ms:
        cut = (START - EPOCH).days
        for lo, hi, after in ((a, min(b, cut), 0.0), (max(a, cut), b, 1.0)):
            if hi <= lo:
                continue
            n_area = sum(1 for d in area_days if lo <= d < hi)
            if with_rest:
                X.append([1.0, 1.0, after, after]); y.append(n_area); years.append((hi - lo) / 365.25)
                X.append([1.0, 0.0, after, 0.0]); y.append(sum(1 for d in rest_days if lo <= d < hi))
                years.append((hi - lo) / 365.25)
            else:
                X.append([1.0, after]); y.append(n_area); years.append((hi - lo) / 365.25)
    return np.array(X), np.array(y, dtype=float), np.array(years)


def cameron_trivedi(y, mu):
    w = ((y - mu) ** 2 - y) / mu
    a = np.sum(w * mu) / np.sum(mu * mu)
    s2 = np.sum((w - a * mu) ** 2) / (len(y) - 1)
    t = a / math.sqrt(s2 / np.sum(mu * mu))
    return a, t, st.norm.sf(t)


def before_after(out, name, X, y, years):
    off = np.log(years)
    pois = sm.GLM(y, X, family=sm.families.Poisson(), offset=off).fit(tol=1e-13, maxiter=200)
    a, t, p = cameron_trivedi(y, pois.mu)
    for k, v in enumerate(pois.params):
        out.append((name, "ba_poisson_beta%d" % k, v))
        out.append((name, "ba_poisson_se%d" % k, pois.bse[k]))
    out.append((name, "ba_poisson_llf", pois.llf))
    out += [(name, "ba_ct_alpha", a), (name, "ba_ct_t", t), (name, "ba_ct_p", p)]
    chosen, family = pois, 0
    if p < 0.05:
        model = sm.NegativeBinomial(y, X, offset=off, loglike_method="nb2")
        nb = model.fit(start_params=np.append(pois.params, max(a, 1e-3)), method="bfgs", gtol=1e-12, maxiter=2000,
                       disp=0)
        nb = model.fit(start_params=nb.params, method="newton", tol=1e-14, maxiter=100, disp=0)
        assert nb.mle_retvals["converged"], "NegativeBinomial did not converge"
        alpha = nb.params[-1]
        chosen = sm.GLM(y, X, family=sm.families.NegativeBinomial(alpha=alpha), offset=off).fit(tol=1e-13, maxiter=200)
        family = 1
        out.append((name, "ba_nb_alpha", alpha))
        out.append((name, "ba_nb_llf", nb.llf))
    out.append((name, "ba_family", family))
    for k, v in enumerate(chosen.params):
        out.append((name, "ba_beta%d" % k, v))
        out.append((name, "ba_se%d" % k, chosen.bse[k]))


def series_stats(out, name, ms, days):
    counts = [sum(1 for d in days if a <= d < b) for a, b, _ in ms]
    whole = [(i, c) for i, (c, (a, b, cal)) in enumerate(zip(counts, ms)) if b - a == cal]
    x = np.array([i for i, _ in whole], dtype=float)
    v = np.array([c for _, c in whole], dtype=float)
    s, var, z, p = mann_kendall(v)
    res = st.theilslopes(v, x, alpha=0.95)
    out += [(name, "months", len(ms)), (name, "whole_months", len(whole)), (name, "incidents", sum(counts)),
            (name, "mk_s", s), (name, "mk_var_s", var), (name, "mk_z", z), (name, "mk_p", p),
            (name, "sen_slope", res[0]), (name, "sen_low", res[2]), (name, "sen_high", res[3])]


def main():
    rows = read_incidents()
    cs = centres(rows)
    member = [[r[1] is not None and (r[1][0] - cx) ** 2 + (r[1][1] - cy) ** 2 <= RADIUS_FT ** 2 for _, cx, cy in cs]
              for r in rows]
    with open(os.path.join(HERE, "incident_days.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["day"] + [c[0] for c in cs])
        for r, m in zip(rows, member):
            w.writerow([r[0]] + [int(v) for v in m])
    days = [r[0] for r in rows]
    ms = months(min(days), max(days))
    out = []
    series_stats(out, "city", ms, days)
    before_after(out, "city", *design(ms, days, [], False))
    X, y, years = design(ms, days, [], False)
    before_after(out, "city_x4", X, 4 * y, years)
    for k, (name, _, _) in enumerate(cs):
        area = [r[0] for r, m in zip(rows, member) if m[k]]
        rest = [r[0] for r, m in zip(rows, member) if not m[k]]
        series_stats(out, name, ms, area)
        before_after(out, name, *design(ms, area, rest, True))
    with open(os.path.join(HERE, "expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "statistic", "value"])
        for name, stat, v in out:
            w.writerow([name, stat, repr(float(v))])
    print("scipy", scipy.__version__, "statsmodels", statsmodels.__version__, "numpy", np.__version__)


if __name__ == "__main__":
    main()
