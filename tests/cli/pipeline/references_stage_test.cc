// The References stage learns the block gazetteer from the incident records as Ingest reads them (one read of the
// input). Checked against the two-read way it replaced: load the same file as a gazetteer reference first, then
// ingest with a geocoder that already knows every block. Both must place the same records at the same points.
#include <gtest/gtest.h>

#include <fstream>

#include "cli/pipeline/ingest_stage.h"
#include "cli/pipeline/errors.h"
#include "cli/pipeline/references_stage.h"
#include "geo/read/csv_reader.h"
#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

using testing::charlotte;
using testing::TempDir;

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

// The bundled sample with the coordinates of every 7th record blanked: records the geocoder has to place.
std::string sample_with_blank_coordinates(const TempDir& dir, int64_t& blanked) {
  CsvReader reader(charlotte("cmpd_incidents_sample.csv"), {});
  const std::vector<std::string>& h = reader.header();
  std::ofstream out(dir.file("incidents.csv"), std::ios::binary);
  for (size_t i = 0; i < h.size(); ++i) out << (i ? "," : "") << quoted(h[i]);
  out << "\n";
  blanked = 0;
  while (auto rec = reader.next()) {
    if (rec->row % 7 == 0) {
      ++blanked;
      for (size_t i = 0; i < h.size(); ++i)
        if (h[i] == "LONGITUDE_PUBLIC" || h[i] == "LATITUDE_PUBLIC" || h[i] == "X_COORD_PUBLIC" || h[i] == "Y_COORD_PUBLIC")
          rec->fields[i].clear();
    }
    for (size_t i = 0; i < rec->fields.size(); ++i) out << (i ? "," : "") << quoted(rec->fields[i]);
    out << "\n";
  }
  return dir.file("incidents.csv");
}

IngestOptions ingest_options(const std::string& input) {
  IngestOptions io;
  io.input_path = input;
  io.analysis_crs = "EPSG:2264";
  io.date_from = "2021-01-01";  // the gazetteer learns from filtered-out records too, as the reference load did
  return io;
}

TEST(ReferencesStageTest, GazetteerLearntWhileReadingPlacesRecordsAsTheSeparateLoadDid) {
  TempDir dir;
  int64_t blanked = 0;
  const std::string input = sample_with_blank_coordinates(dir, blanked);
  ASSERT_GT(blanked, 600);

  // One read: References (intersections, gazetteer learnt during ingest), then Ingest.
  ReferencesStage::Options ro;
  ro.analysis_crs = "EPSG:2264";
  ro.references = {{ReferenceKind::kIntersections, charlotte("cdot_signals.csv"), "", "", "", "", {{"intersection", "UNITDESC"}}}};
  ro.geocoder.hundreds_are_blocks = true;
  ro.address_columns = {"LOCATION"};
  ro.learn_blocks = ReferencesStage::Options::LearnBlocks::from_input;
  ReferencesStage references(ro);
  IngestStage::Options io;
  io.ingest = ingest_options(input);
  IngestStage ingest_stage(io);
  Context ctx;
  Outputs outputs = Outputs::explicit_paths(Overwrite::refuse);
  run_stages({&references, &ingest_stage}, ctx, outputs);
  const IngestResult& once = ctx.records();

  // Two reads: the file loaded as a gazetteer reference, then ingested with a finished geocoder.
  GeocoderOptions go;
  go.hundreds_are_blocks = true;
  Geocoder g(Crs::from_user_input("EPSG:2264"), go);
  ReferenceSource signals{ReferenceKind::kIntersections, charlotte("cdot_signals.csv"), "", "", "", "", {{"intersection", "UNITDESC"}}};
  g.load(signals);
  ReferenceSource gazetteer{ReferenceKind::kGazetteer, input, "", "", "", "", {{"location", "LOCATION"}}};
  const ReferenceLoadReport loaded = g.load(gazetteer);
  g.finalize();
  GeocodingResolver resolver(g, {"LOCATION"});
  const IngestResult twice = ingest(ingest_options(input), nullptr, &resolver);

  EXPECT_EQ(ctx.resolver->learnt().loaded, loaded.loaded);
  EXPECT_EQ(ctx.resolver->counts(), resolver.counts());
  int64_t placed = 0;
  for (const auto& [type, n] : resolver.counts()) placed += type == "none" ? 0 : n;
  // A blanked record no longer teaches its own block, so only blocks other records share place it (about half here).
  EXPECT_GT(placed, 0);
  EXPECT_EQ(once.accounting.summary(), twice.accounting.summary());
  ASSERT_EQ(once.records.size(), twice.records.size());
  for (size_t i = 0; i < once.records.size(); ++i) {
    SCOPED_TRACE("record " + std::to_string(i));
    EXPECT_EQ(once.records[i].source_row, twice.records[i].source_row);  // input order kept
    EXPECT_EQ(once.records[i].resolved, twice.records[i].resolved);
    EXPECT_EQ(once.records[i].point.x, twice.records[i].point.x);
    EXPECT_EQ(once.records[i].point.y, twice.records[i].point.y);
  }
  ASSERT_EQ(once.rejects.size(), twice.rejects.size());
  for (size_t i = 0; i < once.rejects.size(); ++i) {
    EXPECT_EQ(once.rejects[i].source_row, twice.rejects[i].source_row);
    EXPECT_EQ(once.rejects[i].reason, twice.rejects[i].reason);
  }
  const std::string note = placement_note(*ctx.resolver, "LOCATION");
  EXPECT_EQ(note.rfind(std::to_string(blanked) + " records had no coordinates; " + std::to_string(placed) + " were placed from their LOCATION (", 0), 0u) << note;
}

TEST(ReferencesStageTest, MissingAnalysisCrsIsAUsageErrorBeforeAnyInputIsRead) {
  ReferencesStage references({});
  Outputs outputs = Outputs::explicit_paths(Overwrite::refuse);
  EXPECT_THROW(references.validate(outputs), UsageError);
}

}  // namespace
}  // namespace hotspot::cli
