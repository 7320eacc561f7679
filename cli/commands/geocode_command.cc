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

#include "cli/pipeline/errors.h"
#include "cli/pipeline/ingest_stage.h"
#include "cli/pipeline/references_stage.h"
#include "cli/pipeline/write_placed_stage.h"
#include "engine/core/record_accounting.h"

namespace fs = std::filesystem;

namespace hotspot::cli {


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

namespace {

std::string default_rejects_path(const GeocodeCommandOptions& o) {
  if (!o.rejects_path.empty()) return o.rejects_path;
  const fs::path p(o.output_path);
  return (p.parent_path() / (p.stem().string() + ".rejects.csv")).string();
}

ReferencesStage::Options references_options(const GeocodeCommandOptions& o) {
  if (o.references.empty()) throw UsageError("geocode needs at least one --reference");
  if (o.address_columns.empty()) throw UsageError("geocode needs --address-col");
  ReferencesStage::Options r;
  for (const std::string& spec : o.references) r.references.push_back(parse_reference_spec(spec));
  r.analysis_crs = o.analysis_crs;
  r.geocoder = o.geocoder;
  r.centreline_crossings = o.compute_intersections ? ReferencesStage::Options::CentrelineCrossings::compute
                                                   : ReferencesStage::Options::CentrelineCrossings::skip;
  r.address_columns = o.address_columns;
  return r;
}

struct GeocodeSummary {
  int64_t n = 0;
  double rate = 0.0;
  std::map<std::string, int64_t> by_type, by_reason;
  std::string warning;  // empty: none
  std::string pct(int64_t k) const {
    return format_fixed(n > 0 ? 100.0 * static_cast<double>(k) / static_cast<double>(n) : 0.0, 1) + " %";
  }
};

GeocodeSummary summarise(const GeocodeCommandOptions& o, const Context& ctx) {
  const RecordAccounting& acc = ctx.records().accounting;
  GeocodeSummary s;
  s.n = acc.records_in();
  s.rate = s.n > 0 ? static_cast<double>(acc.accepted()) / static_cast<double>(s.n) : 0.0;
  for (const auto& [type, k] : ctx.resolver->counts())
    if (type != "none") s.by_type[type] = k;
  s.by_reason = ctx.resolver->reasons();
  for (const auto& [why, k] : acc.rejected_by_reason())
    if (why != reason::kNotGeocoded) s.by_reason[why] += k;
  if (s.n > 0 && s.rate < o.warn_below_rate)
    s.warning = "match rate " + s.pct(acc.accepted()) + " is below " + format_fixed(100.0 * o.warn_below_rate, 0) +
                " %: maps and hotspots built from these points may mislead (unplaced records are not random); "
                "see the rejects file";
  return s;
}

void print_json(const GeocodeCommandOptions& o, const Context& ctx, const GeocodeSummary& s, const std::string& rejects,
                std::ostream& out) {
  const RecordAccounting& acc = ctx.records().accounting;
  const Crs& crs = ctx.geocoder->crs();
  nlohmann::ordered_json j;
  j["input"] = o.input_path;
  j["analysis_crs"] = crs.authority_code().empty() ? crs.name() : crs.authority_code();
  j["references"] = nlohmann::json::array();
  for (const ReferenceLoadReport& r : ctx.references)
    j["references"].push_back({{"path", r.path}, {"kind", to_string(r.kind)}, {"features", r.features_in},
                               {"loaded", r.loaded}, {"skipped", r.skipped}, {"fields", r.fields_used}});
  j["computed_intersections"] = ctx.computed_intersections;
  j["records_in"] = s.n;
  j["placed"] = acc.accepted();
  j["rejected"] = acc.rejected_total();
  j["match_rate"] = s.rate;
  j["placed_by_type"] = s.by_type;
  j["rejected_by_reason"] = s.by_reason;
  j["output"] = o.output_path;
  j["rejects"] = rejects;
  j["warnings"] = nlohmann::json::array();
  if (!s.warning.empty()) j["warnings"].push_back(s.warning);
  out << j.dump(2) << "\n";
}

void print_text(const GeocodeCommandOptions& o, const Context& ctx, const GeocodeSummary& s, const std::string& rejects,
                std::ostream& out) {
  const RecordAccounting& acc = ctx.records().accounting;
  out << "input:      " << o.input_path << " (" << s.n << " records, address from " << ctx.resolver->columns_label() << ")\n";
  out << "crs:        " << ctx.geocoder->crs().describe() << "\n";
  for (const ReferenceLoadReport& r : ctx.references) {
    out << "reference:  " << r.summary() << "\n";
    for (const std::string& w : r.warnings) out << "  note: " << w << "\n";
  }
  if (ctx.computed_intersections)
    out << "reference:  " << ctx.computed_intersections << " intersections computed from the centrelines\n";
  out << "placed:     " << acc.accepted() << " of " << s.n << " (" << s.pct(acc.accepted()) << ")\n";
  for (const char* type : {"address_point", "range", "block", "intersection"}) {
    const int64_t k = s.by_type.count(type) ? s.by_type.at(type) : 0;
    out << "  " << std::left << std::setw(16) << type << std::right << std::setw(8) << k << "  " << s.pct(k) << "\n";
  }
  out << "not placed: " << acc.rejected_total() << " (" << s.pct(acc.rejected_total()) << ")\n";
  for (const auto& [why, k] : s.by_reason)
    out << "  " << std::left << std::setw(26) << why << std::right << std::setw(8) << k << "  " << s.pct(k) << "\n";
  out << "output:     " << o.output_path << "\n";
  out << "rejects:    " << rejects << " (" << acc.rejected_total() << " rows)\n";
}

}  // namespace

int run_geocode(const GeocodeCommandOptions& o, std::ostream& out, std::ostream& err) {
  ReferencesStage references(references_options(o));
  IngestStage::Options io;
  io.ingest.input_path = o.input_path;
  io.ingest.layer = o.layer;
  io.ingest.delimiter = o.delimiter;
  io.ingest.placement = IngestOptions::Placement::by_address;
  io.rejects = default_rejects_path(o);
  io.require_records = false;
  IngestStage ingest_stage(io);
  WritePlacedStage write_placed({o.output_path});
  Context ctx;
  Outputs outputs = Outputs::explicit_paths(o.overwrite ? Overwrite::allow : Overwrite::refuse);
  run_stages({&references, &ingest_stage, &write_placed}, ctx, outputs);
  const GeocodeSummary s = summarise(o, ctx);
  if (o.json) print_json(o, ctx, s, io.rejects, out);
  else print_text(o, ctx, s, io.rejects, out);
  if (!s.warning.empty()) err << "hotspot: warning: " << s.warning << "\n";
  return kExitOk;
}

void register_geocode(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<GeocodeCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "geocode",
      "Offline geocoding of block addresses, intersections and house numbers against address points, centrelines with ranges, named intersections or a block gazetteer learnt from records that have coordinates");
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
