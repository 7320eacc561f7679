// The public run's incident point layer (privacy.point_generalisation): hundred blocks (each point a block reference
// point of the learnt gazetteer with at least k incidents, checked against the bundled incidents grouped by LOCATION's
// block) and donut masking (each point between the stated bounds from an incident and clear of every incident by
// the audit's distance, checked by brute force). Both folders pass check-public; map.html draws the layer; the
// layer's metadata records the profile.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "geo/read/csv_reader.h"
#include "tests/cli/commands/charlotte_run.h"

namespace hotspot::testing {
namespace {

void hundred_blocks(nlohmann::json& c) {
  c["privacy"] = {{"profile", "public"}, {"point_generalisation", "hundred_block"}};
}
void donut(nlohmann::json& c) {
  c["privacy"] = {{"profile", "public"}, {"point_generalisation", "donut"}, {"donut_min", "60m"},
                  {"donut_max", "300m"}, {"donut_seed", 99}};
}

using PublicHundredBlockRunTest = SharedRunTest<hundred_blocks>;
using PublicDonutRunTest = SharedRunTest<donut>;

CommandRun audit(const std::string& dir, const std::string& extra = "") {
  TempDir d;
  return run_hotspot("check-public " + dir + " --incidents " + charlotte("cmpd_incidents_sample.csv") +
                         " --crs EPSG:2264 -q" + extra,
                     d);
}

// The component-wise median of the bundled incidents of each LOCATION (a hundred block, "7900 NATIONS FORD RD"),
// computed here from the CSV: the block points CMPD's records teach the gazetteer.
std::vector<std::pair<double, double>> location_medians() {
  CsvReader csv(charlotte("cmpd_incidents_sample.csv"));
  const int lon = csv.column("LONGITUDE_PUBLIC"), lat = csv.column("LATITUDE_PUBLIC"), loc = csv.column("LOCATION");
  const Projector to_ft(4326, 2264);
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> by;
  while (auto r = csv.next()) {
    const auto [x, y] = to_ft(std::stod(r->fields[lon]), std::stod(r->fields[lat]));
    by[r->fields[loc]].first.push_back(x);
    by[r->fields[loc]].second.push_back(y);
  }
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  };
  std::vector<std::pair<double, double>> out;
  for (const auto& [l, xy] : by) out.emplace_back(median(xy.first), median(xy.second));
  return out;
}

TEST_F(PublicHundredBlockRunTest, PointsAreBlockPointsWithAtLeastKIncidentsAndPassTheAudit) {
  const std::vector<Feature> points = read_features(file("incidents_public.geojson"));
  ASSERT_GT(points.size(), 50u);
  const std::vector<Incident> incidents = charlotte_incidents();
  const std::vector<std::pair<double, double>> blocks = location_medians();
  size_t on_a_block = 0;
  int64_t published = 0;
  for (const Feature& f : points) {
    ASSERT_EQ(f.fields.size(), 1u);  // INCIDENTS only: no field of the records
    EXPECT_GE(f.integer("INCIDENTS"), 3);
    published += f.integer("INCIDENTS");
    const auto* p = f.geometry->toPoint();
    // The audit's rule, by brute force: within 10 m of no incident or of at least k of them.
    size_t near = 0;
    for (const Incident& i : incidents) near += std::hypot(i.x - p->getX(), i.y - p->getY()) <= 10.0 * kFeetPerMetre;
    EXPECT_TRUE(near == 0 || near >= 3) << near << " at " << p->getX() << " " << p->getY();
    for (const auto& [bx, by] : blocks)
      if (std::hypot(bx - p->getX(), by - p->getY()) < 1.0) {
        ++on_a_block;
        break;
      }
  }
  EXPECT_LE(published, static_cast<int64_t>(incidents.size()));
  // The gazetteer merges spellings of a street ("RD", "ROAD") that LOCATION keeps apart, so a few block points are
  // medians over more records than one LOCATION's.
  EXPECT_GE(on_a_block, points.size() * 9 / 10);
  const CommandRun shared = audit(run.out(), " --k-shared");
  EXPECT_EQ(shared.code, 0) << shared.out;
  EXPECT_EQ(audit(run.out()).code, 1);  // without --k-shared the block points coincide with incidents
  const std::string html = read_file(file("map.html"));
  EXPECT_NE(html.find("Incidents (hundred blocks)"), std::string::npos);
}

TEST_F(PublicDonutRunTest, PointsAreDisplacedWithinBoundsClearOfIncidentsAndPassTheAudit) {
  const std::vector<Feature> points = read_features(file("incidents_public.geojson"));
  const std::vector<Incident> incidents = charlotte_incidents();
  ASSERT_GT(points.size(), incidents.size() * 9 / 10);
  const double ft_per_m = kFeetPerMetre;
  for (const Feature& f : points) {
    EXPECT_TRUE(f.fields.empty());
    const auto* p = f.geometry->toPoint();
    double nearest = 1e300;
    for (const Incident& i : incidents) nearest = std::min(nearest, std::hypot(i.x - p->getX(), i.y - p->getY()));
    EXPECT_GT(nearest, 10.0 * ft_per_m);   // clear of every incident by the audit's 10 m
    EXPECT_LE(nearest, 300.0 * ft_per_m + 1.0);  // and no farther from its own than the maximum
  }
  const CommandRun r = audit(run.out());
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(read_file(file("map.html")).find("Incidents (masked)"), std::string::npos);
  const nlohmann::json m = nlohmann::json::parse(read_file(file("manifest.json")));
  EXPECT_NE(m["privacy"]["masking"].get<std::string>().find("between 60m and 300m"), std::string::npos);
  EXPECT_NE(m["privacy"]["masking"].get<std::string>().find("seed 99"), std::string::npos);
  const nlohmann::json layer = nlohmann::json::parse(read_file(file("incidents_public.geojson")));
  EXPECT_EQ(layer["hotspot_privacy"]["profile"], "public");
  EXPECT_EQ(layer["hotspot_privacy"]["masking"], m["privacy"]["masking"]);
}

TEST(PublicPointsRefusalTest, DonutBoundsAndBlockPointsAreCheckedBeforeTheInputIsRead) {
  const std::vector<std::pair<nlohmann::json, std::string>> cases{
      {{{"profile", "public"}, {"point_generalisation", "donut"}, {"donut_min", "8m"}},
       "privacy.donut_min 8m must be above the audit's distance 10m"},
      {{{"profile", "public"}, {"point_generalisation", "donut"}, {"donut_min", "300m"}, {"donut_max", "200m"}},
       "privacy.donut_max 200m must be above donut_min 300m"},
      {{{"profile", "public"}, {"point_generalisation", "hundred_block"}},
       "privacy.point_generalisation hundred_block: needs the geocoder's block reference points"}};
  for (const auto& [privacy, message] : cases) {
    TempDir d;
    nlohmann::json c = charlotte_config(d.file("out"));
    c["geocode"]["learn_blocks"] = false;  // the signals are intersections, not blocks
    c["input"]["path"] = d.file("not_read.csv");
    c["privacy"] = privacy;
    const CommandRun r = run_config(c, d);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace hotspot::testing
