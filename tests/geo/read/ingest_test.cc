#include "geo/read/ingest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "engine/core/timestamp.h"
#include "geo/gdal/gdal_handles.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::TempDir;

const char* kHeader = "id,LONGITUDE_PUBLIC,LATITUDE_PUBLIC,DATE_REPORTED,HIGHEST_NIBRS_DESCRIPTION\n";

const RejectedRecord* find_reject(const IngestResult& r, int64_t row) {
  for (const auto& rej : r.rejects)
    if (rej.source_row == row) return &rej;
  return nullptr;
}

TEST(IngestTest, BundledCmpdSampleEveryRowAccountedFor) {
  IngestOptions o;
  o.input_path = testing::charlotte("cmpd_incidents_sample.csv");
  o.analysis_crs = "EPSG:2264";
  o.kept_columns = {"X_COORD_PUBLIC", "Y_COORD_PUBLIC"};
  IngestResult r = ingest(o);
  EXPECT_EQ(r.accounting.records_in(), 5000);
  EXPECT_TRUE(r.accounting.balanced());
  EXPECT_EQ(r.accounting.accepted() + r.accounting.rejected_total(), 5000);
  EXPECT_EQ(r.x_column, "LONGITUDE_PUBLIC");
  EXPECT_EQ(r.date_column, "DATE_REPORTED");
  EXPECT_EQ(r.category_column, "HIGHEST_NIBRS_DESCRIPTION");
  EXPECT_EQ(r.analysis_crs->authority_code(), "EPSG:2264");
  ASSERT_GT(r.records.size(), 4900u);
  // The projected points reproduce CMPD's own X/Y_COORD_PUBLIC (EPSG:2264) to well under a foot.
  const int xc = 23, yc = 25;  // X_COORD_PUBLIC, Y_COORD_PUBLIC
  ASSERT_EQ(r.header[xc], "X_COORD_PUBLIC");
  ASSERT_EQ(r.header[yc], "Y_COORD_PUBLIC");
  double worst = 0.0;
  for (const IngestedRecord& rec : r.records) {
    const double dx = rec.point.x - std::stod(rec.fields[xc]);
    const double dy = rec.point.y - std::stod(rec.fields[yc]);
    worst = std::max(worst, std::hypot(dx, dy));
  }
  EXPECT_LT(worst, 1.5);  // CMPD publishes X/Y rounded to whole feet and lon/lat to 6 decimals (~0.4 ft)
  EXPECT_EQ(year_of_ms(*r.min_time_ms), 2017);
  EXPECT_GE(year_of_ms(*r.max_time_ms), 2025);
}

TEST(IngestTest, BadRowsLandInRejectsWithReasons) {
  TempDir d;
  const auto p = d.write("bad.csv", std::string(kHeader) +
                                         "1,-80.84,35.22,2020-01-01,Assault\n"    // row 1 ok
                                         "2,,35.22,2020-01-01,Assault\n"          // row 2 empty x
                                         "3,-80.84,abc,2020-01-01,Assault\n"      // row 3 text
                                         "4,0,0,2020-01-01,Assault\n"             // row 4 (0,0)
                                         "5,-122.4,37.8,2020-01-01,Assault\n"     // row 5 San Francisco: outside NC
                                         "6,\"-80.84,35.22,2020-01-01,Assault\n"  // row 6 broken quoting (eats the rest)
  );
  IngestOptions o;
  o.input_path = p;
  o.analysis_crs = "EPSG:2264";
  IngestResult r = ingest(o);
  EXPECT_EQ(r.accounting.records_in(), 6);
  EXPECT_EQ(r.accounting.accepted(), 1);
  EXPECT_TRUE(r.accounting.balanced());
  ASSERT_NE(find_reject(r, 2), nullptr);
  EXPECT_EQ(find_reject(r, 2)->reason, "missing_coordinate");
  EXPECT_EQ(find_reject(r, 2)->column, "LONGITUDE_PUBLIC");
  EXPECT_EQ(find_reject(r, 3)->reason, "unparseable_coordinate");
  EXPECT_EQ(find_reject(r, 3)->column, "LATITUDE_PUBLIC");
  EXPECT_EQ(find_reject(r, 4)->reason, "zero_coordinate");
  EXPECT_EQ(find_reject(r, 5)->reason, "outside_crs_area");
  EXPECT_EQ(find_reject(r, 6)->reason, "malformed_row");
  EXPECT_NE(find_reject(r, 6)->detail.find("line 7"), std::string::npos) << find_reject(r, 6)->detail;
  // The rejects file keeps the row, reason and raw values.
  write_rejects_csv(r, d.file("rejects.csv"), false);
  const std::string text = testing::read_file(d.file("rejects.csv"));
  EXPECT_NE(text.find("3,unparseable_coordinate,LATITUDE_PUBLIC"), std::string::npos) << text;
  EXPECT_NE(text.find(",abc,"), std::string::npos);
}

// An input column named like one of the rejects file's own (another department's "reason", say) is renamed, so no
// two columns of the rejects file share a name; its values stay under the new name.
TEST(IngestTest, RejectsFileColumnsAreUnique) {
  EXPECT_EQ(rejects_header({"x", "Reason", "detail", "reason", "input_reason", "y"}),
            (std::vector<std::string>{"source_file", "source_row", "reason", "column", "detail", "x", "input_Reason",
                                      "input_detail", "input_reason_2", "input_input_reason", "y"}));
  TempDir d;
  const auto p = d.write("r.csv", "x,y,reason,column\n1450000,540000,a,b\nfoo,540000,c,d\n");
  IngestOptions o;
  o.input_path = p;
  o.x_column = "x";
  o.y_column = "y";
  o.source_crs = "EPSG:2264";
  IngestResult r = ingest(o);
  write_rejects_csv(r, d.file("rejects.csv"), false);
  EXPECT_EQ(testing::read_file(d.file("rejects.csv")),
            "source_file,source_row,reason,column,detail,x,y,input_reason,input_column\n" + p +
                ",2,unparseable_coordinate,x,value 'foo' is not a finite number,foo,540000,c,d\n");
}

// A selected category that no record has is a warning with the closest values of the data, not a silent empty
// selection; a category that matches stays silent.
TEST(IngestTest, UnmatchedCategoryWarnsWithTheClosestValues) {
  IngestOptions o;
  o.input_path = testing::charlotte("cmpd_incidents_sample.csv");
  o.analysis_crs = "EPSG:2264";
  o.categories = {"Agravated Assault", "robbery"};
  IngestResult r = ingest(o);
  std::vector<std::string> about;
  for (const std::string& w : r.warnings)
    if (w.find("category '") != std::string::npos) about.push_back(w);
  ASSERT_EQ(about.size(), 1u) << (about.empty() ? "" : about[0]);
  EXPECT_EQ(about[0], "category 'Agravated Assault' matches no record in HIGHEST_NIBRS_DESCRIPTION; did you mean "
                      "'Aggravated Assault'?");
  EXPECT_GT(r.accounting.accepted(), 0);  // the robberies
}

TEST(IngestTest, NonFiniteAndSwappedCoordinates) {
  TempDir d;
  const auto p = d.write("nf.csv", std::string(kHeader) +
                                        "1,NaN,35.2,2020-01-01,A\n"
                                        "2,-80.8,inf,2020-01-01,A\n"
                                        "3,35.2,-80.8,2020-01-01,A\n");  // lat/lon swapped
  IngestOptions o;
  o.input_path = p;
  o.analysis_crs = "EPSG:2264";
  IngestResult r = ingest(o);
  EXPECT_EQ(r.accounting.accepted(), 0);
  EXPECT_EQ(find_reject(r, 1)->reason, "non_finite_coordinate");
  EXPECT_EQ(find_reject(r, 2)->reason, "non_finite_coordinate");
  EXPECT_EQ(find_reject(r, 3)->reason, "outside_crs_area");
  EXPECT_NE(find_reject(r, 3)->detail.find("swapped"), std::string::npos) << find_reject(r, 3)->detail;
}

// The test's own reading of the bundled CSV (quoted fields with commas; no embedded newlines in this file), so the
// expected counts do not come from the reader under test.
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') quoted = !quoted;
    else if (ch == ',' && !quoted) out.emplace_back();
    else if (ch != '\r') out.back() += ch;
  }
  return out;
}

std::vector<std::vector<std::string>> bundled_rows(const std::vector<std::string>& columns) {
  std::ifstream in(testing::charlotte("cmpd_incidents_sample.csv"));
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split_csv_line(line);
  std::vector<size_t> at;
  for (const std::string& c : columns) at.push_back(static_cast<size_t>(std::find(header.begin(), header.end(), c) - header.begin()));
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = split_csv_line(line);
    EXPECT_EQ(f.size(), header.size()) << line;
    std::vector<std::string>& row = rows.emplace_back();
    for (size_t k : at) row.push_back(k < f.size() ? f[k] : "");
  }
  return rows;
}

TEST(IngestTest, DateFilterKeepsExactlyTheRowsOf2020) {
  // DATE_REPORTED is epoch ms; 2020 in UTC is [date -u -d 2020-01-01 +%s, date -u -d 2021-01-01 +%s) seconds.
  const int64_t from_ms = 1577836800LL * 1000, to_ms = 1609459200LL * 1000;
  const auto rows = bundled_rows({"DATE_REPORTED"});
  ASSERT_EQ(rows.size(), 5000u);
  int64_t expected = 0;
  for (const auto& row : rows) {
    const int64_t t = std::stoll(row[0]);
    expected += t >= from_ms && t < to_ms;
  }
  EXPECT_EQ(expected, 542);  // the count the independent reading gives; the reader below must agree
  IngestOptions o;
  o.input_path = testing::charlotte("cmpd_incidents_sample.csv");
  o.analysis_crs = "EPSG:2264";
  o.date_from = "2020-01-01";
  o.date_to = "2020-12-31";
  IngestResult r = ingest(o);
  EXPECT_TRUE(r.accounting.balanced());
  for (const auto& rec : r.records) EXPECT_EQ(year_of_ms(*rec.time_ms), 2020);
  EXPECT_EQ(r.accounting.accepted(), expected);
  EXPECT_EQ(r.accounting.rejected_by_reason().at("filtered_date"), 5000 - expected);
}

TEST(IngestTest, CategoryFilterIsExactAndCaseInsensitive) {
  std::map<std::string, int64_t> by_category;
  for (const auto& row : bundled_rows({"HIGHEST_NIBRS_DESCRIPTION"})) by_category[row[0]] += 1;
  const int64_t expected = by_category["Simple Assault"] + by_category["Aggravated Assault"];
  EXPECT_EQ(expected, 612);
  IngestOptions o;
  o.input_path = testing::charlotte("cmpd_incidents_sample.csv");
  o.analysis_crs = "EPSG:2264";
  o.categories = {"simple assault", " AGGRAVATED assault "};  // the file writes "Simple Assault", "Aggravated Assault"
  IngestResult c = ingest(o);
  EXPECT_TRUE(c.accounting.balanced());
  EXPECT_EQ(c.accounting.accepted(), expected);
  EXPECT_EQ(c.accounting.rejected_by_reason().at("filtered_category"), 5000 - expected);
  for (const auto& rec : c.records) EXPECT_TRUE(rec.category == "Simple Assault" || rec.category == "Aggravated Assault");
  // A category is matched whole, not as a substring: "assault" alone names no category in the file.
  o.categories = {"assault"};
  EXPECT_EQ(ingest(o).accounting.accepted(), by_category["assault"]);
}

TEST(IngestTest, UsDatesAreFiltered) {
  TempDir d;
  const auto p = d.write("us.csv", std::string(kHeader) +
                                       "1,-80.84,35.22,12/31/2019 11:59 PM,A\n"  // the last minute before the range
                                       "2,-80.84,35.22,1/1/2020 12:00 AM,A\n"    // midnight: first instant kept
                                       "3,-80.84,35.22,06/15/2020,A\n"
                                       "4,-80.84,35.22,12/31/2020 11:59:59 PM,A\n"  // last second of the range
                                       "5,-80.84,35.22,1/1/2021 12:00 AM,A\n"
                                       "6,-80.84,35.22,02/30/2020,A\n"    // no such day
                                       "7,-80.84,35.22,3/5/2020 13:05 PM,A\n");  // no such hour
  IngestOptions o;
  o.input_path = p;
  o.analysis_crs = "EPSG:2264";
  o.date_from = "1/1/2020";
  o.date_to = "12/31/2020";
  IngestResult r = ingest(o);
  EXPECT_TRUE(r.accounting.balanced());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].source_row, 2);
  EXPECT_EQ(*r.records[0].time_ms, 1577836800LL * 1000);  // date -u -d 2020-01-01 +%s
  EXPECT_EQ(r.records[1].source_row, 3);
  EXPECT_EQ(*r.records[1].time_ms, 1592179200LL * 1000);  // date -u -d 2020-06-15 +%s
  EXPECT_EQ(r.records[2].source_row, 4);
  EXPECT_EQ(*r.records[2].time_ms, 1609459199LL * 1000);  // date -u -d '2020-12-31 23:59:59' +%s
  EXPECT_EQ(find_reject(r, 1)->reason, "filtered_date");
  EXPECT_EQ(find_reject(r, 5)->reason, "filtered_date");
  EXPECT_EQ(find_reject(r, 6)->reason, "unparseable_date");
  EXPECT_EQ(find_reject(r, 7)->reason, "unparseable_date");
}

TEST(IngestTest, MissingCoordinateColumnsIsAClearError) {
  TempDir d;
  const auto p = d.write("nocoords.csv", "a,b\n1,2\n");
  IngestOptions o;
  o.input_path = p;
  try {
    ingest(o);
    FAIL();
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("nocoords.csv"), std::string::npos);
    EXPECT_NE(msg.find("no coordinate columns"), std::string::npos);
  }
}

TEST(IngestTest, ProjectedColumnsNeedACrs) {
  TempDir d;
  const auto p = d.write("xy.csv", "X_COORD_PUBLIC,Y_COORD_PUBLIC\n1433326,513430\n");
  IngestOptions o;
  o.input_path = p;
  EXPECT_THROW(ingest(o), std::runtime_error);
  o.source_crs = "EPSG:2264";
  IngestResult r = ingest(o);
  EXPECT_EQ(r.accounting.accepted(), 1);
  EXPECT_EQ(r.analysis_crs->authority_code(), "EPSG:2264");
  EXPECT_DOUBLE_EQ(r.records[0].point.x, 1433326);
}

TEST(IngestTest, LonLatWithoutAnalysisCrsChoosesUtm) {
  TempDir d;
  const auto p = d.write("ll.csv", "lon,lat\n-80.84,35.22\n-80.80,35.25\n");
  IngestOptions o;
  o.input_path = p;
  IngestResult r = ingest(o);
  EXPECT_EQ(r.analysis_crs->authority_code(), "EPSG:32617");
  EXPECT_NE(r.crs_note.find("UTM"), std::string::npos);
  EXPECT_TRUE(r.analysis_crs->is_projected());
}

// Writes the bundled CSV's points to another OGR format with GDAL's own CSV driver (an independent reader).
std::string convert_with_gdal(const std::string& driver, const std::string& out) {
  ensure_gdal();
  const char* open_opts[] = {"X_POSSIBLE_NAMES=LONGITUDE_PUBLIC", "Y_POSSIBLE_NAMES=LATITUDE_PUBLIC", "KEEP_GEOM_COLUMNS=NO", nullptr};
  GdalDatasetPtr src(GDALDataset::Open(testing::charlotte("cmpd_incidents_sample.csv").c_str(), GDAL_OF_VECTOR, nullptr, open_opts, nullptr));
  EXPECT_TRUE(src);
  OGRLayer* in = src->GetLayer(0);
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
  GdalDatasetPtr dst(drv->Create(out.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference wgs;
  wgs.importFromEPSG(4326);
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* lay = dst->CreateLayer("incidents", &wgs, wkbPoint, nullptr);
  OGRFieldDefn id("INCIDENT_ID", OFTString);
  OGRFieldDefn nibrs("NIBRS", OFTString);
  lay->CreateField(&id);
  lay->CreateField(&nibrs);
  for (OgrFeaturePtr f(in->GetNextFeature()); f; f.reset(in->GetNextFeature())) {
    OgrFeaturePtr o(OGRFeature::CreateFeature(lay->GetLayerDefn()));
    o->SetField("INCIDENT_ID", f->GetFieldAsString("INCIDENT_REPORT_ID"));
    o->SetField("NIBRS", f->GetFieldAsString("HIGHEST_NIBRS_DESCRIPTION"));
    o->SetGeometry(f->GetGeometryRef());
    EXPECT_EQ(lay->CreateFeature(o.get()), OGRERR_NONE);
  }
  return out;
}

TEST(IngestTest, ShapefileAndGeoJsonGiveTheSameCounts) {
  TempDir d;
  for (const auto& [driver, name] : {std::pair<std::string, std::string>{"ESRI Shapefile", "inc.shp"}, {"GeoJSON", "inc.geojson"}}) {
    const std::string path = convert_with_gdal(driver, d.file(name));
    IngestOptions o;
    o.input_path = path;
    o.analysis_crs = "EPSG:2264";
    o.category_column = "NIBRS";
    IngestResult r = ingest(o);
    EXPECT_EQ(r.accounting.records_in(), 5000) << name;
    EXPECT_EQ(r.accounting.accepted(), 5000) << name;
    EXPECT_TRUE(r.accounting.balanced());
    EXPECT_EQ(r.x_column, "(geometry)");
    EXPECT_EQ(r.category_counts.size() > 10, true);
  }
}

TEST(IngestTest, ShapefileWithoutPrjNeedsSourceCrs) {
  TempDir d;
  const std::string shp = convert_with_gdal("ESRI Shapefile", d.file("noprj.shp"));
  std::filesystem::remove(d.file("noprj.prj"));
  IngestOptions o;
  o.input_path = shp;
  try {
    ingest(o);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no CRS"), std::string::npos) << e.what();
  }
  o.source_crs = "EPSG:4326";
  o.analysis_crs = "EPSG:2264";
  EXPECT_EQ(ingest(o).accounting.accepted(), 5000);
}

// ---- The same records as CSV, GeoPackage and Esri JSON FeatureSet must give the same answer.

struct SampleRow {
  std::string id, lon, lat, date_ms, category;
};

// The bundled rows (the test's own reading), with three coordinate defects: row 10 without coordinates, row 20 at
// (0, 0), row 30 in San Francisco (outside EPSG:2264's area of use).
std::vector<SampleRow> sample_with_defects() {
  std::vector<SampleRow> out;
  for (const auto& f : bundled_rows({"INCIDENT_REPORT_ID", "LONGITUDE_PUBLIC", "LATITUDE_PUBLIC", "DATE_REPORTED",
                                     "HIGHEST_NIBRS_DESCRIPTION"}))
    out.push_back({f[0], f[1], f[2], f[3], f[4]});
  out[9].lon = out[9].lat = "";
  out[19].lon = out[19].lat = "0";
  out[29].lon = "-122.4", out[29].lat = "37.8";
  return out;
}

std::string write_sample_csv(const std::vector<SampleRow>& rows, const std::string& path) {
  std::ofstream out(path);
  out << "INCIDENT_REPORT_ID,LONGITUDE_PUBLIC,LATITUDE_PUBLIC,DATE_REPORTED,HIGHEST_NIBRS_DESCRIPTION\n";
  for (const SampleRow& r : rows) out << r.id << ',' << r.lon << ',' << r.lat << ',' << r.date_ms << ",\"" << r.category << "\"\n";
  return path;
}

// GeoPackage through GDAL's C++ API; the date is a real DateTime field (UTC), split by the C library's gmtime_r.
std::string write_sample_gpkg(const std::vector<SampleRow>& rows, const std::string& path) {
  ensure_gdal();
  GdalDatasetPtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference wgs;
  wgs.importFromEPSG(4326);
  OGRLayer* lay = ds->CreateLayer("incidents", &wgs, wkbPoint, nullptr);
  for (const auto& [name, type] : {std::pair{"INCIDENT_REPORT_ID", OFTString}, {"DATE_REPORTED", OFTDateTime},
                                   {"HIGHEST_NIBRS_DESCRIPTION", OFTString}}) {
    OGRFieldDefn def(name, type);
    lay->CreateField(&def);
  }
  ds->StartTransaction();
  for (const SampleRow& r : rows) {
    OgrFeaturePtr f(OGRFeature::CreateFeature(lay->GetLayerDefn()));
    f->SetField("INCIDENT_REPORT_ID", r.id.c_str());
    const time_t secs = static_cast<time_t>(std::stoll(r.date_ms) / 1000);
    std::tm t{};
    gmtime_r(&secs, &t);
    f->SetField("DATE_REPORTED", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, 100);
    f->SetField("HIGHEST_NIBRS_DESCRIPTION", r.category.c_str());
    if (!r.lon.empty()) f->SetGeometryDirectly(new OGRPoint(std::stod(r.lon), std::stod(r.lat)));
    EXPECT_EQ(lay->CreateFeature(f.get()), OGRERR_NONE);
  }
  ds->CommitTransaction();
  return path;
}

// An Esri JSON FeatureSet written as text (GDAL's ESRIJSON driver only reads); dates are esriFieldTypeDate, epoch
// ms as ArcGIS REST services return them; a row without coordinates has no geometry.
std::string write_sample_esri_json(const std::vector<SampleRow>& rows, const std::string& path) {
  std::ofstream out(path);
  out << "{\"geometryType\":\"esriGeometryPoint\",\"spatialReference\":{\"wkid\":4326},\"fields\":["
         "{\"name\":\"INCIDENT_REPORT_ID\",\"type\":\"esriFieldTypeString\"},"
         "{\"name\":\"DATE_REPORTED\",\"type\":\"esriFieldTypeDate\"},"
         "{\"name\":\"HIGHEST_NIBRS_DESCRIPTION\",\"type\":\"esriFieldTypeString\"}],\"features\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const SampleRow& r = rows[i];
    out << (i ? "," : "") << "{\"attributes\":{\"INCIDENT_REPORT_ID\":\"" << r.id << "\",\"DATE_REPORTED\":" << r.date_ms
        << ",\"HIGHEST_NIBRS_DESCRIPTION\":\"" << r.category << "\"}";
    if (!r.lon.empty()) out << ",\"geometry\":{\"x\":" << r.lon << ",\"y\":" << r.lat << "}";
    out << "}";
  }
  out << "]}";
  return path;
}

IngestResult ingest_sample(const std::string& path) {
  IngestOptions o;
  o.input_path = path;
  o.analysis_crs = "EPSG:2264";
  o.date_column = "DATE_REPORTED";
  o.category_column = "HIGHEST_NIBRS_DESCRIPTION";
  o.date_from = "2020-01-01";
  o.date_to = "2022-12-31";
  o.categories = {"Simple Assault", "Aggravated Assault", "Theft From Motor Vehicle", "All Other Thefts"};
  return ingest(o);
}

TEST(IngestTest, GeoPackageAndEsriJsonGiveTheCsvsPointsAndReasons) {
  TempDir d;
  const std::vector<SampleRow> rows = sample_with_defects();
  ASSERT_EQ(rows.size(), 5000u);
  // Expected accepted rows, from the rows themselves: no defect, reported in [date -u -d 2020-01-01 +%s,
  // date -u -d 2023-01-01 +%s) and one of the four categories.
  int64_t expected = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t t = std::stoll(rows[i].date_ms);
    const std::string& c = rows[i].category;
    expected += i != 9 && i != 19 && i != 29 && t >= 1577836800LL * 1000 && t < 1672531200LL * 1000 &&
                (c == "Simple Assault" || c == "Aggravated Assault" || c == "Theft From Motor Vehicle" || c == "All Other Thefts");
  }
  const IngestResult csv = ingest_sample(write_sample_csv(rows, d.file("s.csv")));
  EXPECT_EQ(csv.accounting.accepted(), expected);
  EXPECT_EQ(find_reject(csv, 10)->reason, "missing_coordinate");
  EXPECT_EQ(find_reject(csv, 20)->reason, "zero_coordinate");
  EXPECT_EQ(find_reject(csv, 30)->reason, "outside_crs_area");
  const auto& by = csv.accounting.rejected_by_reason();
  EXPECT_GT(by.at("filtered_date"), 0);
  EXPECT_GT(by.at("filtered_category"), 0);
  for (const std::string& path : {write_sample_gpkg(rows, d.file("s.gpkg")), write_sample_esri_json(rows, d.file("s.json"))}) {
    SCOPED_TRACE(path);
    const IngestResult r = ingest_sample(path);
    EXPECT_EQ(r.x_column, "(geometry)");
    EXPECT_EQ(r.accounting.records_in(), 5000);
    EXPECT_EQ(r.accounting.rejected_by_reason(), by);
    ASSERT_EQ(r.records.size(), csv.records.size());
    for (size_t i = 0; i < r.records.size(); ++i) {
      EXPECT_EQ(r.records[i].source_row, csv.records[i].source_row);
      EXPECT_NEAR(r.records[i].point.x, csv.records[i].point.x, 1e-6);
      EXPECT_NEAR(r.records[i].point.y, csv.records[i].point.y, 1e-6);
      EXPECT_EQ(r.records[i].time_ms, csv.records[i].time_ms);
      EXPECT_EQ(r.records[i].category, csv.records[i].category);
    }
    ASSERT_EQ(r.rejects.size(), csv.rejects.size());
    for (size_t i = 0; i < r.rejects.size(); ++i) {
      EXPECT_EQ(r.rejects[i].source_row, csv.rejects[i].source_row);
      EXPECT_EQ(r.rejects[i].reason, csv.rejects[i].reason) << "row " << r.rejects[i].source_row;
    }
  }
}

TEST(IngestTest, StudyAreaRejectsOutsidePoints) {
  IngestOptions o;
  o.input_path = testing::charlotte("cmpd_incidents_sample.csv");
  o.analysis_crs = "EPSG:2264";
  o.study_area_path = testing::charlotte("police_divisions/CMPD_Police_Divisions.shp");
  IngestResult r = ingest(o);
  EXPECT_TRUE(r.accounting.balanced());
  // Divisions cover nearly all of CMPD's jurisdiction; a handful of points may fall outside.
  EXPECT_GT(r.accounting.accepted(), 4900);
  const auto& by = r.accounting.rejected_by_reason();
  const int64_t outside = by.count("outside_study_area") ? by.at("outside_study_area") : 0;
  EXPECT_EQ(r.accounting.accepted() + outside, 5000);
}

}  // namespace
}  // namespace hotspot

namespace hotspot {
namespace {

TEST(IngestMultiFileTest, HeaderThatChangesBetweenFilesIsMatchedByName) {
  TempDir d;
  const auto a = d.write("2019.csv", "id,lon,lat,NIBRS\n1,-80.84,35.22,Robbery\n2,-80.80,35.25,Theft\n");
  // The next year's export reorders columns, drops NIBRS and adds a column.
  const auto b = d.write("2020.csv", "lat,lon,id,NEWCOL\n35.21,-80.83,3,x\nabc,-80.8,4,y\n");
  IngestOptions o;
  o.input_path = a;
  o.additional_inputs = {b};
  o.analysis_crs = "EPSG:2264";
  o.kept_columns = {"id"};
  IngestResult r = ingest(o);
  EXPECT_EQ(r.accounting.records_in(), 4);
  EXPECT_EQ(r.accounting.accepted(), 3);
  EXPECT_TRUE(r.accounting.balanced());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[2].fields[0], "3");  // id moved to its own column
  EXPECT_NEAR(r.records[2].lat, 35.21, 1e-9);
  EXPECT_EQ(r.records[2].source_file, 1);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].source_file, 1);
  EXPECT_EQ(r.rejects[0].source_row, 2);
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || (w.find("2020.csv: header differs") != std::string::npos &&
                                                         w.find("missing (left empty): NIBRS") != std::string::npos &&
                                                         w.find("extra (ignored): NEWCOL") != std::string::npos);
  EXPECT_TRUE(warned);
  write_rejects_csv(r, d.file("rej.csv"), false);
  EXPECT_NE(testing::read_file(d.file("rej.csv")).find(b + ",2,unparseable_coordinate,lat"), std::string::npos)
      << testing::read_file(d.file("rej.csv"));
}

// Names match ignoring case, spaces, hyphens and underscores, between the files of one export too, and the
// respelt columns are reported.
TEST(IngestMultiFileTest, ColumnsSpeltDifferentlyAreMatchedAndReported) {
  TempDir d;
  const auto a = d.write("m1.csv", "Incident_ID,X_Coord,Y_Coord\n1,1450000,540000\n");
  const auto b = d.write("m2.csv", "incident id,XCoord,Y-COORD\n2,1451000,541000\n");
  IngestOptions o;
  o.input_path = a;
  o.additional_inputs = {b};
  o.source_crs = "EPSG:2264";
  o.kept_columns = {"Incident_ID"};
  IngestResult r = ingest(o);
  ASSERT_EQ(r.accounting.accepted(), 2);
  EXPECT_EQ(r.records[1].fields[0], "2");
  EXPECT_DOUBLE_EQ(r.records[1].point.x, 1451000.0);
  bool warned = false;
  for (const auto& w : r.warnings)
    warned = warned || (w.find("m2.csv: header differs") != std::string::npos &&
                           w.find("spelt differently (matched ignoring case, spaces, - and _): incident id = Incident_ID, "
                                  "XCoord = X_Coord, Y-COORD = Y_Coord") != std::string::npos);
  EXPECT_TRUE(warned) << (r.warnings.empty() ? "" : r.warnings[0]);
}

// The coordinate names other departments' exports use are detected without --x-col/--y-col.
TEST(IngestTest, DetectsCoordinateColumnsOfOtherExports) {
  struct Case {
    const char* header;
    const char* row;
    const char* x;
  };
  for (const Case& c : {Case{"XCoord,YCoord,id", "1450000,540000,1", "XCoord"},
                        Case{"id,X-Coord,Y-Coord", "1,1450000,540000", "X-Coord"},
                        Case{"POINT_X,POINT_Y", "1450000,540000", "POINT_X"},
                        Case{"Lon_,Lat_", "-80.84,35.22", "Lon_"},
                        Case{"Longitude,Latitude", "-80.84,35.22", "Longitude"},
                        Case{"lng,lat", "-80.84,35.22", "lng"}}) {
    TempDir d;
    IngestOptions o;
    o.input_path = d.write("in.csv", std::string(c.header) + "\n" + c.row + "\n");
    if (std::string(c.row).rfind("1450000", 0) == 0 || std::string(c.row).find(",1450000") != std::string::npos)
      o.source_crs = "EPSG:2264";
    o.analysis_crs = "EPSG:2264";
    IngestResult r = ingest(o);
    EXPECT_EQ(r.accounting.accepted(), 1) << c.header;
    EXPECT_EQ(r.x_column, c.x) << c.header;
  }
}

TEST(IngestMultiFileTest, FileMissingANeededColumnIsAnErrorNamingIt) {
  TempDir d;
  const auto a = d.write("a.csv", "lon,lat\n-80.84,35.22\n");
  const auto b = d.write("b.csv", "longitude_x,lat\n-80.84,35.22\n");
  IngestOptions o;
  o.input_path = a;
  o.additional_inputs = {b};
  try {
    ingest(o);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("b.csv: column 'lon'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hotspot
