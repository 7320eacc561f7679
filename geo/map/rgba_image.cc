#include "geo/map/rgba_image.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include <cpl_string.h>
#include <cpl_vsi.h>

#include "geo/write/atomic_output.h"
#include "geo/gdal/gdal_handles.h"

namespace hotspot {

RgbaImage::RgbaImage(int w, int h, Rgba fill) : width(w), height(h) {
  if (w <= 0 || h <= 0) throw std::invalid_argument("image size must be positive, got " + std::to_string(w) + "x" + std::to_string(h));
  rgba.resize(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  for (size_t i = 0; i < rgba.size(); i += 4) {
    rgba[i] = fill.r;
    rgba[i + 1] = fill.g;
    rgba[i + 2] = fill.b;
    rgba[i + 3] = fill.a;
  }
}

Rgba RgbaImage::at(int x, int y) const {
  const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
  return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

void RgbaImage::set(int x, int y, Rgba c) {
  const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
  rgba[i] = c.r;
  rgba[i + 1] = c.g;
  rgba[i + 2] = c.b;
  rgba[i + 3] = c.a;
}

void RgbaImage::blend(int x, int y, Rgba c, double opacity) {
  const double sa = (c.a / 255.0) * std::clamp(opacity, 0.0, 1.0);
  if (sa <= 0.0) return;
  const Rgba d = at(x, y);
  const double da = d.a / 255.0;
  const double oa = sa + da * (1.0 - sa);
  auto ch = [&](uint8_t s, uint8_t dst) {
    return static_cast<uint8_t>(std::lround((s * sa + dst * da * (1.0 - sa)) / oa));
  };
  set(x, y, {ch(c.r, d.r), ch(c.g, d.g), ch(c.b, d.b), static_cast<uint8_t>(std::lround(oa * 255.0))});
}

std::string encode_png(const RgbaImage& image) {
  ensure_gdal();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
  if (!mem || !png) throw std::runtime_error("GDAL's MEM or PNG driver is not available");
  GdalDatasetPtr ds(mem->Create("", image.width, image.height, 4, GDT_Byte, nullptr));
  if (!ds) throw std::runtime_error("cannot create an in-memory image: " + last_gdal_error());
  const CPLErr err = ds->RasterIO(GF_Write, 0, 0, image.width, image.height, const_cast<uint8_t*>(image.rgba.data()),
                                  image.width, image.height, GDT_Byte, 4, nullptr, 4, 4 * image.width, 1, nullptr);
  if (err != CE_None) throw std::runtime_error("cannot fill the in-memory image: " + last_gdal_error());
  static int counter = 0;
  const std::string vsi = "/vsimem/hotspot_png_" + std::to_string(reinterpret_cast<uintptr_t>(&image)) + "_" +
                          std::to_string(counter++) + ".png";
  {
    GdalDatasetPtr out(png->CreateCopy(vsi.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    if (!out) throw std::runtime_error("cannot encode PNG: " + last_gdal_error());
  }
  vsi_l_offset len = 0;
  GByte* data = VSIGetMemFileBuffer(vsi.c_str(), &len, TRUE);
  std::string bytes(reinterpret_cast<const char*>(data), static_cast<size_t>(len));
  CPLFree(data);
  VSIUnlink((vsi + ".aux.xml").c_str());
  return bytes;
}

void write_png(const RgbaImage& image, const std::string& path, bool overwrite) {
  const std::string bytes = encode_png(image);
  AtomicOutput out(path, overwrite);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error(path + ": cannot write the PNG");
  }
  out.commit();
}

RgbaImage read_png(const std::string& path) {
  GdalDatasetPtr ds = open_raster(path);
  const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize(), n = ds->GetRasterCount();
  if (n != 1 && n != 3 && n != 4) throw std::runtime_error(path + ": expected 1, 3 or 4 bands, found " + std::to_string(n));
  RgbaImage img(w, h, {0, 0, 0, 255});
  int bands[4] = {1, 2, 3, 4};
  if (n == 1) bands[1] = bands[2] = 1;
  const int nread = n == 4 ? 4 : 3;
  for (int b = 0; b < nread; ++b) {
    if (ds->GetRasterBand(bands[b])->RasterIO(GF_Read, 0, 0, w, h, img.rgba.data() + b, w, h, GDT_Byte, 4, 4 * w,
                                              nullptr) != CE_None)
      throw std::runtime_error(path + ": cannot read band " + std::to_string(bands[b]) + ": " + last_gdal_error());
  }
  return img;
}

std::string png_data_uri(const std::string& png_bytes) {
  char* b64 = CPLBase64Encode(static_cast<int>(png_bytes.size()), reinterpret_cast<const GByte*>(png_bytes.data()));
  std::string out = "data:image/png;base64,";
  out += b64;
  CPLFree(b64);
  return out;
}

}  // namespace hotspot
