// Kernel density estimation on a north-up grid (engine/core/grid.h conventions: values at cell centres, row 0 north).
//
// Every kernel integrates to 1 over the plane, so each point adds its weight w times
//   quartic (biweight, ArcGIS)  3/(pi r^2) (1 - (d/r)^2)^2      epanechnikov  2/(pi r^2) (1 - (d/r)^2)
//   triweight                   4/(pi r^2) (1 - (d/r)^2)^3      uniform       1/(pi r^2)
//   triangular (cone)           3/(pi r^2) (1 - d/r)             for d < r, 0 otherwise;
//   gaussian                    1/(2 pi s^2) exp(-d^2 / (2 s^2)) for d < truncation * s, 0 otherwise.
// These are ArcGIS Pro's quartic and GRASS v.kernel's constants (dimension 2). The result is a density in
// weight per square CRS unit; kde_scale_factor() converts it to the output unit.
//
// Gaussian truncation: the dropped tail holds a fraction exp(-T^2/2) of each point's mass (T = truncation in
// sigmas; 1.3e-14 for the default T = 8), and at any cell the value omitted per point is at most
// exp(-T^2/2) times that point's peak 1/(2 pi s^2) w.
//
// Method (exact, not binned): within one grid row a kernel of (1 - (d/r)^2)^m is a polynomial of degree 2m in x.
// The row is cut into blocks of columns; each point's polynomial, expanded about the block's centre in units of
// r (so the coefficients stay of order one and no digits are lost), is added to a difference array of
// coefficients at the first column of its chord in that block and removed after the last. A prefix sum and a
// Horner evaluation per cell finish the block. A point thus costs O(r / cell) instead of O((r / cell)^2).
// Triangular and gaussian kernels are evaluated cell by cell over each chord. Which cells a point reaches is
// decided by the same test as a brute-force evaluation, (x_c - x)^2 + (y_c - y)^2 < r^2, so the supports agree
// exactly. Rows are independent and each sums its points in one fixed order, so the result is bit-identical
// for any thread count.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/grid.h"
#include "engine/core/point.h"
#include "engine/core/progress.h"

namespace hotspot {

enum class KdeKernel { kQuartic, kEpanechnikov, kTriweight, kTriangular, kUniform, kGaussian };

// "quartic" (also "biweight"), "epanechnikov", "triweight", "triangular", "uniform", "gaussian".
// Throws std::invalid_argument listing the choices.
KdeKernel parse_kde_kernel(std::string_view name);
std::string to_string(KdeKernel kernel);

// The value of the kernel at distance d for a unit weight (density per square CRS unit), exactly as defined
// above. `bandwidth_crs` is the radius r, or sigma for the gaussian. Used by tests as the brute-force reference.
double kde_kernel_value(KdeKernel kernel, double d_squared, double bandwidth_crs, double support_crs);

struct KdeOptions {
  KdeKernel kernel = KdeKernel::kQuartic;
  double radius_crs = 0.0;               // support radius r (compact kernels), CRS units
  double sigma_crs = 0.0;                // gaussian standard deviation, CRS units
  double gaussian_truncation_sigmas = 8.0;  // gaussian support = this * sigma
  int threads = 0;                       // 0 = hardware concurrency
  // Cells where mask[cell] == 0 are nodata (NaN) in the result; empty = every cell is computed.
  std::vector<uint8_t> mask;
};

// The support radius in CRS units: radius_crs, or truncation * sigma for the gaussian.
double kde_support_crs(const KdeOptions& options);

// Throws std::invalid_argument for a non-positive or non-finite radius/sigma/truncation, or a grid without cells.
void validate_kde_options(const KdeOptions& options, const GridSpec& grid);

// Density (weight per square CRS unit) at every cell centre of `grid`. Points outside the grid still contribute
// to the cells they reach. Reports progress per row on `progress` ("kernel density").
Raster kernel_density(PointSpan points, const GridSpec& grid, const KdeOptions& options,
                      Progress* progress = nullptr);

// Reference implementation: every point against every cell in its bounding square, direct formula. Slow;
// used by tests and benchmarks to check kernel_density.
Raster kernel_density_brute_force(PointSpan points, const GridSpec& grid, const KdeOptions& options);

// Output units of a density surface.
enum class DensityUnit { kPerSquareMile, kPerSquareKilometre, kCountPerCell, kPerSquareCrsUnit };

// "per-sq-mile", "per-sq-km", "count-per-cell" (also "per-sq-crs-unit"); throws std::invalid_argument.
DensityUnit parse_density_unit(std::string_view name);
std::string to_string(DensityUnit unit);
// A readable label for metadata and reports, e.g. "incidents per square mile", "expected incidents per cell".
std::string density_unit_label(DensityUnit unit, const std::string& what = "incidents");
// The factor turning weight per square CRS unit into `unit` (crs_unit_m: metres per CRS unit).
double kde_scale_factor(DensityUnit unit, double crs_unit_m, double cell_size_crs);

// Multiplies every non-NaN value by `factor`.
void scale_raster(Raster& raster, double factor);

}  // namespace hotspot
