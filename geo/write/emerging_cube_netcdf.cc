#include "geo/write/emerging_cube_netcdf.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include "geo/write/atomic_output.h"

namespace hotspot {

namespace {

using Dims = std::vector<std::shared_ptr<GDALDimension>>;

void fail_if(bool bad, const std::string& path, const std::string& what) {
  if (bad) throw std::runtime_error(path + ": cannot write the netCDF cube (" + what + ")");
}

// A 1-D double coordinate variable over `dim` holding `values`.
void coordinate(GDALGroup& root, const std::shared_ptr<GDALDimension>& dim, const std::vector<double>& values,
                const char* units, const std::string& path) {
  auto var = root.CreateMDArray(dim->GetName(), {dim}, GDALExtendedDataType::Create(GDT_Float64));
  fail_if(!var, path, "coordinate " + dim->GetName());
  const GUInt64 start = 0;
  const size_t count = values.size();
  fail_if(!var->Write(&start, &count, nullptr, nullptr, GDALExtendedDataType::Create(GDT_Float64), values.data()),
          path, "coordinate values");
  var->SetUnit(units);
  dim->SetIndexingVariable(var);
}

// A time x y x x float variable, NaN where the grid cell is not a cube location.
void data_variable(GDALGroup& root, const Dims& dims, const std::string& name, const OGRSpatialReference& srs,
                   const std::vector<float>& values, const std::string& path) {
  auto var = root.CreateMDArray(name, dims, GDALExtendedDataType::Create(GDT_Float32));
  fail_if(!var, path, "variable " + name);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  var->SetNoDataValue(static_cast<double>(nan));
  var->SetSpatialRef(&srs);
  const GUInt64 start[3] = {0, 0, 0};
  const size_t count[3] = {static_cast<size_t>(dims[0]->GetSize()), static_cast<size_t>(dims[1]->GetSize()),
                           static_cast<size_t>(dims[2]->GetSize())};
  fail_if(!var->Write(start, count, nullptr, nullptr, GDALExtendedDataType::Create(GDT_Float32), values.data()), path,
          "values of " + name);
}

}  // namespace

void write_cube_netcdf(const std::string& path, bool overwrite, const AnalysisGrid& grid, const Crs& crs,
                       const SpaceTimeCube& cube, const EmergingResult& result) {
  fail_if(grid.shape() != UnitShape::kSquare, path, "only fishnet cubes");
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("netCDF");
  fail_if(!driver, path, "GDAL has no netCDF driver");
  AtomicOutput out(path, overwrite);
  const size_t steps = cube.steps(), ncols = static_cast<size_t>(grid.ncols()), nrows = static_cast<size_t>(grid.nrows());
  const size_t plane = ncols * nrows;
  std::vector<float> count(steps * plane, std::numeric_limits<float>::quiet_NaN()), z = count, bin = count;
  for (size_t i = 0; i < cube.locations(); ++i)
    for (size_t t = 0; t < steps; ++t) {
      const size_t k = t * plane + static_cast<size_t>(cube.location_unit[i]);  // cell id = row * ncols + col
      count[k] = static_cast<float>(cube.count(i, t));
      z[k] = static_cast<float>(result.gi.z_at(i, t));
      bin[k] = static_cast<float>(result.gi.bin_at(i, t));
    }
  {
    std::unique_ptr<GDALDataset> ds(driver->CreateMultiDimensional(out.temp_path().c_str(), nullptr, nullptr));
    fail_if(!ds, path, CPLGetLastErrorMsg());
    auto root = ds->GetRootGroup();
    Dims dims = {root->CreateDimension("time", GDAL_DIM_TYPE_TEMPORAL, "", steps),
                 root->CreateDimension("y", GDAL_DIM_TYPE_HORIZONTAL_Y, "", nrows),
                 root->CreateDimension("x", GDAL_DIM_TYPE_HORIZONTAL_X, "", ncols)};
    for (const auto& d : dims) fail_if(!d, path, "dimensions");
    std::vector<double> t(steps), y(nrows), x(ncols);
    for (size_t s = 0; s < steps; ++s) t[s] = static_cast<double>(cube.plan.edges_day[s]);
    for (size_t r = 0; r < nrows; ++r) y[r] = grid.centroid(static_cast<int64_t>(r * ncols)).y;
    for (size_t c = 0; c < ncols; ++c) x[c] = grid.centroid(static_cast<int64_t>(c)).x;
    coordinate(*root, dims[0], t, "days since 1970-01-01", path);
    coordinate(*root, dims[1], y, crs.linear_unit_name().c_str(), path);
    coordinate(*root, dims[2], x, crs.linear_unit_name().c_str(), path);
    OGRSpatialReference srs;
    fail_if(srs.importFromWkt(crs.wkt().c_str()) != OGRERR_NONE, path, "CRS");
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    data_variable(*root, dims, "COUNT", srs, count, path);
    data_variable(*root, dims, "GI_ZSCORE", srs, z, path);
    data_variable(*root, dims, "GI_BIN", srs, bin, path);
  }
  out.commit();
}

}  // namespace hotspot
