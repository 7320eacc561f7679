#include "cli/commands/geocode_command.h"

#include "engine/core/text.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/record_accounting.h"
#include "geo/write/atomic_output.h"
#include "geo/read/csv_reader.h"
#include "geo/read/ingest.h"
#include "geo/write/vector_writer.h"

namespace fs = std::filesystem;

namespace hotspot::cli {

namespace {


std::string csv_escape(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

}  // namespace

ReferenceSource parse_reference_spec(const std::string& spec) {
  ReferenceSource s;
  std::string rest = spec;
  std::string query;
  if (const size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (const size_t eq = rest.find('='); eq != std::string::npos && eq > 0 && rest.find('/') > eq) {
    try {
      s.kind = parse_reference_kind(rest.substr(0, eq));
      rest = rest.substr(eq + 1);
    } catch (const std::invalid_argument&) {
      if (!fs::exists(rest)) throw;  // neither a kind nor a file named with '='
    }
  }
  if (rest.empty()) throw std::invalid_argument("--reference '" + spec + "': no path");
  s.path = rest;
  std::stringstream qs(query);
  std::string kv;
  while (std::getline(qs, kv, '&')) {
    if (kv.empty()) continue;
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
      throw std::invalid_argument("--reference '" + spec + "': '" + kv + "' is not key=value");
    const std::string k = lower(kv.substr(0, eq)), v = kv.substr(eq + 1);
    if (k == "layer") s.layer = v;
    else if (k == "crs" || k == "source_crs") s.source_crs = v;
    else if (k == "x") s.x_column = v;
    else if (k == "y") s.y_column = v;
    else s.fields[k] = v;  // roles are checked when the reference is loaded
  }
  return s;
}

int run_geocode(const GeocodeCommandOptions& o, std::ostream& out, std::ostream& err) {
  if (o.references.empty()) throw std::invalid_argument("geocode needs at least one --reference");
  if (o.address_columns.empty()) throw std::invalid_argument("geocode needs --address-col");
  if (o.output_path.empty()) throw std::invalid_argument("geocode needs -o OUTPUT");
  std::vector<ReferenceSource> refs;
  for (const std::string& r : o.references) refs.push_back(parse_reference_spec(r));

  const std::string out_ext = lower(fs::path(o.output_path).extension().string());
  const bool csv_out = out_ext == ".csv";
  if (!csv_out) (void)vector_driver_for(o.output_path);  // throws for an unknown extension, before any work
  std::string rejects_path = o.rejects_path;
  if (rejects_path.empty()) {
    fs::path p(o.output_path);
    rejects_path = (p.parent_path() / (p.stem().string() + ".rejects.csv")).string();
  }
  // Refuse existing outputs before the work, not after.
  AtomicOutput out_file(o.output_path, o.overwrite);
  if (!o.overwrite && fs::exists(rejects_path))
    throw std::runtime_error(rejects_path + " already exists (use --overwrite to replace it)");

  const Crs crs = o.analysis_crs.empty() ? default_analysis_crs(refs.front()) : Crs::from_user_input(o.analysis_crs);
  Geocoder g(crs, o.geocoder);
  std::vector<ReferenceLoadReport> reports;
  for (const ReferenceSource& r : refs) reports.push_back(g.load(r));
  size_t computed = 0;
  if (o.compute_intersections && g.index().segment_count() > 1) computed = g.compute_centreline_intersections();
  g.finalize();

  AttributeTable t = read_attribute_table(o.input_path, o.layer, o.delimiter);
  std::vector<int> cols;
  for (const std::string& c : o.address_columns) {
    int idx = -1;
    for (size_t i = 0; i < t.header.size(); ++i)
      if (lower(t.header[i]) == lower(c)) idx = static_cast<int>(i);
    if (idx < 0) {
      std::string have;
      for (const std::string& h : t.header) have += (have.empty() ? "" : ", ") + h;
      throw std::runtime_error(o.input_path + ": address column '" + c + "' not found; the header has: " + have);
    }
    cols.push_back(idx);
  }

  RecordAccounting acc;
  IngestResult rejects;  // only header + rejects are used, for write_rejects_csv
  rejects.header = t.header;
  rejects.source_path = o.input_path;
  std::map<std::string, int64_t> by_type, by_reason;
  std::vector<std::pair<size_t, GeocodeResult>> placed;
  std::string column_label;
  for (size_t i = 0; i < cols.size(); ++i) column_label += (i ? "+" : "") + t.header[static_cast<size_t>(cols[i])];
  for (size_t ri = 0; ri < t.rows.size(); ++ri) {
    AttributeTable::Row& row = t.rows[ri];
    acc.add_input();
    if (!row.error.empty()) {
      acc.reject(reason::kMalformedRow);
      by_reason[reason::kMalformedRow] += 1;
      RejectedRecord rr;
      rr.source_row = row.row;
      rr.reason = reason::kMalformedRow;
      rr.detail = row.error;
      rr.fields = row.fields;
      rejects.rejects.push_back(std::move(rr));
      continue;
    }
    std::string text;
    for (int c : cols)
      if (static_cast<size_t>(c) < row.fields.size()) text += (text.empty() ? "" : " ") + row.fields[static_cast<size_t>(c)];
    GeocodeResult r = g.geocode(text);
    if (!r.placed()) {
      acc.reject(reason::kNotGeocoded);
      by_reason[r.reason_code] += 1;
      RejectedRecord rr;
      rr.source_row = row.row;
      rr.reason = reason::kNotGeocoded;
      rr.column = column_label;
      rr.detail = std::string(r.reason_code) + ": " + r.reason;
      rr.fields = row.fields;
      rejects.rejects.push_back(std::move(rr));
      continue;
    }
    acc.accept();
    by_type[to_string(r.type)] += 1;
    placed.emplace_back(ri, std::move(r));
  }
  if (!acc.balanced()) throw std::logic_error("geocode: record accounting does not balance: " + acc.summary());

  // ---- Outputs.
  const std::vector<std::string> extra = {"gc_x", "gc_y", "gc_lon", "gc_lat", "match_type", "match_score",
                                          "match_ref_id", "match_ties", "matched_address", "match_detail"};
  auto lonlat = [&](const GeocodeResult& r) {
    double lon = NAN, lat = NAN;
    if (!g.to_lonlat(r.point.x, r.point.y, lon, lat)) lon = lat = NAN;
    return std::pair{lon, lat};
  };
  if (csv_out) {
    std::ofstream f(out_file.temp_path(), std::ios::binary);
    if (!f) throw std::runtime_error(o.output_path + ": cannot write");
    for (size_t i = 0; i < t.header.size(); ++i) f << (i ? "," : "") << csv_escape(t.header[i]);
    for (const std::string& e : extra) f << (t.header.empty() ? "" : ",") << e;
    f << "\n" << std::setprecision(10);
    for (const auto& [ri, r] : placed) {
      const AttributeTable::Row& row = t.rows[ri];
      for (size_t i = 0; i < t.header.size(); ++i) f << (i ? "," : "") << csv_escape(i < row.fields.size() ? row.fields[i] : "");
      const auto [lon, lat] = lonlat(r);
      f << "," << r.point.x << "," << r.point.y << "," << lon << "," << lat << "," << to_string(r.type) << ","
        << r.score << "," << csv_escape(r.ref_id) << "," << r.ties << "," << csv_escape(r.matched) << ","
        << csv_escape(r.detail) << "\n";
    }
    f.flush();
    if (!f) throw std::runtime_error(o.output_path + ": write failed (disk full?)");
    f.close();
    out_file.commit();
  } else {
    VectorLayer layer;
    layer.name = fs::path(o.output_path).stem().string();
    layer.kind = GeometryKind::kPoint;
    for (const std::string& h : t.header) layer.fields.push_back({h, FieldType::kString});
    for (const std::string& e : extra) {
      if (e == "gc_x" || e == "gc_y" || e == "gc_lon" || e == "gc_lat") layer.fields.push_back({e, FieldType::kReal});
      else if (e == "match_score" || e == "match_ties") layer.fields.push_back({e, FieldType::kInteger});
      else layer.fields.push_back({e, FieldType::kString});
    }
    for (const auto& [ri, r] : placed) {
      VectorFeature feat;
      feat.geometry = PointGeometry{r.point.x, r.point.y};
      const AttributeTable::Row& row = t.rows[ri];
      for (size_t i = 0; i < t.header.size(); ++i) feat.values.emplace_back(i < row.fields.size() ? row.fields[i] : "");
      const auto [lon, lat] = lonlat(r);
      feat.values.emplace_back(r.point.x);
      feat.values.emplace_back(r.point.y);
      feat.values.emplace_back(lon);
      feat.values.emplace_back(lat);
      feat.values.emplace_back(std::string(to_string(r.type)));
      feat.values.emplace_back(static_cast<int64_t>(r.score));
      feat.values.emplace_back(r.ref_id);
      feat.values.emplace_back(static_cast<int64_t>(r.ties));
      feat.values.emplace_back(r.matched);
      feat.values.emplace_back(r.detail);
      layer.features.push_back(std::move(feat));
    }
    VectorWriteOptions vo;
    vo.path = o.output_path;
    vo.overwrite = o.overwrite;
    write_vector(layer, crs, vo);
  }
  write_rejects_csv(rejects, rejects_path, o.overwrite);

  // ---- Summary.
  const int64_t n = acc.records_in();
  const double rate = n > 0 ? static_cast<double>(acc.accepted()) / static_cast<double>(n) : 0.0;
  auto pct = [&](int64_t k) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << (n > 0 ? 100.0 * static_cast<double>(k) / static_cast<double>(n) : 0.0) << " %";
    return s.str();
  };
  const bool warn = n > 0 && rate < o.warn_below_rate;
  std::ostringstream warning;
  if (warn)
    warning << "match rate " << pct(acc.accepted()) << " is below " << std::fixed << std::setprecision(0)
            << 100.0 * o.warn_below_rate
            << " %: maps and hotspots built from these points may mislead (unplaced records are not random); "
               "see the rejects file";
  if (o.json) {
    nlohmann::ordered_json j;
    j["input"] = o.input_path;
    j["analysis_crs"] = crs.authority_code().empty() ? crs.name() : crs.authority_code();
    j["references"] = nlohmann::json::array();
    for (const ReferenceLoadReport& r : reports)
      j["references"].push_back({{"path", r.path}, {"kind", to_string(r.kind)}, {"features", r.features_in},
                                 {"loaded", r.loaded}, {"skipped", r.skipped}, {"fields", r.fields_used}});
    j["computed_intersections"] = computed;
    j["records_in"] = n;
    j["placed"] = acc.accepted();
    j["rejected"] = acc.rejected_total();
    j["match_rate"] = rate;
    j["placed_by_type"] = by_type;
    j["rejected_by_reason"] = by_reason;
    j["output"] = o.output_path;
    j["rejects"] = rejects_path;
    j["warnings"] = nlohmann::json::array();
    if (warn) j["warnings"].push_back(warning.str());
    out << j.dump(2) << "\n";
  } else {
    out << "input:      " << o.input_path << " (" << n << " records, address from " << column_label << ")\n";
    out << "crs:        " << crs.describe() << "\n";
    for (const ReferenceLoadReport& r : reports) {
      out << "reference:  " << r.summary() << "\n";
      for (const std::string& w : r.warnings) out << "  note: " << w << "\n";
    }
    if (computed) out << "reference:  " << computed << " intersections computed from the centrelines\n";
    out << "placed:     " << acc.accepted() << " of " << n << " (" << pct(acc.accepted()) << ")\n";
    for (const char* type : {"address_point", "range", "block", "intersection"}) {
      const int64_t k = by_type.count(type) ? by_type.at(type) : 0;
      out << "  " << std::left << std::setw(16) << type << std::right << std::setw(8) << k << "  " << pct(k) << "\n";
    }
    out << "not placed: " << acc.rejected_total() << " (" << pct(acc.rejected_total()) << ")\n";
    for (const auto& [why, k] : by_reason)
      out << "  " << std::left << std::setw(26) << why << std::right << std::setw(8) << k << "  " << pct(k) << "\n";
    out << "output:     " << o.output_path << "\n";
    out << "rejects:    " << rejects_path << " (" << rejects.rejects.size() << " rows)\n";
  }
  if (warn) err << "hotspot: warning: " << warning.str() << "\n";
  return kExitOk;
}

void register_geocode(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<GeocodeCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "geocode", "Place records from their addresses (blocks, intersections, house numbers) against offline reference data");
  sub->footer(
      "Reference: --reference [KIND=]PATH[?role=COLUMN&...], repeatable. KIND: address_points, centrelines,\n"
      "intersections, gazetteer (default: detected). Roles: id, number, street, address, pre_dir, name, type,\n"
      "post_dir, left_from, left_to, right_from, right_to, intersection, location; also layer=, crs=, x=, y=.\n"
      "Examples:\n"
      "  hotspot geocode old.csv --address-col LOCATION --reference 'intersections=cdot_signals.csv?intersection=UNITDESC'\n"
      "      --reference gazetteer=cmpd_incidents_sample.csv --hundred-blocks -o placed.csv\n"
      "  hotspot geocode calls.csv --address-col ADDRESS --reference 'centrelines=tl_2023_37119_addrfeat.shp' -o calls.gpkg");
  sub->add_option("input", o->input_path, "Records to place: CSV or any OGR table")->required();
  sub->add_option("--layer", o->layer, "Layer name in a multi-layer input");
  sub->add_option("--delimiter", o->delimiter, "CSV delimiter (default: detected)");
  sub->add_option("--address-col", o->address_columns,
                  "Address column (repeat to join several, e.g. number and street)")->required();
  sub->add_option("--reference", o->references, "Reference data (see below), repeatable")->required();
  sub->add_option("-o,--output", o->output_path, "Placed records: .csv, .geojson or .gpkg")->required();
  sub->add_option("--rejects", o->rejects_path, "Unplaced records with reasons (default: <output stem>.rejects.csv)");
  sub->add_option("--crs,--analysis-crs", o->analysis_crs,
                  "Projected CRS of the output points (default: the first reference's, or its UTM zone)");
  sub->add_option("--min-score", o->geocoder.min_score, "Reject matches scoring below this (0-100)")
      ->capture_default_str()->check(CLI::Range(0, 100));
  sub->add_option("--side-offset-m", o->geocoder.side_offset_m, "Set house numbers off the centreline by this many metres")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  sub->add_option("--tie-cluster-m", o->geocoder.tie_cluster_m,
                  "Tied candidates within this many metres are placed at their centroid; farther ties are rejected")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  sub->add_flag("--hundred-blocks", o->geocoder.hundreds_are_blocks,
                "Read numbers that are multiples of 100 as hundred blocks (CMPD LOCATION: '7900 NATIONS FORD RD')");
  sub->add_option("--block-span", o->geocoder.gazetteer_max_interpolation_span,
                  "Gazetteer: interpolate between known blocks at most this many house numbers apart")->capture_default_str();
  sub->add_option("--block-extrapolation", o->geocoder.gazetteer_max_extrapolation,
                  "Gazetteer: use the nearest known block up to this many house numbers beyond the known ones")->capture_default_str();
  sub->add_flag("!--no-computed-intersections", o->compute_intersections,
                "Do not compute intersections from centrelines");
  sub->add_flag("--overwrite", o->overwrite, "Replace existing output files");
  sub->add_flag("--json", o->json, "Print the summary as JSON");
  sub->callback([o, &action]() { action = [o]() { return run_geocode(*o, std::cout, std::cerr); }; });
}

}  // namespace hotspot::cli
