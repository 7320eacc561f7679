// The figures of `hotspot run` on the README's main job, recomputed here from the inputs and the run's own layers
// with independent code: incidents counted in each 0.5-mile circle from the input CSV projected by OGR, the density
// averaged over the cells of density.tif whose centre lies in the circle, Gi* hot cells counted from
// gistar_cells.geojson, the uncovered hot spot clusters found by this file's own flood fill, their nearest
// intersection by brute force over cdot_signals.csv and their division and NPA by OGR point-in-polygon.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

constexpr double kGiCellFt = 1000.0;  // gistar.cell_size of charlotte_run.json
constexpr double kSqFtPerSqMile = (1609.344 * kFeetPerMetre) * (1609.344 * kFeetPerMetre);

void figures_config(nlohmann::json& cfg) {
  cfg["gistar"]["permutations"] = 99;  // GiPseudoP only; Gi_Bin and every figure here come from the z-scores
  cfg["map"]["enabled"] = false;       // the maps draw these layers and change no figure (run_outputs_test.cc)
}
using RunFiguresTest = SharedRunTest<figures_config>;

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool near_relative(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b)); }

// A Gi* cell of gistar_cells.geojson on the fishnet's lattice.
struct GiCell {
  double x = 0, y = 0;  // centre, EPSG:2264
  int64_t row = 0, col = 0;
  int bin = 0;
  int64_t count = 0;
  double z = 0;
};

std::vector<GiCell> read_gi_cells(const std::string& path) {
  std::vector<GiCell> cells;
  for (const Feature& f : read_features(path)) {
    OGRPoint c;
    f.geometry->Centroid(&c);
    cells.push_back({c.getX(), c.getY(), 0, 0, static_cast<int>(f.integer("Gi_Bin")), f.integer("Join_Count"), f.real("GiZScore")});
  }
  double x0 = 1e300, ytop = -1e300;
  for (const GiCell& c : cells) x0 = std::min(x0, c.x), ytop = std::max(ytop, c.y);
  // The file's coordinates carry 7 decimals of a degree (about 0.04 ft): place each centre on the lattice whose
  // origin is the mean over all cells, which is exact to well under 0.001 ft.
  double ox = 0, oy = 0;
  for (GiCell& c : cells) {
    c.col = std::llround((c.x - x0) / kGiCellFt);
    c.row = std::llround((ytop - c.y) / kGiCellFt);
    ox += c.x - static_cast<double>(c.col) * kGiCellFt;
    oy += c.y + static_cast<double>(c.row) * kGiCellFt;
  }
  ox /= static_cast<double>(cells.size()), oy /= static_cast<double>(cells.size());
  for (GiCell& c : cells) {
    c.x = ox + static_cast<double>(c.col) * kGiCellFt;
    c.y = oy - static_cast<double>(c.row) * kGiCellFt;
  }
  return cells;
}

double area_sq_ft(const std::string& path) {
  double a = 0;
  for (const Feature& f : read_features(path)) a += f.geometry->toSurface()->get_Area();
  return a;
}

TEST_F(RunFiguresTest, PriorityAreaFiguresMatchAnIndependentComputation) {
  const auto report = nlohmann::json::parse(read_file(file("report.json")));
  const auto centres = priority_centres_ft();
  const std::vector<Incident> incidents = charlotte_incidents();
  std::set<std::string> violent_categories;
  for (const auto& c : run.config()["report"]["violent_categories"]) violent_categories.insert(upper(c));
  int64_t accepted = 0;
  for (const Incident& i : incidents) accepted += i.in_city;
  const double city_sq_ft = area_sq_ft(charlotte("charlotte_city_limits.geojson"));
  const double circle_sq_ft = M_PI * kHalfMileFt * kHalfMileFt;
  const RasterCells density = read_raster(file("density.tif"));
  ASSERT_FALSE(density.values.empty());
  const std::vector<GiCell> gi = read_gi_cells(file("gistar_cells.geojson"));
  const std::vector<Feature> layer = read_features(file("priority_areas.geojson"));
  ASSERT_EQ(report["priority_areas"].size(), centres.size());
  ASSERT_EQ(layer.size(), centres.size());
  const Projector to_ft(4326, 2264);
  for (size_t a = 0; a < centres.size(); ++a) {
    const double cx = centres[a].first, cy = centres[a].second;  // named values: lambdas cannot capture bindings in C++20 clang
    const auto inside = [&](double x, double y) { return std::hypot(x - cx, y - cy) <= kHalfMileFt; };
    const auto& j = report["priority_areas"][a];
    SCOPED_TRACE(j["name"].get<std::string>());
    const auto [rx, ry] = to_ft(j["lon"], j["lat"]);
    EXPECT_LT(std::hypot(rx - cx, ry - cy), 0.01);  // placed on the signal (or between the two ramp signals)
    int64_t n = 0, violent = 0;
    for (const Incident& i : incidents)
      if (i.in_city && inside(i.x, i.y)) ++n, violent += violent_categories.count(upper(i.category));
    double sum = 0, peak = -1;
    int64_t cells = 0;
    for (int r = 0; r < density.nrows; ++r)
      for (int c = 0; c < density.ncols; ++c) {
        const double v = density.values[static_cast<size_t>(r) * density.ncols + c];
        if (std::isnan(v) || !inside(density.centre_x(c), density.centre_y(r))) continue;
        sum += v, peak = std::max(peak, v), ++cells;
      }
    int64_t gi_in = 0, hot90 = 0, hot95 = 0, hot99 = 0;
    for (const GiCell& g : gi)
      if (inside(g.x, g.y)) ++gi_in, hot90 += g.bin >= 1, hot95 += g.bin >= 2, hot99 += g.bin == 3;
    const double share = static_cast<double>(n) / static_cast<double>(accepted);
    const double ratio = share / (circle_sq_ft / city_sq_ft);
    ASSERT_GT(cells, 0);
    const auto& f = j["figures"];
    EXPECT_EQ(f["incidents"], n);
    EXPECT_EQ(f["violent"], violent);
    EXPECT_NEAR(f["share_incidents"].get<double>(), share, 1e-12);
    EXPECT_TRUE(near_relative(f["concentration_ratio"], ratio, 1e-9)) << f["concentration_ratio"] << " vs " << ratio;
    EXPECT_TRUE(near_relative(f["mean_density"], sum / static_cast<double>(cells), 1e-12)) << f["mean_density"];
    EXPECT_TRUE(near_relative(f["peak_density"], peak, 1e-12)) << f["peak_density"];
    EXPECT_EQ(f["gi_cells"], gi_in);
    EXPECT_EQ(f["hot_cells"]["90"], hot90);
    EXPECT_EQ(f["hot_cells"]["95"], hot95);
    EXPECT_EQ(f["hot_cells"]["99"], hot99);
    // The layer carries the same figures.
    const Feature& l = layer[a];
    EXPECT_EQ(l.fields.at("NAME"), j["name"]);
    EXPECT_EQ(l.integer("INCIDENTS"), n);
    EXPECT_EQ(l.integer("VIOLENT"), violent);
    EXPECT_NEAR(l.real("SHARE_INC"), share, 1e-12);
    EXPECT_TRUE(near_relative(l.real("CONC_RATIO"), ratio, 1e-9));
    EXPECT_TRUE(near_relative(l.real("MEAN_DENS"), sum / static_cast<double>(cells), 1e-12));
    EXPECT_TRUE(near_relative(l.real("PEAK_DENS"), peak, 1e-12));
    EXPECT_EQ(l.integer("HOT95"), hot95);
  }
}

// A cluster of flagged cells as this test finds it.
struct Cluster {
  std::vector<const GiCell*> cells;  // in row-major order
  int64_t incidents = 0;
  const GiCell* hottest = nullptr;   // highest z, the first in row-major order on a tie
};

// Significant hot cells (Gi_Bin >= 2) whose centre is outside every circle, grouped by an 8-neighbour flood fill
// (grid_clusters.h: queen contiguity), ranked by incidents, then highest z, then first cell.
std::vector<Cluster> uncovered_clusters(const std::vector<GiCell>& gi, const std::vector<std::pair<double, double>>& centres) {
  std::map<std::pair<int64_t, int64_t>, const GiCell*> flagged;
  for (const GiCell& g : gi) {
    bool covered = false;
    for (const auto& [cx, cy] : centres) covered = covered || std::hypot(g.x - cx, g.y - cy) <= kHalfMileFt;
    if (g.bin >= 2 && !covered) flagged[{g.row, g.col}] = &g;
  }
  std::vector<Cluster> out;
  std::set<std::pair<int64_t, int64_t>> seen;
  for (const auto& [start, cell] : flagged) {  // std::map: row-major order
    if (seen.count(start)) continue;
    Cluster cl;
    std::vector<std::pair<int64_t, int64_t>> todo{start};
    seen.insert(start);
    while (!todo.empty()) {
      const auto [r, c] = todo.back();
      todo.pop_back();
      cl.cells.push_back(flagged.at({r, c}));
      for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
          const std::pair<int64_t, int64_t> n{r + dr, c + dc};
          if (flagged.count(n) && seen.insert(n).second) todo.push_back(n);
        }
    }
    std::sort(cl.cells.begin(), cl.cells.end(),
              [](const GiCell* a, const GiCell* b) { return std::tie(a->row, a->col) < std::tie(b->row, b->col); });
    for (const GiCell* g : cl.cells) {
      cl.incidents += g->count;
      if (!cl.hottest || g->z > cl.hottest->z) cl.hottest = g;
    }
    out.push_back(std::move(cl));
  }
  std::stable_sort(out.begin(), out.end(), [](const Cluster& a, const Cluster& b) {
    if (a.incidents != b.incidents) return a.incidents > b.incidents;
    return a.hottest->z > b.hottest->z;  // the stable sort keeps first-cell order on a full tie
  });
  return out;
}

struct Signal {
  std::string name;
  double x = 0, y = 0;
};

// The signals whose description names two or more streets (joined by _, & or /), projected to EPSG:2264.
std::vector<Signal> intersection_signals() {
  std::vector<Signal> out;
  CsvReader csv(charlotte("cdot_signals.csv"));
  const int x = csv.column("X"), y = csv.column("Y"), name = csv.column("UNITDESC");
  const Projector to_ft(4326, 2264);
  while (auto r = csv.next()) {
    const std::string& n = r->fields[name];
    if (n.find_first_of("_&/") == std::string::npos) continue;
    const auto [px, py] = to_ft(std::stod(r->fields[x]), std::stod(r->fields[y]));
    out.push_back({n, px, py});
  }
  return out;
}

// First word of each street of an intersection name, sorted: "E TRADE ST_N COLLEGE ST" and
// "E TRADE ST & N COLLEGE ST" both give {E, N}; street types may be spelt differently (BV / BLVD).
std::multiset<std::string> street_first_words(const std::string& name) {
  std::multiset<std::string> out;
  std::string s = name;
  for (size_t p; (p = s.find(" & ")) != std::string::npos;) s.replace(p, 3, "_");
  std::replace(s.begin(), s.end(), '&', '_');
  std::istringstream streets(s);
  for (std::string street; std::getline(streets, street, '_');) {
    std::istringstream words(street);
    std::string w;
    if (words >> w) out.insert(upper(w));
  }
  return out;
}

// The name of the zone of `zones` holding (x, y) (boundary included), "(none)" outside all.
std::string zone_at(const std::vector<Feature>& zones, const std::string& field, double x, double y) {
  OGRPoint p(x, y);
  for (const Feature& z : zones)
    if (z.geometry->Intersects(&p)) return z.fields.at(field);
  return "(none)";
}

TEST_F(RunFiguresTest, UncoveredHotspotClustersMatchAnIndependentFloodFill) {
  const auto report = nlohmann::json::parse(read_file(file("report.json")));
  const std::vector<GiCell> gi = read_gi_cells(file("gistar_cells.geojson"));
  ASSERT_FALSE(gi.empty());
  const std::vector<Cluster> expected = uncovered_clusters(gi, priority_centres_ft());
  const std::vector<Feature> layer = read_features(file("hotspot_clusters.geojson"));
  const std::vector<Signal> signals = intersection_signals();
  const std::vector<Feature> divisions = read_features(charlotte("police_divisions/CMPD_Police_Divisions.shp"));
  const std::vector<Feature> npas = read_features(charlotte("neighborhood_profile_areas.geojson"));
  ASSERT_GT(expected.size(), 5u);
  ASSERT_EQ(layer.size(), expected.size());
  ASSERT_EQ(report["uncovered_hotspots"].size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const Cluster& e = expected[i];
    const Feature& f = layer[i];
    const auto& j = report["uncovered_hotspots"][i];
    SCOPED_TRACE("rank " + std::to_string(i + 1));
    EXPECT_EQ(f.integer("RANK"), static_cast<int64_t>(i + 1));
    EXPECT_EQ(f.integer("INCIDENTS"), e.incidents);
    EXPECT_EQ(f.integer("CELLS"), static_cast<int64_t>(e.cells.size()));
    EXPECT_TRUE(near_relative(f.real("AREA_SQMI"), static_cast<double>(e.cells.size()) * kGiCellFt * kGiCellFt / kSqFtPerSqMile, 1e-9));
    EXPECT_DOUBLE_EQ(f.real("MAX_Z"), e.hottest->z);
    const Signal* best = nullptr;
    double best_d = 1e300;
    for (const Signal& s : signals) {
      const double d = std::hypot(s.x - e.hottest->x, s.y - e.hottest->y);
      if (d < best_d) best_d = d, best = &s;
    }
    ASSERT_NE(best, nullptr);
    const double best_international_ft = best_d * (1200.0 / 3937.0) / 0.3048;  // NEAR_FT is in feet of 0.3048 m
    EXPECT_NEAR(f.real("NEAR_FT"), best_international_ft, 1e-3) << best->name;
    EXPECT_EQ(street_first_words(f.fields.at("NEAR_INT")), street_first_words(best->name))
        << f.fields.at("NEAR_INT") << " vs " << best->name;
    EXPECT_EQ(f.fields.at("DIVISION"), zone_at(divisions, "DNAME", e.hottest->x, e.hottest->y));
    EXPECT_EQ(f.fields.at("NPA"), zone_at(npas, "id", e.hottest->x, e.hottest->y));
    // report.json lists the same clusters in the same order.
    EXPECT_EQ(j["rank"], i + 1);
    EXPECT_EQ(j["incidents"], e.incidents);
    EXPECT_EQ(j["cells"], e.cells.size());
    EXPECT_EQ(j["nearest_intersection"], f.fields.at("NEAR_INT"));
    EXPECT_EQ(j["division"], f.fields.at("DIVISION"));
    EXPECT_EQ(j["neighborhood"], f.fields.at("NPA"));
  }
}

}  // namespace
}  // namespace hotspot::testing
