#include "geo/write/geotiff_writer.h"

#include <cmath>
#include <cstdio>
#include <cpl_string.h>
#include <stdexcept>

#include "geo/write/atomic_output.h"
#include "geo/gdal/gdal_handles.h"

namespace hotspot {

void write_geotiff(const Raster& raster, const Crs& crs, const GeoTiffOptions& o) {
  ensure_gdal();
  const GridSpec& g = raster.spec;
  if (g.ncols <= 0 || g.nrows <= 0 || static_cast<int64_t>(raster.values.size()) != g.cell_count())
    throw std::runtime_error(o.path + ": raster has no cells or does not match its grid");
  AtomicOutput out(o.path, o.overwrite);

  // An in-memory dataset over the raster's own buffer (no copy).
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDriver* cog = GetGDALDriverManager()->GetDriverByName("COG");
  if (!mem || !cog) throw std::runtime_error(o.path + ": GDAL lacks the MEM or COG driver");
  GdalDatasetPtr src(mem->Create("", static_cast<int>(g.ncols), static_cast<int>(g.nrows), 0, GDT_Float64, nullptr));
  if (!src) throw std::runtime_error(o.path + ": cannot create an in-memory raster: " + last_gdal_error());
  // (CPLPrintPointer does not NUL-terminate; snprintf does.)
  char ptr[64];
  std::snprintf(ptr, sizeof ptr, "%p", static_cast<const void*>(raster.values.data()));
  CPLStringList band_opts;
  band_opts.SetNameValue("DATAPOINTER", ptr);
  if (src->AddBand(GDT_Float64, band_opts.List()) != CE_None)
    throw std::runtime_error(o.path + ": cannot wrap the raster: " + last_gdal_error());
  double gt[6] = {g.x_min, g.cell_size, 0.0, g.y_max(), 0.0, -g.cell_size};
  src->SetGeoTransform(gt);
  src->SetSpatialRef(&crs.ogr());
  GDALRasterBand* band = src->GetRasterBand(1);
  band->SetNoDataValue(Raster::nodata());
  if (!o.band_unit.empty()) band->SetUnitType(o.band_unit.c_str());
  if (!o.band_description.empty()) band->SetDescription(o.band_description.c_str());
  for (const auto& [k, v] : o.metadata) src->SetMetadataItem(k.c_str(), v.c_str());
  if (!o.band_unit.empty()) band->SetMetadataItem("UNITS", o.band_unit.c_str());

  CPLStringList opts;
  opts.SetNameValue("COMPRESS", "DEFLATE");
  opts.SetNameValue("PREDICTOR", "YES");
  opts.SetNameValue("BLOCKSIZE", std::to_string(o.block_size).c_str());
  opts.SetNameValue("OVERVIEWS", o.overviews ? "AUTO" : "NONE");
  opts.SetNameValue("RESAMPLING", "AVERAGE");
  opts.SetNameValue("BIGTIFF", "IF_SAFER");
  opts.SetNameValue("NUM_THREADS", o.threads > 0 ? std::to_string(o.threads).c_str() : "ALL_CPUS");
  CPLErrorReset();
  GdalDatasetPtr dst(cog->CreateCopy(out.temp_path().c_str(), src.get(), FALSE, opts.List(), nullptr, nullptr));
  if (!dst) throw std::runtime_error(o.path + ": cannot write the GeoTIFF: " + last_gdal_error());
  dst.reset();  // flush and close before the rename
  if (CPLGetLastErrorType() == CE_Failure) throw std::runtime_error(o.path + ": GeoTIFF write failed: " + last_gdal_error());
  out.commit();
}

GeoTiffContents read_geotiff(const std::string& path) {
  GdalDatasetPtr ds = open_raster(path);
  GeoTiffContents c;
  double gt[6];
  if (ds->GetGeoTransform(gt) != CE_None || gt[2] != 0.0 || gt[4] != 0.0 || gt[5] != -gt[1])
    throw std::runtime_error(path + ": not a north-up raster with square cells");
  GridSpec g;
  g.cell_size = gt[1];
  g.ncols = ds->GetRasterXSize();
  g.nrows = ds->GetRasterYSize();
  g.x_min = gt[0];
  g.y_min = gt[3] - static_cast<double>(g.nrows) * g.cell_size;
  c.raster = Raster(g);
  GDALRasterBand* b = ds->GetRasterBand(1);
  if (b->RasterIO(GF_Read, 0, 0, static_cast<int>(g.ncols), static_cast<int>(g.nrows), c.raster.values.data(),
                  static_cast<int>(g.ncols), static_cast<int>(g.nrows), GDT_Float64, 0, 0) != CE_None)
    throw std::runtime_error(path + ": cannot read the band: " + last_gdal_error());
  int has_nodata = 0;
  const double nd = b->GetNoDataValue(&has_nodata);
  if (has_nodata && !std::isnan(nd))
    for (double& v : c.raster.values)
      if (v == nd) v = Raster::nodata();
  if (const OGRSpatialReference* srs = ds->GetSpatialRef())
    if (srs->GetAuthorityName(nullptr) && srs->GetAuthorityCode(nullptr))
      c.crs_authority = std::string(srs->GetAuthorityName(nullptr)) + ":" + srs->GetAuthorityCode(nullptr);
  c.band_unit = b->GetUnitType() ? b->GetUnitType() : "";
  if (char** md = ds->GetMetadata())
    for (int i = 0; md[i]; ++i) {
      char* key = nullptr;
      const char* value = CPLParseNameValue(md[i], &key);
      if (key) c.metadata[key] = value ? value : "";
      CPLFree(key);
    }
  if (const char* l = ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")) c.layout = l;
  if (const char* cm = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")) c.compression = cm;
  c.overviews = b->GetOverviewCount();
  return c;
}

}  // namespace hotspot
