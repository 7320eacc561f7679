#include "geo/read/ingest.h"

#include <gtest/gtest.h>

#include <cmath>
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

TEST(IngestTest, DateAndCategoryFilters) {
  IngestOptions o;
  o.input_path = testing::charlotte("cmpd_incidents_sample.csv");
  o.analysis_crs = "EPSG:2264";
  o.date_from = "2020-01-01";
  o.date_to = "2020-12-31";
  IngestResult r = ingest(o);
  EXPECT_TRUE(r.accounting.balanced());
  for (const auto& rec : r.records) EXPECT_EQ(year_of_ms(*rec.time_ms), 2020);
  const int64_t in_2020 = r.accounting.accepted();
  EXPECT_GT(in_2020, 400);
  EXPECT_EQ(r.accounting.rejected_by_reason().at("filtered_date"), 5000 - in_2020);

  o.date_from.clear();
  o.date_to.clear();
  o.categories = {"simple assault", "Aggravated Assault"};
  IngestResult c = ingest(o);
  EXPECT_TRUE(c.accounting.balanced());
  EXPECT_GT(c.accounting.accepted(), 100);
  for (const auto& rec : c.records) EXPECT_TRUE(rec.category == "Simple Assault" || rec.category == "Aggravated Assault");
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
