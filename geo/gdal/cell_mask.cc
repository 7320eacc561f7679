#include "geo/gdal/cell_mask.h"

#include <gdal_alg.h>
#include <stdexcept>

#include "geo/gdal/gdal_handles.h"

namespace hotspot {

std::vector<uint8_t> polygon_cell_mask(const ZoneLayer& polygons, const GridSpec& g) {
  ensure_gdal();
  std::vector<uint8_t> mask(static_cast<size_t>(g.cell_count()), 0);
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  if (!mem) throw std::runtime_error("GDAL lacks the MEM driver");
  GdalDatasetPtr ds(mem->Create("", static_cast<int>(g.ncols), static_cast<int>(g.nrows), 0, GDT_Byte, nullptr));
  char ptr[64] = {};  // CPLPrintPointer does not NUL-terminate
  CPLPrintPointer(ptr, mask.data(), sizeof ptr);
  char* opts[] = {const_cast<char*>("DATAPOINTER"), nullptr, nullptr};
  const std::string dp = std::string("DATAPOINTER=") + ptr;
  opts[0] = const_cast<char*>(dp.c_str());
  if (!ds || ds->AddBand(GDT_Byte, opts) != CE_None) throw std::runtime_error("cannot create the mask raster: " + last_gdal_error());
  double gt[6] = {g.x_min, g.cell_size, 0.0, g.y_max(), 0.0, -g.cell_size};
  ds->SetGeoTransform(gt);
  std::vector<OgrGeometryPtr> owned;
  std::vector<OGRGeometryH> geoms;
  std::vector<double> burn;
  for (size_t i = 0; i < polygons.size(); ++i) {
    OGRGeometry* geom = nullptr;
    if (OGRGeometryFactory::createFromWkt(polygons.wkt(i).c_str(), nullptr, &geom) != OGRERR_NONE || !geom) continue;
    owned.emplace_back(geom);
    geoms.push_back(OGRGeometry::ToHandle(geom));
    burn.push_back(1.0);
  }
  int band = 1;
  if (GDALRasterizeGeometries(GDALDataset::ToHandle(ds.get()), 1, &band, static_cast<int>(geoms.size()), geoms.data(),
                              nullptr, nullptr, burn.data(), nullptr, nullptr, nullptr) != CE_None)
    throw std::runtime_error("cannot rasterize the study area: " + last_gdal_error());
  ds.reset();
  return mask;
}

}  // namespace hotspot
