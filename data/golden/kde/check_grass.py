#!/usr/bin/python3
"""Brute-force check of the GRASS v.kernel rasters against the engine's kernel formulas (engine/kde.cc).

  /usr/bin/python3 check_grass.py            (run in data/golden/kde)

For every grass_<kernel>.tif: every point of points.csv (unweighted: v.kernel has no weights) against every
cell centre of the 120 x 120 grid, in float64, with the formula and the support test of kde_kernel_value():

  quartic      3/(pi r^2) (1 - d^2/r^2)^2      epanechnikov  2/(pi r^2) (1 - d^2/r^2)
  triweight    4/(pi r^2) (1 - d^2/r^2)^3      uniform       1/(pi r^2)
  triangular   3/(pi r^2) (1 - d/r)            for d^2 < r^2 (r = 2000)
  gaussian     1/(2 pi s^2) exp(-d^2/(2 s^2))  for d^2 < (T s)^2, s = 2000/4 = 500, T = 4

Prints max |ours - grass| / max |grass| per raster, plus two gaussian variants that do NOT match (sigma = radius
without the /4, and the engine's default truncation T = 8) to show the size of those mistakes.
Also counts (point, cell centre) pairs at exactly d = r, where d < r (engine) and d <= r (GRASS) differ.
"""
import math
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
XMIN, YMIN, XMAX, YMAX, CELL, R = 1445000.0, 525000.0, 1475000.0, 555000.0, 250.0, 2000.0


def read_points():
    a = np.genfromtxt(os.path.join(HERE, "points.csv"), delimiter=",", names=True)
    return np.column_stack([a["x"], a["y"]])


def read_tif(name):
    ds = gdal.Open(os.path.join(HERE, name))
    gt = ds.GetGeoTransform()
    assert gt == (XMIN, CELL, 0.0, YMAX, 0.0, -CELL), gt
    return ds.GetRasterBand(1).ReadAsArray().astype(np.float64)


def brute(pts, kernel, h, support):
    ncols, nrows = round((XMAX - XMIN) / CELL), round((YMAX - YMIN) / CELL)
    xc = XMIN + (np.arange(ncols) + 0.5) * CELL          # engine/grid.h col_center_x
    yc = YMAX - (np.arange(nrows) + 0.5) * CELL          # row 0 north, row_center_y
    out = np.zeros((nrows, ncols))
    ties = 0
    for px, py in pts:
        dx2 = (xc - px) ** 2
        dy2 = (yc - py) ** 2
        d2 = dy2[:, None] + dx2[None, :]
        ties += int(np.count_nonzero(d2 == support * support))
        inside = d2 < support * support
        h2 = h * h
        t = 1.0 - d2 / h2
        if kernel == "quartic":
            v = 3.0 / (math.pi * h2) * t * t
        elif kernel == "epanechnikov":
            v = 2.0 / (math.pi * h2) * t
        elif kernel == "triweight":
            v = 4.0 / (math.pi * h2) * t * t * t
        elif kernel == "uniform":
            v = np.full_like(d2, 1.0 / (math.pi * h2))
        elif kernel == "triangular":
            v = 3.0 / (math.pi * h2) * (1.0 - np.sqrt(d2) / h)
        elif kernel == "gaussian":
            v = 1.0 / (2.0 * math.pi * h2) * np.exp(-d2 / (2.0 * h2))
        out += np.where(inside, v, 0.0)
    return out, ties


def rel(a, b):
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def main():
    pts = read_points()
    worst = 0.0
    for k in ("quartic", "epanechnikov", "triangular", "triweight", "uniform", "gaussian"):
        g = read_tif(f"grass_{k}.tif")
        if k == "gaussian":
            ours, ties = brute(pts, k, R / 4.0, 4.0 * (R / 4.0))
        else:
            ours, ties = brute(pts, k, R, R)
        e = rel(ours, g)
        worst = max(worst, e)
        print(f"grass_{k}.tif: max rel err {e:.2e}  (sum ours {ours.sum():.12e}, grass {g.sum():.12e}, "
              f"pairs at d == support: {ties})")
    g = read_tif("grass_gaussian.tif")
    ours, _ = brute(pts, "gaussian", R / 4.0, 8.0 * (R / 4.0))
    print(f"  gaussian sigma 500, T = 8 (engine default) vs GRASS: max rel err {rel(ours, g):.2e}")
    ours, _ = brute(pts, "gaussian", R, 8.0 * R)
    print(f"  gaussian sigma 2000 (radius taken as sigma) vs GRASS: max rel err {rel(ours, g):.2e}")
    print("OK" if worst < 1e-9 else "MISMATCH")
    return 0 if worst < 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
