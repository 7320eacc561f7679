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

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"
#include "cli/pipeline/errors.h"
#include "cli/pipeline/write_placed_stage.h"
#include "engine/core/record_accounting.h"

namespace fs = std::filesystem;

namespace hotspot::cli {


namespace {

std::string default_rejects_path(const GeocodeCommandOptions& o) {
  if (!o.rejects.empty()) return o.rejects;
  const fs::path p(o.geocode.output);
  return (p.parent_path() / (p.stem().string() + ".rejects.csv")).string();
}

bool learns_blocks(const GeocodeCommandOptions& o) {
  return o.geocode.references.learn_blocks == ReferencesStage::Options::LearnBlocks::from_input;
}

ReferencesStage::Options references_options(const GeocodeCommandOptions& o) {
  ReferencesStage::Options r = o.geocode.references;
  if (r.references.empty() && !learns_blocks(o))
    throw UsageError("--reference: give at least one (or --learn-blocks to learn blocks from the input)");
  if (r.address_columns.empty()) throw UsageError("--address-col: give the address column");
  r.analysis_crs = o.ingest.analysis_crs;
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
  int64_t placed_by_geocoder = 0;
  for (const auto& [type, k] : ctx.resolver->counts())
    if (type != "none") s.by_type[type] = k, placed_by_geocoder += k;
  if (learns_blocks(o)) s.by_type["coordinates"] = acc.accepted() - placed_by_geocoder;
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
  j["input"] = o.ingest.input_path;
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
  j["output"] = o.geocode.output;
  j["rejects"] = rejects;
  j["warnings"] = nlohmann::json::array();
  if (!s.warning.empty()) j["warnings"].push_back(s.warning);
  out << j.dump(2) << "\n";
}

void print_text(const GeocodeCommandOptions& o, const Context& ctx, const GeocodeSummary& s, const std::string& rejects,
                std::ostream& out) {
  const RecordAccounting& acc = ctx.records().accounting;
  out << "input:      " << o.ingest.input_path << " (" << s.n << " records, address from " << ctx.resolver->columns_label() << ")\n";
  out << "crs:        " << ctx.geocoder->crs().describe() << "\n";
  for (const ReferenceLoadReport& r : ctx.references) {
    out << "reference:  " << r.summary() << "\n";
    for (const std::string& w : r.warnings) out << "  note: " << w << "\n";
  }
  if (ctx.computed_intersections)
    out << "reference:  " << ctx.computed_intersections << " intersections computed from the centrelines\n";
  out << "placed:     " << acc.accepted() << " of " << s.n << " (" << s.pct(acc.accepted()) << ")\n";
  std::vector<std::string> types = {"address_point", "range", "block", "intersection"};
  if (learns_blocks(o)) types.insert(types.begin(), "coordinates");
  for (const std::string& type : types) {
    const int64_t k = s.by_type.count(type) ? s.by_type.at(type) : 0;
    out << "  " << std::left << std::setw(16) << type << std::right << std::setw(8) << k << "  " << s.pct(k) << "\n";
  }
  out << "not placed: " << acc.rejected_total() << " (" << s.pct(acc.rejected_total()) << ")\n";
  for (const auto& [why, k] : s.by_reason)
    out << "  " << std::left << std::setw(26) << why << std::right << std::setw(8) << k << "  " << s.pct(k) << "\n";
  out << "output:     " << o.geocode.output << "\n";
  out << "rejects:    " << rejects << " (" << acc.rejected_total() << " rows)\n";
}

}  // namespace

void GeocodeCommandOptions::Geocode::declare(OptionTable& t) {
  references.declare(t);
  for (Option& opt : t.options())
    if (opt.key == "address_col") opt.required = true;
  Option& out = t.path("output", "Placed records: .csv, .geojson or .gpkg", output);
  out.short_flag = "o";
  out.required = true;
  out.config = false;
  t.flag("json", "Print the summary as JSON", json).config = false;
}

int run_geocode(const GeocodeCommandOptions& o, std::ostream& out, std::ostream& err) {
  ReferencesStage references(references_options(o));
  IngestOptions in = o.ingest;
  // Every record is placed from its address, unless the records with coordinates teach the gazetteer and keep them.
  in.placement = learns_blocks(o) ? IngestOptions::Placement::own_coordinates : IngestOptions::Placement::by_address;
  WritePlacedStage write_placed({o.geocode.output});
  SubcommandRun how = subcommand_run(o);
  how.rejects = o.privacy.is_public() ? "" : default_rejects_path(o);  // raw records: never public
  how.records = SubcommandRun::Records::optional;
  how.withheld = {{"--point-generalisation omit", o.privacy.points == PrivacyOptions::Points::omit,
                   "hotspot geocode writes the placed records, which the public profile omits, so nothing would be "
                   "left: give --point-generalisation hundred_block or donut"}};
  const Context ctx = run_subcommand_stages(in, {&write_placed}, how, {&references});
  const GeocodeSummary s = summarise(o, ctx);
  if (o.geocode.json) print_json(o, ctx, s, how.rejects, out);
  else print_text(o, ctx, s, how.rejects, out);
  if (!s.warning.empty()) err << "hotspot: warning: " << s.warning << "\n";
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_geocode(CLI::App& app, CommandAction& action) {
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
      "  hotspot geocode calls.csv --address-col ADDRESS --reference 'centrelines=tl_2023_37119_addrfeat.shp' -o calls.gpkg\n"
      "  hotspot geocode incidents.csv --address-col LOCATION --learn-blocks --hundred-blocks --crs EPSG:2264 -o all.csv");
  bind_stage_command<GeocodeCommandOptions>(*sub, action, "geocode",
                                            [](GeocodeCommandOptions& o) -> auto& { return o.geocode; }, run_geocode);
}

}  // namespace hotspot::cli
