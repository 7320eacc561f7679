#include "cli/pipeline/shootings_stage.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/pipeline/errors.h"
#include "engine/core/text.h"
#include "engine/disparity/key_join.h"
#include "engine/disparity/value_bands.h"
#include "geo/gdal/crs.h"
#include "geo/read/csv_reader.h"
#include "geo/read/zones.h"
#include "geo/write/atomic_output.h"
#include "geo/write/vector_writer.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {

// One CSV table as read: its header and rows; a malformed row is an error naming the file and line.
struct Table {
  std::string path;
  std::vector<std::string> header;
  std::vector<CsvRecord> rows;

  int column(const std::string& name) const {
    for (size_t c = 0; c < header.size(); ++c)
      if (normalise_key(header[c]) == normalise_key(name)) return static_cast<int>(c);
    return -1;
  }
  int required(const std::string& name) const {
    const int c = column(name);
    if (c < 0) throw std::runtime_error(path + ": no column '" + name + "'");
    return c;
  }
  std::string at(size_t row, int col) const {
    const auto& f = rows[row].fields;
    return col >= 0 && static_cast<size_t>(col) < f.size() ? std::string(f[static_cast<size_t>(col)]) : "";
  }
  std::vector<std::string> values(int col) const {
    std::vector<std::string> out;
    for (size_t r = 0; r < rows.size(); ++r) out.push_back(at(r, col));
    return out;
  }
};

Table read_table(const std::string& path) {
  CsvReader csv(path);
  Table t{path, csv.header(), {}};
  while (auto r = csv.next()) {
    if (!r->error.empty()) throw std::runtime_error(path + ": line " + std::to_string(r->line) + ": " + r->error);
    t.rows.push_back(std::move(*r));
  }
  return t;
}

std::string or_unknown(std::string v) {
  v = std::string(trim(v));
  return v.empty() ? "(not recorded)" : v;
}

// The division of each incident (by its Latitude/Longitude), "(outside every division)" or "(no coordinates)".
std::vector<std::string> divisions(const Table& in, const ShootingsStage::Options& o, std::vector<std::string>& notes,
                                   size_t& located) {
  std::vector<std::string> out(in.rows.size(), "(no division layer)");
  if (o.zones.empty()) return out;
  ZoneLayerOptions zo;
  zo.path = o.zones;
  zo.id_field = o.zone_name;
  zo.name_field = o.zone_name;
  const ZoneLayer zones = ZoneLayer::load(zo, Crs::from_user_input("EPSG:4326"), &notes);
  const int lat = in.required("Latitude"), lon = in.required("Longitude");
  for (size_t r = 0; r < in.rows.size(); ++r) {
    char* end = nullptr;
    const std::string ys = in.at(r, lat), xs = in.at(r, lon);
    const double y = std::strtod(ys.c_str(), &end), x = std::strtod(xs.c_str(), nullptr);
    if (ys.empty() || xs.empty()) {
      out[r] = "(no coordinates)";
      continue;
    }
    const int z = zones.locate(x, y);
    out[r] = z < 0 ? "(outside every division)" : zones.zone(static_cast<size_t>(z)).name;
    located += z >= 0;
  }
  return out;
}

}  // namespace

namespace {

ShootingsTable make_table(const std::string& title, const std::vector<std::string>& rows,
                          const std::vector<std::string>& cols, const std::vector<uint8_t>& keep, int k) {
  ShootingsTable t{title, count_table(rows, cols, keep), {}};
  CellCountTable c;
  c.rows = t.counts.rows().size();
  c.cols = t.counts.cols().size();
  for (size_t r = 0; r < c.rows; ++r)
    for (size_t col = 0; col < c.cols; ++col) c.cells.push_back(t.counts.at(r, col));
  t.hidden = suppress_small_counts(c, k);
  return t;
}

std::string cell_text(const ShootingsTable& t, size_t r, size_t c, int k) {
  switch (t.hidden.status[r * (t.counts.cols().size() + 1) + c]) {
    case Suppressed::no: return std::to_string(t.counts.at(r, c));
    case Suppressed::primary: return "< " + std::to_string(k);
    case Suppressed::complementary: return "suppressed";
  }
  return "";
}

std::string label(const std::vector<std::string>& labels, size_t i) { return i < labels.size() ? labels[i] : "Total"; }

std::string markdown_table(const ShootingsTable& t, int k) {
  std::ostringstream md;
  const auto& rows = t.counts.rows();
  const auto& cols = t.counts.cols();
  md << "### " << t.title << "\n\n|  |";
  for (size_t c = 0; c <= cols.size(); ++c) md << " " << label(cols, c) << " |";
  md << "\n|---|";
  for (size_t c = 0; c <= cols.size(); ++c) md << "---:|";
  md << "\n";
  for (size_t r = 0; r <= rows.size(); ++r) {
    md << "| " << label(rows, r) << " |";
    for (size_t c = 0; c <= cols.size(); ++c) md << " " << cell_text(t, r, c, k) << " |";
    md << "\n";
  }
  return md.str() + "\n";
}

std::string csv_quote(const std::string& v) {
  if (v.find_first_of(",\"\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Every cell and margin of every table, one line each: table,row,column,count,suppressed (count empty when hidden).
std::string csv_tables(const std::vector<ShootingsTable>& tables) {
  std::string csv = "table,row,column,count,suppressed\n";
  for (const ShootingsTable& t : tables)
    for (size_t r = 0; r <= t.counts.rows().size(); ++r)
      for (size_t c = 0; c <= t.counts.cols().size(); ++c) {
        const Suppressed s = t.hidden.status[r * (t.counts.cols().size() + 1) + c];
        csv += csv_quote(t.title) + "," + csv_quote(label(t.counts.rows(), r)) + "," +
               csv_quote(label(t.counts.cols(), c)) + "," + (s == Suppressed::no ? std::to_string(t.counts.at(r, c)) : "") +
               "," + (s == Suppressed::no ? "" : s == Suppressed::primary ? "primary" : "complementary") + "\n";
      }
  return csv;
}

std::string report_markdown(const ShootingsOutcome& r, const ShootingsStage::Options& o) {
  std::ostringstream md;
  md << "# Officer-involved shootings\n\n"
     << r.incidents << " incidents (`" << fs::path(o.incidents).filename().string() << "`), " << r.individuals
     << " individuals shot at (" << r.individuals_joined << " joined to an incident by " << o.key << "), "
     << r.officers << " officers who fired (" << r.officers_joined << " joined). ";
  if (!o.zones.empty()) md << r.incidents_in_a_division << " incidents lie in a division of `" << fs::path(o.zones).filename().string() << "`. ";
  md << "Counts from 1 to " << o.min_count - 1 << " are written \"< " << o.min_count
     << "\", and the counts that would give them back from a total \"suppressed\".\n\n"
     << "These are counts of events, not rates: the tables say nothing about how often officers meet each group, and "
        "a year or division with few shootings moves a lot by chance.\n\n";
  if (!r.unjoined.empty()) {
    md << "## Rows not joined or not placed\n\n";
    for (const std::string& u : r.unjoined) md << "- " << u << "\n";
    md << "\n";
  }
  md << "## Tables\n\n";
  for (const ShootingsTable& t : r.tables) md << markdown_table(t, o.min_count);
  return md.str();
}

}  // namespace

namespace {

// What each child row carries from its incident: the year and the division ("" when it joined none).
struct Joined {
  KeyJoin join;
  std::vector<uint8_t> keep;
  std::vector<std::string> year, division;
};

Joined join_children(const Table& in, const Table& child, const std::string& key, const std::vector<std::string>& div,
                     const std::string& what, std::vector<std::string>& unjoined) {
  Joined j{join_by_key(in.values(in.required(key)), child.values(child.required(key))), {}, {}, {}};
  const int yr = in.required("YR");
  for (size_t c = 0; c < child.rows.size(); ++c) {
    const int64_t p = j.join.parent_of[c];
    j.keep.push_back(p >= 0);
    j.year.push_back(p >= 0 ? or_unknown(in.at(static_cast<size_t>(p), yr)) : "");
    j.division.push_back(p >= 0 ? div[static_cast<size_t>(p)] : "");
    if (p < 0)
      unjoined.push_back(what + " row " + std::to_string(child.rows[c].row) + ": " + key + " '" +
                         child.at(c, child.required(key)) + "' " +
                         (j.join.child_reason[c] == "empty_key" ? "is empty" : "matches no incident"));
  }
  return j;
}

std::vector<std::string> column_values(const Table& t, const std::string& name, std::string (*band)(std::string_view)) {
  std::vector<std::string> out;
  const int c = t.required(name);
  for (size_t r = 0; r < t.rows.size(); ++r) out.push_back(or_unknown(band ? band(t.at(r, c)) : t.at(r, c)));
  return out;
}

VectorLayer incident_points(const Table& in, const std::vector<std::string>& div, const Joined& people,
                            const Joined& officers, const Table& individuals, std::vector<std::string>& left_out) {
  VectorLayer layer;
  layer.name = "shootings";
  layer.kind = GeometryKind::kPoint;
  layer.fields = {{"INCIDENT_ID", FieldType::kString}, {"YEAR_MONTH", FieldType::kString}, {"DIVISION", FieldType::kString},
                  {"INDIVIDUALS", FieldType::kInteger}, {"FATAL", FieldType::kInteger},
                  {"OFFICERS", FieldType::kInteger}, {"DA_REVIEW", FieldType::kString}};
  std::vector<int64_t> fatal(in.rows.size(), 0);
  const int injury = individuals.required("INDIVIDUAL_INJURY_TYPE");
  for (size_t c = 0; c < individuals.rows.size(); ++c)
    if (people.join.parent_of[c] >= 0 && normalise_key(individuals.at(c, injury)) == "FATAL INJURY")
      ++fatal[static_cast<size_t>(people.join.parent_of[c])];
  const int id = in.required("INCIDENT_ID"), ym = in.column("YEAR_MONTH"), da = in.column("DA_LEGAL_REVIEW");
  const int lat = in.required("Latitude"), lon = in.required("Longitude");
  for (size_t r = 0; r < in.rows.size(); ++r) {
    if (in.at(r, lat).empty() || in.at(r, lon).empty()) {  // counted in the report's tables all the same
      left_out.push_back("incidents row " + std::to_string(in.rows[r].row) + ": INCIDENT_ID '" + in.at(r, id) +
                         "' has no coordinates: not in the points layer, counted in the tables");
      continue;
    }
    VectorFeature f;
    f.geometry = PointGeometry{std::stod(in.at(r, lon)), std::stod(in.at(r, lat))};
    f.values = {in.at(r, id), in.at(r, ym), div[r], people.join.children_of[r], fatal[r], officers.join.children_of[r],
                in.at(r, da)};
    layer.features.push_back(std::move(f));
  }
  return layer;
}

}  // namespace

void ShootingsStage::Options::declare(OptionTable& t) {
  t.path("incidents", "Shooting incidents CSV (INCIDENT_ID, YR, YEAR_MONTH, Latitude, Longitude, DA_LEGAL_REVIEW)", incidents);
  t.path("individuals", "Individuals CSV (INCIDENT_ID, INDIVIDUAL_RACE, _GENDER, _AGE, _INJURY_TYPE)", individuals);
  t.path("officers", "Officers CSV (INCIDENT_ID, OFFICER_RACE, OFFICER_GENDER, OFFICER_EXPERIENCE_YEARS)", officers);
  t.text("key", "The column the three tables share", key, "COLUMN");
  t.path("zones", "Division polygons, for the division of each incident and the tables by division", zones);
  t.text("zone_name", "The division polygons' name field", zone_name, "FIELD");
  t.integer("min_count", "k: counts from 1 to k - 1 in the tables are suppressed with their complements", min_count, 1, 1000);
  Option& out = t.path("output", "Incident points (.geojson, .gpkg or .shp)", output);
  out.short_flag = "o";
  out.config = false;
  t.path("report", "Markdown report with the tables (a .csv of every cell goes beside it)", report).config = false;
}

void ShootingsStage::validate(const Outputs& outputs) {
  for (const auto& [flag, v] : {std::pair{"--incidents", &o_.incidents}, {"--individuals", &o_.individuals},
                                {"--officers", &o_.officers}, {"-o", &o_.output}, {"--report", &o_.report}})
    if (v->empty()) throw UsageError(std::string("shootings: give ") + flag);
  if (fs::path(o_.report).extension() != ".md")
    throw UsageError("--report " + o_.report + ": the report is Markdown (.md), its tables' .csv beside it");
  vector_driver_for(o_.output);
  outputs.check_free(o_.output);
  outputs.check_free(o_.report);
}

void ShootingsStage::run(Context& ctx, Outputs& outputs) {
  const Table in = read_table(o_.incidents), people = read_table(o_.individuals), cops = read_table(o_.officers);
  r_ = ShootingsOutcome{};
  r_.incidents = in.rows.size();
  r_.individuals = people.rows.size();
  r_.officers = cops.rows.size();
  const std::vector<std::string> div = divisions(in, o_, ctx.notes, r_.incidents_in_a_division);
  const Joined pj = join_children(in, people, o_.key, div, "individuals", r_.unjoined);
  const Joined oj = join_children(in, cops, o_.key, div, "officers", r_.unjoined);
  r_.individuals_joined = pj.join.matched;
  r_.officers_joined = oj.join.matched;
  for (size_t p : pj.join.duplicate_parents) r_.unjoined.push_back("incidents row " + std::to_string(in.rows[p].row) + ": " + o_.key + " given twice (the first row is used)");
  const auto race = column_values(people, "INDIVIDUAL_RACE", nullptr), sex = column_values(people, "INDIVIDUAL_GENDER", nullptr),
             age = column_values(people, "INDIVIDUAL_AGE", [](std::string_view v) { return age_band(v); }),
             injury = column_values(people, "INDIVIDUAL_INJURY_TYPE", nullptr),
             officer_race = column_values(cops, "OFFICER_RACE", nullptr);
  const int k = o_.min_count;
  r_.tables = {make_table("Individuals by race and year", race, pj.year, pj.keep, k),
               make_table("Individuals by sex and year", sex, pj.year, pj.keep, k),
               make_table("Individuals by age band and year", age, pj.year, pj.keep, k),
               make_table("Individuals by injury and year", injury, pj.year, pj.keep, k),
               make_table("Individuals by race and injury", race, injury, pj.keep, k),
               make_table("Officers by race and year", officer_race, oj.year, oj.keep, k)};
  if (!o_.zones.empty()) {
    r_.tables.push_back(make_table("Individuals by race and division", race, pj.division, pj.keep, k));
    r_.tables.push_back(make_table("Individuals by injury and division", injury, pj.division, pj.keep, k));
  }
  VectorWriteOptions vo;
  vo.path = outputs.path(o_.output, o_.output);
  vo.overwrite = outputs.overwrite_allowed();
  write_vector(incident_points(in, div, pj, oj, people, r_.unjoined), Crs::from_user_input("EPSG:4326"), vo);
  AtomicOutput report(outputs.path(o_.report, o_.report), outputs.overwrite_allowed());
  std::ofstream(report.temp_path(), std::ios::binary) << report_markdown(r_, o_);
  std::ofstream(fs::path(report.temp_path()).replace_extension(".csv"), std::ios::binary) << csv_tables(r_.tables);
  report.commit();
  outputs.record(fs::path(o_.report).replace_extension(".csv").string());
  r_.paths = {vo.path, o_.report};
  ctx.stage_line = std::to_string(r_.incidents) + " incidents, " + std::to_string(r_.individuals_joined) + " of " +
                   std::to_string(r_.individuals) + " individuals and " + std::to_string(r_.officers_joined) + " of " +
                   std::to_string(r_.officers) + " officers joined";
}

}  // namespace hotspot::cli
