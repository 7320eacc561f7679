#!/usr/bin/python3
"""The peer of BM_LogisticRegression40Parameters: statsmodels' Logit (Newton) on 1,000,000 synthetic stops with the
same 40-parameter shape (intercept; group 6 levels, reason 10, division 13, month 12, sex 2, age band 2; level 0 of
each term drawn with probability 0.4) and the same true effects, drawn with numpy (other draws than the C++
generator's, same distribution). Prints the wall time of building the dummy design and of the fit.

    /usr/bin/python3 benchmarks/peers/logit_statsmodels.py [-n 1000000] [--repeat 3]
"""
import argparse
import time

import numpy as np
import statsmodels.api as sm

SHAPE = [("group", 6), ("reason", 10), ("division", 13), ("month", 12), ("sex", 2), ("age_band", 2)]


def synthetic(n, rng):
    levels, eta = [], np.full(n, -2.5)
    for _, k in SHAPE:
        effect = np.array([0.0] + [0.08 * ((l * 7) % 11) - 0.4 for l in range(1, k)])
        lv = np.where(rng.random(n) < 0.4, 0, 1 + (rng.random(n) * (k - 1)).astype(int))
        levels.append(lv)
        eta += effect[lv]
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    return levels, y


def design(levels):
    cols = [np.ones(len(levels[0]))]
    for lv, (_, k) in zip(levels, SHAPE):
        for l in range(1, k):
            cols.append((lv == l).astype(float))
    return np.column_stack(cols)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    levels, y = synthetic(a.n, np.random.default_rng(20261204))
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        X = design(levels)
        t1 = time.perf_counter()
        fit = sm.Logit(y, X).fit(method="newton", disp=False, tol=1e-10)
        t2 = time.perf_counter()
        print(f"{a.n} stops, {X.shape[1]} parameters: design {t1 - t0:.3f} s, fit {t2 - t1:.3f} s, "
              f"total {t2 - t0:.3f} s ({fit.mle_retvals['iterations']} iterations)")


if __name__ == "__main__":
    main()
