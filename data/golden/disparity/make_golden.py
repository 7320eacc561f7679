#!/usr/bin/python3
"""Golden values for tests/engine/disparity/ from statsmodels (independent of hotspot's code).

Run from the repository root:  /usr/bin/python3 data/golden/disparity/make_golden.py
Reads data/charlotte/cmpd_traffic_stops_2016_2017.tsv.gz and writes, beside this script:
  intervals.csv  Wilson 95 % intervals (statsmodels proportion_confint, method="wilson") and Katz log intervals of
                 the rate ratio (statsmodels Table2x2.riskratio_confint) for hand-picked counts and for the search
                 counts of every division x group of the bundled stops against White drivers.
  logit_<model>.csv  coefficients, standard errors and Wald 95 % odds-ratio intervals of statsmodels Logit
                 (Newton, tol 1e-14) of search_conducted == "Yes" on the driver group (hispanic-first, reference
                 White) and controls, treatment coding with each control's most frequent level as reference.
Values are trimmed of spaces; "\\N" and "" are missing (records missing any term are dropped).
"""
import csv
import gzip
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
STOPS = os.path.join(HERE, "..", "..", "charlotte", "cmpd_traffic_stops_2016_2017.tsv.gz")


def read_stops():
    with gzip.open(STOPS, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    clean = lambda v: "" if v.strip() in ("\\N", "") else v.strip()
    return [{h: clean(v) for h, v in zip(header, r)} for r in body]


def group(r):
    return "Hispanic" if r["driver_ethnicity"] == "Hispanic" else r["driver_race"]


def band(v, edges, labels):
    if v == "" or not v.isdigit():
        return ""
    x = int(v)
    for e, lab in zip(edges, labels):
        if x < e:
            return lab
    return labels[-1]


def age_band(v):
    return band(v, [18, 25, 35, 45, 55, 65], ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"])


def experience_band(v):
    return band(v, [3, 6, 11, 21], ["0-2", "3-5", "6-10", "11-20", "21+"])


def interval_rows(stops):
    cases = [(0, 10), (1, 10), (5, 10), (10, 10), (3, 1000), (57, 1234), (5412, 127192)]
    pairs = [(10, 100, 5, 100), (57, 1234, 21, 2000), (1, 3, 2, 9), (400, 5000, 150, 6000)]
    counts = {}
    for r in stops:
        if r["cmpd_division"]:
            key = (r["cmpd_division"], group(r))
            n, k = counts.get(key, (0, 0))
            counts[key] = (n + 1, k + (r["search_conducted"] == "Yes"))
    for div in sorted({d for d, _ in counts}):
        n0, k0 = counts[(div, "White")]
        for g in ("Black", "Hispanic"):
            n1, k1 = counts[(div, g)]
            pairs.append((k1, n1, k0, n0))
    out = []
    for k, n in cases + [(k1, n1) for k1, n1, _, _ in pairs]:
        lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
        out.append(["wilson", k, n, "", "", repr(k / n), repr(lo), repr(hi)])
    for k1, n1, k0, n0 in pairs:
        t = Table2x2(np.array([[k1, n1 - k1], [k0, n0 - k0]], dtype=float))
        lo, hi = t.riskratio_confint(alpha=0.05, method="normal")
        out.append(["katz", k1, n1, k0, n0, repr(t.riskratio), repr(lo), repr(hi)])
    return out


def design(stops, terms):
    """Treatment dummies: group reference White, others their most frequent level (ties: first in byte order)."""
    used = [r for r in stops if all(f(r) != "" for _, f in terms)]
    cols, names = [np.ones(len(used))], [("(intercept)", "")]
    for name, f in terms:
        vals = [f(r) for r in used]
        levels = sorted(set(vals))
        ref = "White" if name == "driver_race" else max(levels, key=lambda l: (vals.count(l), -levels.index(l)))
        for lev in levels:
            if lev != ref:
                cols.append(np.array([v == lev for v in vals], dtype=float))
                names.append((name, lev))
    y = np.array([r["search_conducted"] == "Yes" for r in used], dtype=float)
    return y, np.column_stack(cols), names


def write_logit(stops, model, terms):
    y, x, names = design(stops, terms)
    fit = sm.Logit(y, x).fit(method="newton", maxiter=100, tol=1e-14, disp=False)
    ci = np.exp(fit.conf_int(alpha=0.05))
    with open(os.path.join(HERE, f"logit_{model}.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["term", "level", "estimate", "std_error", "odds_ratio", "or_low", "or_high", "records_used"])
        for j, (term, level) in enumerate(names):
            w.writerow([term, level, repr(fit.params[j]), repr(fit.bse[j]), repr(np.exp(fit.params[j])),
                        repr(ci[j, 0]), repr(ci[j, 1]), len(y)])


def main():
    stops = read_stops()
    col = lambda c: (lambda r: r[c])
    base = [("driver_race", group), ("reason", col("reason")), ("cmpd_division", col("cmpd_division"))]
    full = base + [("year_month", col("year_month")), ("driver_gender", col("driver_gender")),
                   ("driver_age", lambda r: age_band(r["driver_age"])), ("officer_race", col("officer_race")),
                   ("officer_experiance_years", lambda r: experience_band(r["officer_experiance_years"]))]
    with open(os.path.join(HERE, "intervals.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kind", "k1", "n1", "k0", "n0", "estimate", "low", "high"])
        w.writerows(interval_rows(stops))
    write_logit(stops, "base", base)
    write_logit(stops, "full", full)
    print("statsmodels", statsmodels.__version__, "numpy", np.__version__, "python", sys.version.split()[0])


if __name__ == "__main__":
    main()
