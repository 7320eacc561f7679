// The map furniture's measures against independent formulas: the scale bar's ground length against a spherical
// haversine on the inverse Web Mercator, true north in NC State Plane against the Lambert conformal conic's
// meridian convergence, and the scale bar's choice against a brute-force search of the 1-2-5 series.
#include "geo/map/map_furniture.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/gdal/crs.h"

namespace hotspot {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kR = 6378137.0;  // Web Mercator's sphere

double rad(double deg) { return deg * kPi / 180; }

// Spherical great-circle distance (mean Earth radius); differs from the WGS 84 geodesic by well under 0.5 %.
double haversine_m(double lon1, double lat1, double lon2, double lat2) {
  const double a = std::pow(std::sin(rad(lat2 - lat1) / 2), 2) +
                   std::cos(rad(lat1)) * std::cos(rad(lat2)) * std::pow(std::sin(rad(lon2 - lon1) / 2), 2);
  return 2 * 6371008.8 * std::asin(std::sqrt(a));
}

double mercator_lat(double y) { return (2 * std::atan(std::exp(y / kR)) - kPi / 2) * 180 / kPi; }

TEST(MapFurnitureTest, GroundScaleMatchesAHaversineInWebMercator) {
  // Charlotte, about 30 km across, 1,600 x 1,200 pixels.
  const PictureFrame f{{-9015000, 4180000, -8975000, 4210000}, 1600, 1200};
  const Crs merc = Crs::from_user_input("EPSG:3857");
  for (double row : {0.0, 600.0, 1199.0}) {
    const double y = f.extent.max_y - row / f.height_px * f.extent.height();
    const double lat = mercator_lat(y);
    const double want = haversine_m(f.extent.min_x / kR * 180 / kPi, lat, f.extent.max_x / kR * 180 / kPi, lat) / f.width_px;
    EXPECT_NEAR(ground_metres_per_px(f, merc, row) / want, 1.0, 0.005) << "row " << row;
  }
  // A mercator metre is cos(latitude) ground metres: about 0.817 at 35.2 N.
  EXPECT_NEAR(ground_metres_per_px(f, merc, 600) / (f.extent.width() / f.width_px), std::cos(rad(35.2)), 0.003);
}

// NC State Plane (EPSG:2264) is a Lambert conformal conic with standard parallels 34 20' and 36 10' and central
// meridian 79 W; meridians converge by n * (lon - lon0), with n from the two standard parallels (spherical formula),
// so north at Charlotte (80.84 W, west of the central meridian) leans clockwise by about 1.07 degrees.
TEST(MapFurnitureTest, NorthInNcStatePlaneFollowsTheMeridianConvergence) {
  const double p1 = rad(34 + 20.0 / 60), p2 = rad(36 + 10.0 / 60);
  const double n = std::log(std::cos(p1) / std::cos(p2)) / std::log(std::tan(kPi / 4 + p2 / 2) / std::tan(kPi / 4 + p1 / 2));
  const Crs sp = Crs::from_user_input("EPSG:2264");
  const CrsTransform to_sp(Crs::from_user_input("EPSG:4326"), sp);
  for (double lon : {-80.84, -79.0, -77.5}) {
    double x = lon, y = 35.2;
    ASSERT_TRUE(to_sp.transform(x, y));
    const PictureFrame f{{x - 5000, y - 5000, x + 5000, y + 5000}, 100, 100};
    const double got = north_bearing_deg(f, sp, 50, 50);
    EXPECT_NEAR(got, -n * (lon + 79.0), 0.01) << lon;
  }
  const PictureFrame merc{{-9015000, 4180000, -8975000, 4210000}, 800, 600};
  EXPECT_NEAR(north_bearing_deg(merc, Crs::from_user_input("EPSG:3857"), 700, 40), 0.0, 1e-6);
}

// The 1-2-5 series by brute force: every candidate from 1e-3 to 1e6 in the unit, the largest whose bar fits.
ScaleBarChoice brute_force_bar(double mpp, double max_px, double unit_m) {
  ScaleBarChoice best;
  for (int e = -3; e <= 6; ++e)
    for (double k : {1.0, 2.0, 5.0}) {
      const double v = k * std::pow(10.0, e), px = v * unit_m / mpp;
      if (px <= max_px * (1 + 1e-12) && v > best.value) best = {px, v * unit_m, v, ""};
    }
  return best;
}

TEST(MapFurnitureTest, ScaleBarIsTheLargestOneTwoFiveThatFits) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> log_mpp(-1.0, 3.0), len(80, 600);
  for (int i = 0; i < 2000; ++i) {
    const double mpp = std::pow(10.0, log_mpp(rng)), max_px = len(rng);
    for (ScaleUnits u : {ScaleUnits::miles_feet, ScaleUnits::kilometres_metres}) {
      const ScaleBarChoice got = choose_scale_bar(mpp, max_px, u);
      const bool us = u == ScaleUnits::miles_feet;
      const double big_m = us ? 1609.344 : 1000.0, small_m = us ? 0.3048 : 1.0;
      const bool small = mpp * max_px / big_m < (us ? 0.1 : 1.0);
      const ScaleBarChoice want = brute_force_bar(mpp, max_px, small ? small_m : big_m);
      EXPECT_EQ(got.unit, small ? (us ? "ft" : "m") : (us ? "mi" : "km"));
      EXPECT_DOUBLE_EQ(got.value, want.value) << mpp << " m/px, " << max_px << " px";
      EXPECT_NEAR(got.length_px, want.length_px, 1e-9 * want.length_px);
      EXPECT_LE(got.length_px, max_px * (1 + 1e-12));
      EXPECT_GT(got.length_px, max_px * 0.4);  // the next step up (at most 2.5x) would not fit
    }
  }
}

// The scale bar drawn: its dark half spans the chosen length's first half in pixels, in ink, in the bar's row.
TEST(MapFurnitureTest, ScaleBarIsDrawnAtItsLength) {
  const PictureFrame f{{-9015000, 4180000, -8975000, 4210000}, 1600, 1200};
  const RgbaImage blank(f.width_px, f.height_px, {244, 242, 238, 255});
  FurnitureLayout l;
  const RgbaImage img = draw_map_furniture(blank, f, Crs::from_user_input("EPSG:3857"), MapFurniture{}, &l);
  ASSERT_GT(l.scale_bar_px, 100);
  EXPECT_LE(l.scale_bar_px, 1600 * 0.22);
  EXPECT_EQ(l.scale_label.substr(l.scale_label.size() - 2), "mi");
  EXPECT_NEAR(l.scale_bar_m / l.scale_bar_px, ground_metres_per_px(f, Crs::from_user_input("EPSG:3857"), 1166), 0.05);
  // Inside the bar a row's longest run of ink is the dark half (the rows of its outline run the whole length).
  double longest = 0;
  for (int y = static_cast<int>(l.scale.y); y < l.scale.y + l.scale.h; ++y) {
    int run = 0, row_longest = 0;
    for (int x = static_cast<int>(l.scale.x); x < l.scale.x + l.scale.w; ++x) {
      const Rgba c = img.at(x, y);
      run = (c.r < 60 && c.g < 60 && c.b < 60) ? run + 1 : 0;
      row_longest = std::max(row_longest, run);
    }
    if (row_longest < 0.75 * l.scale_bar_px) longest = std::max(longest, static_cast<double>(row_longest));
  }
  EXPECT_NEAR(longest, l.scale_bar_px / 2, 2.5);
  EXPECT_EQ(l.title.w, 0);   // no title given: no title box
  EXPECT_EQ(l.legend.w, 0);  // no legend given
}

// A legend longer than the picture keeps the blocks that fit and stays inside the picture.
TEST(MapFurnitureTest, LongLegendIsCutToThePicture) {
  const PictureFrame f{{-9015000, 4180000, -8975000, 4210000}, 600, 400};
  MapFurniture m;
  m.title = "A title";
  for (int i = 0; i < 40; ++i) m.legend.push_back({"Layer " + std::to_string(i), {{"entry", "#D62F27", "", ""}}, {}, "", "", "", ""});
  FurnitureLayout l;
  const RgbaImage blank(f.width_px, f.height_px, {244, 242, 238, 255});
  draw_map_furniture(blank, f, Crs::from_user_input("EPSG:3857"), m, &l);
  EXPECT_GT(l.legend_blocks_drawn, 0);
  EXPECT_LT(l.legend_blocks_drawn, 40);
  EXPECT_GE(l.legend.y, l.north.y + l.north.h);
  EXPECT_LE(l.legend.y + l.legend.h, f.height_px);
  // A longer title makes a wider title box: the text is laid out, not a fixed box.
  MapFurniture longer = m;
  longer.title = "A much longer title for the same map";
  FurnitureLayout l2;
  draw_map_furniture(blank, f, Crs::from_user_input("EPSG:3857"), longer, &l2);
  EXPECT_GT(l2.title.w, l.title.w + 50);
}

}  // namespace
}  // namespace hotspot
