#include "cli/pipeline/disparity_stage.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/pipeline/context.h"
#include "cli/pipeline/errors.h"
#include "cli/pipeline/outputs.h"
#include "cli/pipeline/privacy_metadata.h"
#include "engine/core/closest_names.h"
#include "engine/core/columns.h"
#include "engine/core/text.h"
#include "engine/disparity/disparity_report.h"
#include "engine/disparity/value_bands.h"
#include "geo/gdal/areal_weights.h"
#include "geo/map/qgis_styles.h"
#include "geo/read/input_source.h"
#include "geo/read/raw_records.h"
#include "geo/read/zones.h"
#include "geo/write/atomic_output.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kMissingGroup = "missing_group";
constexpr const char* kMissingOutcome = "missing_outcome";
constexpr const char* kMissingZone = "missing_zone";
constexpr const char* kUnmatchedZone = "unmatched_zone";

// A value as the tables read it: trimmed, with the database null "\N" read as missing ("").
std::string clean(const std::string& v) {
  std::string t = trim(v);
  return t == "\\N" ? "" : t;
}

enum class Banding { kNone, kAge, kExperience };

struct Control {
  std::string column;
  Banding band = Banding::kNone;
  int index = -1;
};

std::vector<Control> parse_controls(const std::vector<std::string>& given) {
  std::vector<Control> out;
  for (const std::string& g : given) {
    std::stringstream ss(g);
    for (std::string part; std::getline(ss, part, ',');) {
      part = trim(part);
      if (part.empty()) continue;
      Control c;
      const size_t colon = part.find(':');
      c.column = part.substr(0, colon);
      const std::string band = colon == std::string::npos ? "" : part.substr(colon + 1);
      if (band == "age-band") c.band = Banding::kAge;
      else if (band == "experience-band") c.band = Banding::kExperience;
      else if (!band.empty())
        throw UsageError("--controls: '" + part + "': the band after ':' is age-band or experience-band");
      out.push_back(c);
    }
  }
  return out;
}

std::pair<std::string, std::string> parse_outcome(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || trim(text.substr(0, eq)).empty() || trim(text.substr(eq + 1)).empty())
    throw UsageError("--outcome '" + text + "': give COLUMN=VALUE, e.g. search_conducted=Yes");
  return {trim(text.substr(0, eq)), trim(text.substr(eq + 1))};
}

int require_column(const RawSource& src, const std::string& path, const std::string& flag, const std::string& name) {
  const int c = find_column(src.header, name);
  if (c >= 0) return c;
  const std::string hint = did_you_mean(closest_names(name, src.header));
  throw UsageError(flag + ": no column '" + name + "' in " + path + (hint.empty() ? "" : "; " + hint) +
                   " (columns: " + column_list(src.header) + ")");
}

// An optional table's column: none when empty, and none (with a note) when it is the default name and the file has
// no such column; any other name must exist.
int optional_column(const RawSource& src, const std::string& path, const std::string& flag, const std::string& name,
                    const std::string& default_name, Context& ctx) {
  if (name.empty()) return -1;
  if (name == default_name && find_column(src.header, name) < 0) {
    ctx.note(flag + " " + name + ": " + path + " has no such column; the tables that need it are left out");
    return -1;
  }
  return require_column(src, path, flag, name);
}

struct Columns {
  int group = -1, ethnicity = -1, outcome = -1, zone = -1, reason = -1, result = -1, officer = -1;
  std::string outcome_value;
  std::vector<Control> controls;
};

Columns resolve_columns(const RawSource& src, const DisparityStage::Options& o, Context& ctx) {
  const DisparityStage::Options defaults;
  Columns c;
  const std::string& p = o.stops;
  c.group = require_column(src, p, "--group", o.group);
  if (o.group_rule == GroupRule::kHispanicFirst)
    c.ethnicity = require_column(src, p, "--ethnicity-column", o.ethnicity_column);
  const auto [outcome_column, outcome_value] = parse_outcome(o.outcome);
  c.outcome = require_column(src, p, "--outcome", outcome_column);
  c.outcome_value = outcome_value;
  c.zone = optional_column(src, p, "--by", o.by, defaults.by, ctx);
  c.reason = optional_column(src, p, "--reason-column", o.reason_column, defaults.reason_column, ctx);
  c.result = optional_column(src, p, "--result-column", o.result_column, defaults.result_column, ctx);
  c.officer = optional_column(src, p, "--officer-column", o.officer_column, defaults.officer_column, ctx);
  c.controls = parse_controls(o.controls);
  for (Control& k : c.controls) {
    k.index = require_column(src, p, "--controls", k.column);
    if (k.index == c.group) throw UsageError("--controls: " + k.column + " is the group column itself");
  }
  return c;
}

// The zones, keyed by their name as columns are matched (case, spaces, hyphens and underscores ignored).
struct ZoneJoin {
  std::optional<Crs> crs;
  std::optional<ZoneLayer> layer;
  std::map<std::string, size_t> by_key;
};

ZoneJoin load_zones(const DisparityStage::Options& o, Context& ctx) {
  ZoneJoin z;
  if (o.zones.empty()) return z;
  RawSource attributes = read_layer_records(resolve_input(o.zones), o.zones_layer);
  if (!attributes.crs) throw std::runtime_error(o.zones + ": the layer has no CRS");
  require_column(attributes, o.zones, "--zone-key", o.zone_key);
  z.crs = attributes.crs;
  ZoneLayerOptions zo;
  zo.path = o.zones;
  zo.layer = o.zones_layer;
  zo.id_field = o.zone_key;
  std::vector<std::string> warnings;
  z.layer.emplace(ZoneLayer::load(zo, *z.crs, &warnings));
  for (const std::string& w : warnings) ctx.note(w);
  for (size_t i = 0; i < z.layer->size(); ++i) z.by_key.emplace(column_key(z.layer->zone(i).id), i);
  return z;
}

struct StopsRead {
  StopRecords stops;
  std::vector<std::vector<std::string>> controls;  // per control, one value per accepted stop
  std::map<std::string, int64_t> unmatched;        // --by values no zone has, with their stops
  std::vector<std::string> outcome_values;         // the outcome column's distinct values
  int64_t outcome_matches = 0;
  int64_t respelt_zones = 0;                         // without zones: stops whose --by value was respelt
};

std::string field(const RawRecord& r, int c) { return c >= 0 && c < static_cast<int>(r.fields.size()) ? clean(r.fields[c]) : ""; }

std::string banded(const std::string& v, Banding b) {
  if (b == Banding::kAge) return age_band(v);
  if (b == Banding::kExperience) return experience_band(v);
  return v;
}

// The reason code a stop is rejected for, or "" when it is accepted (its zone then in `zone`).
std::string classify(const RawRecord& r, const Columns& c, const ZoneJoin& z, std::string& zone, StopsRead& out) {
  if (!r.error.empty()) return reason::kMalformedRow;
  if (field(r, c.group).empty()) return kMissingGroup;
  const std::string outcome = field(r, c.outcome);
  if (outcome.empty()) return kMissingOutcome;
  out.outcome_values.push_back(outcome);
  if (c.zone < 0) return "";
  zone = field(r, c.zone);
  if (zone.empty()) return kMissingZone;
  if (!z.layer) return "";
  const auto it = z.by_key.find(column_key(zone));
  if (it == z.by_key.end()) {
    ++out.unmatched[zone];
    return kUnmatchedZone;
  }
  zone = z.layer->zone(it->second).id;
  return "";
}

void accept(const RawRecord& r, const Columns& c, const DisparityStage::Options& o, const std::string& zone,
            StopsRead& out) {
  StopRecords& s = out.stops;
  s.group.push_back(o.group_rule == GroupRule::kHispanicFirst
                        ? driver_group(field(r, c.group), field(r, c.ethnicity), o.group_rule, o.hispanic_value)
                        : field(r, c.group));
  const bool yes = lower(field(r, c.outcome)) == lower(c.outcome_value);
  s.outcome.push_back(yes ? 1 : 0);
  out.outcome_matches += yes ? 1 : 0;
  if (c.zone >= 0) s.zone.push_back(zone);
  if (c.reason >= 0) s.reason.push_back(field(r, c.reason));
  if (c.result >= 0) s.result.push_back(field(r, c.result));
  if (c.officer >= 0) s.officer.push_back(field(r, c.officer));
  for (size_t k = 0; k < c.controls.size(); ++k)
    out.controls[k].push_back(banded(field(r, c.controls[k].index), c.controls[k].band));
}

// Without zones, one zone per name as columns are matched ('CENTRAL DIVISION' is 'Central Division'), called by its
// most frequent spelling (ties: the first in byte order).
void merge_zone_spellings(StopsRead& out) {
  std::map<std::string, std::map<std::string, int64_t>> spellings;
  for (const std::string& z : out.stops.zone) ++spellings[column_key(z)][z];
  std::map<std::string, std::string> name;
  for (const auto& [key, counts] : spellings) {
    auto best = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it)
      if (it->second > best->second) best = it;
    name[key] = best->first;
  }
  for (std::string& z : out.stops.zone) {
    const std::string& n = name[column_key(z)];
    if (n != z) ++out.respelt_zones, z = n;
  }
}

StopsRead read_stops(const RawSource& src, const Columns& c, const DisparityStage::Options& o, const ZoneJoin& z,
                     RecordAccounting& acc) {
  StopsRead out;
  out.controls.resize(c.controls.size());
  for (const RawRecord& r : src.records) {
    acc.add_input();
    std::string zone;
    const std::string why = classify(r, c, z, zone, out);
    if (!why.empty()) {
      acc.reject(why);
      continue;
    }
    acc.accept();
    accept(r, c, o, zone, out);
  }
  out.outcome_values = distinct_sorted(out.outcome_values);
  if (!z.layer) merge_zone_spellings(out);
  return out;
}

void check_outcome_value(const StopsRead& s, const Columns& c, const DisparityStage::Options& o) {
  if (s.outcome_matches > 0 || s.stops.group.empty()) return;
  const std::string hint = did_you_mean(closest_names(c.outcome_value, s.outcome_values));
  std::string values;
  for (size_t i = 0; i < s.outcome_values.size() && i < 12; ++i) values += (i ? ", " : "") + s.outcome_values[i];
  throw UsageError("--outcome " + o.outcome + ": no stop has that value" + (hint.empty() ? "" : "; " + hint) +
                   " (values: " + values + ")");
}

void note_unmatched(const StopsRead& s, const ZoneJoin& z, const DisparityStage::Options& o, Context& ctx) {
  if (s.respelt_zones > 0)
    ctx.note(std::to_string(s.respelt_zones) + " stop(s) have a " + o.by + " spelt otherwise (case, spaces, hyphens "
             "or underscores) than most stops with that name; they are counted under the most frequent spelling");
  std::vector<std::string> names;
  for (const Zone& zone : z.layer ? z.layer->zones() : std::vector<Zone>{}) names.push_back(zone.id);
  for (const auto& [value, n] : s.unmatched) {
    const std::string hint = did_you_mean(closest_names(value, names));
    ctx.note_unmatched("disparity", std::to_string(n) + " stop(s) with " + o.by + " '" + value + "' match no zone's " +
                                        o.zone_key + " in " + o.zones + " (rejected as unmatched_zone)" +
                                        (hint.empty() ? "" : "; " + hint));
  }
}

// Up to 4 upper-case letters or digits of each group's name, unique ("Black" -> BLAC, "Native American" -> NATI),
// for field names of at most 10 characters (RRL_BLAC).
std::vector<std::string> group_codes(const std::vector<std::string>& groups) {
  std::vector<std::string> codes;
  for (const std::string& g : groups) {
    std::string code;
    for (char ch : g)
      if (std::isalnum(static_cast<unsigned char>(ch)) && code.size() < 4) code += static_cast<char>(std::toupper(ch));
    if (code.empty()) code = "G";
    const std::string base = code;
    for (int n = 2; std::find(codes.begin(), codes.end(), code) != codes.end(); ++n)
      code = base.substr(0, 3) + std::to_string(n % 10);
    codes.push_back(code);
  }
  return codes;
}

// The rate-ratio classes the .qml colours (0 = no ratio: withheld, undefined or the reference group).
constexpr double kRatioBreaks[] = {0.8, 1.25, 1.5, 2.0, 3.0};

int64_t ratio_class(const RateCell& c) {
  if (c.ratio_suppressed || !std::isfinite(c.ratio.ratio)) return 0;
  int64_t k = 1;
  for (double b : kRatioBreaks) k += c.ratio.ratio >= b ? 1 : 0;
  return k;
}

std::string ratio_qml() {
  LayerStyle s;
  s.stroke_color = "#505050";
  s.stroke_width_px = 1.0;
  s.fill_color = "#d0d0d0";
  s.fill_opacity = 0.8;
  s.category_field = "RR_CLASS";
  s.categories = {{"0", "#d0d0d0", "no ratio (suppressed or undefined)"}, {"1", "#4575b4", "below 0.8"},
                  {"2", "#f7f7f7", "0.8 to 1.25"},  {"3", "#fee090", "1.25 to 1.5"},
                  {"4", "#fdae61", "1.5 to 2"},     {"5", "#f46d43", "2 to 3"},
                  {"6", "#a50026", "3 or more"}};
  return vector_layer_qml(s, GeometryKind::kPolygon);
}

FieldValue count_value(int64_t n, bool hidden) { return hidden ? FieldValue{} : FieldValue{n}; }
FieldValue pct_value(double v, bool hidden) { return hidden || !std::isfinite(v) ? FieldValue{} : FieldValue{100.0 * v}; }
FieldValue ratio_value(double v, bool hidden) { return hidden || !std::isfinite(v) ? FieldValue{} : FieldValue{v}; }

void add_cell_values(std::vector<FieldValue>& v, const RateCell& c, bool with_ratio) {
  v.push_back(count_value(c.records, c.records_suppressed));
  v.push_back(count_value(c.outcomes, c.outcomes_suppressed));
  v.push_back(pct_value(c.rate.rate, c.outcomes_suppressed));
  v.push_back(pct_value(c.rate.low, c.outcomes_suppressed));
  v.push_back(pct_value(c.rate.high, c.outcomes_suppressed));
  if (!with_ratio) return;
  v.push_back(ratio_value(c.ratio.ratio, c.ratio_suppressed));
  v.push_back(ratio_value(c.ratio.low, c.ratio_suppressed));
  v.push_back(ratio_value(c.ratio.high, c.ratio_suppressed));
}

// The styled group: the one with the most stops besides the reference.
size_t styled_group(const RateTable& t) {
  size_t best = t.groups().size();
  for (size_t g = 0; g < t.groups().size(); ++g)
    if (g != t.reference() && (best == t.groups().size() || t.cell(t.rows().size(), g).records >
                                                              t.cell(t.rows().size(), best).records))
      best = g;
  return best;
}

// Per benchmark group: residents (P_) and stops per 1,000 residents (S1K_), withheld with the stop count.
void add_resident_fields(VectorLayer& layer, const ResidentTable& res) {
  for (const std::string& c : group_codes(res.groups)) {
    layer.fields.push_back({"P_" + c, FieldType::kReal});
    layer.fields.push_back({"S1K_" + c, FieldType::kReal});
  }
}

void add_resident_values(std::vector<FieldValue>& v, const ResidentTable& res, size_t zone, const RateTable& t, int r) {
  for (size_t g = 0; g < res.groups.size(); ++g) {
    const int c = t.records().col_index(res.groups[g]);
    const bool hidden = r >= 0 && c >= 0 && t.cell(r, c).records_suppressed;
    const double stops = r >= 0 && c >= 0 ? static_cast<double>(t.cell(r, c).records) : 0.0;
    v.push_back(FieldValue{res.at(zone, g)});
    v.push_back(ratio_value(per_thousand_residents(stops, res.at(zone, g)), hidden));
  }
}

VectorLayer zone_layer(const ZoneLayer& zones, const RateTable& t, const std::string& key, const ResidentTable* res) {
  VectorLayer layer;
  layer.name = "disparity";
  const std::vector<std::string> codes = group_codes(t.groups());
  layer.fields = {{key.substr(0, 10), FieldType::kString}};
  for (const char* f : {"STOPS", "OUTCOMES", "RATE_PCT", "RATE_LO", "RATE_HI"})
    layer.fields.push_back({f, f[0] == 'S' || f[0] == 'O' ? FieldType::kInteger : FieldType::kReal});
  for (const std::string& c : codes)
    for (const char* p : {"N_", "K_", "R_", "L_", "H_", "RR_", "RRL_", "RRH_"})
      layer.fields.push_back({p + c, p[0] == 'N' || p[0] == 'K' ? FieldType::kInteger : FieldType::kReal});
  layer.fields.push_back({"RR_CLASS", FieldType::kInteger});
  if (res) add_resident_fields(layer, *res);
  const size_t styled = styled_group(t);
  for (size_t i = 0; i < zones.size(); ++i) {
    VectorFeature f{WktGeometry{zones.wkt(i)}, {FieldValue{zones.zone(i).id}}};
    const int r = t.records().row_index(zones.zone(i).id);
    RateCell empty;  // a zone without stops: no rates
    empty.rate = wilson_interval(0, 0);
    empty.ratio = {empty.rate.rate, empty.rate.rate, empty.rate.rate};
    add_cell_values(f.values, r >= 0 ? t.cell(r, t.groups().size()) : empty, false);
    for (size_t g = 0; g < t.groups().size(); ++g) add_cell_values(f.values, r >= 0 ? t.cell(r, g) : empty, true);
    f.values.push_back(FieldValue{r >= 0 && styled < t.groups().size() ? ratio_class(t.cell(r, styled)) : int64_t{0}});
    if (res) add_resident_values(f.values, *res, i, t, r);
    layer.features.push_back(std::move(f));
  }
  return layer;
}

std::string layer_fields_note(const RateTable& t, const std::string& outcome, const ResidentTable* res) {
  const std::vector<std::string> codes = group_codes(t.groups());
  std::string s = "Layer fields: STOPS, OUTCOMES (" + outcome + "), RATE_PCT with RATE_LO-RATE_HI (Wilson 95 %, in %) "
                  "for all stops; per group N_, K_, R_, L_, H_ (the same) and RR_, RRL_, RRH_ (rate ratio to " +
                  t.groups()[t.reference()] + ", Katz 95 %), with ";
  for (size_t g = 0; g < codes.size(); ++g) s += (g ? ", " : "") + codes[g] + " = " + t.groups()[g];
  const size_t styled = styled_group(t);
  if (styled < codes.size()) s += "; RR_CLASS (the .qml's classes) is RR_" + codes[styled];
  if (res) {
    const std::vector<std::string> rc = group_codes(res->groups);
    s += "; residents P_ and stops per 1,000 residents S1K_ for ";
    for (size_t g = 0; g < rc.size(); ++g) s += (g ? ", " : "") + rc[g] + " = " + res->groups[g];
  }
  return s + ". Empty = suppressed or undefined.";
}

struct PopulationGroup {
  std::string group, field;
  bool percent = false;
};

std::vector<PopulationGroup> parse_population_groups(const std::vector<std::string>& given) {
  std::vector<PopulationGroup> out;
  for (const std::string& g : given) {
    std::stringstream ss(g);
    for (std::string part; std::getline(ss, part, ',');) {
      const size_t eq = part.find('=');
      PopulationGroup p{trim(part.substr(0, eq)), eq == std::string::npos ? "" : trim(part.substr(eq + 1))};
      p.percent = !p.field.empty() && p.field.back() == '%';
      if (p.percent) p.field.pop_back();
      if (p.group.empty() || p.field.empty())
        throw UsageError("--population-groups '" + part + "': give GROUP=FIELD or GROUP=FIELD%, e.g. Black=p9%");
      out.push_back(p);
    }
  }
  return out;
}

double number_field(const RawRecord& r, int c, const std::string& path, const std::string& name) {
  const std::string v = field(r, c);
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(x) || x < 0)
    throw InputError(path, r.row, name, "'" + v + "' is not a non-negative number");
  return x;
}

// Residents of each group per population polygon, in the polygons' layer order.
std::vector<std::vector<double>> group_residents(const DisparityStage::Options& o, const ZoneLayer& polygons,
                                                 const std::vector<PopulationGroup>& groups) {
  const RawSource src = read_layer_records(resolve_input(o.population), "");
  const int id = require_column(src, o.population, "--population-id", o.population_id);
  const int total = require_column(src, o.population, "--population-total", o.population_total);
  std::map<std::string, std::vector<double>> by_id;
  for (const RawRecord& r : src.records) {
    std::vector<double>& v = by_id[field(r, id)];
    const double all = number_field(r, total, o.population, o.population_total);
    for (const PopulationGroup& g : groups) {
      const int c = require_column(src, o.population, "--population-groups", g.field);
      const double x = number_field(r, c, o.population, g.field);
      v.push_back(g.percent ? all * x / 100.0 : x);
    }
  }
  std::vector<std::vector<double>> counts(groups.size(), std::vector<double>(polygons.size(), 0.0));
  for (size_t s = 0; s < polygons.size(); ++s) {
    const auto it = by_id.find(polygons.zone(s).id);
    for (size_t g = 0; it != by_id.end() && g < groups.size(); ++g) counts[g][s] = it->second[g];
  }
  return counts;
}

std::optional<ResidentTable> residents(const DisparityStage::Options& o, const ZoneJoin& z, Context& ctx) {
  if (o.population.empty() || !z.layer) return std::nullopt;
  const std::vector<PopulationGroup> groups = parse_population_groups(o.population_groups);
  ZoneLayerOptions po;
  po.path = o.population;
  po.id_field = o.population_id;
  std::vector<std::string> warnings;
  const ZoneLayer polygons = ZoneLayer::load(po, *z.crs, &warnings);
  for (const std::string& w : warnings) ctx.note(o.population + ": " + w);
  const ArealWeights w = areal_weights(polygons, *z.layer);
  std::vector<std::string> names;
  for (const PopulationGroup& g : groups) names.push_back(g.group);
  ResidentTable t = interpolate_residents(w.share, w.sources, w.targets, names, group_residents(o, polygons, groups));
  for (const Zone& zone : z.layer->zones()) t.zone_names.push_back(zone.id);
  return t;
}

DisparityReportLabels report_labels(const DisparityStage::Options& o, const DisparityOutcome& r,
                                    const std::vector<Control>& controls, const Context& ctx) {
  DisparityReportLabels l;
  l.source = o.stops;
  l.accounting = r.accounting.summary();
  l.group = o.group + (o.group_rule == GroupRule::kHispanicFirst
                           ? " (hispanic-first: " + o.ethnicity_column + " = " + o.hispanic_value + " is Hispanic)"
                           : " (race-only)");
  l.outcome = o.outcome;
  l.zone = r.tables.by_zone ? o.by : "";
  l.reason = o.reason_column;
  l.officer = r.tables.by_officer ? o.officer_column : "";
  l.result = o.result_column;
  l.min_count = o.min_count;
  for (const Control& c : controls)
    l.controls.push_back(c.column + (c.band == Banding::kAge ? " (age band)" : c.band == Banding::kExperience ? " (band)" : ""));
  if (!o.population.empty())
    l.benchmark = "Residents from " + o.population + " (" + o.population_total + " and " + [&] {
      std::string g;
      for (const std::string& x : o.population_groups) g += (g.empty() ? "" : ",") + x;
      return g;
    }() + "), spread over the zones by the share of each polygon's area inside each zone (area-weighted "
          "interpolation, as if residents were spread evenly). Census race counts include Hispanic residents of "
          "every race, so with hispanic-first groups the benchmark groups overlap and the comparison is rough.";
  l.notes = ctx.notes;
  if (r.tables.by_zone && !o.output.empty()) l.notes.push_back(layer_fields_note(*r.tables.by_zone, o.outcome, r.tables.residents ? &*r.tables.residents : nullptr));
  return l;
}

void write_report(const std::string& md, const std::string& csv, const std::string& odds, Outputs& outputs,
                  const std::string& path, DisparityOutcome& r) {
  AtomicOutput file(outputs.path(path, path), outputs.overwrite_allowed());
  const fs::path temp(file.temp_path());
  std::ofstream(temp, std::ios::binary) << md;
  std::ofstream(fs::path(temp).replace_extension(".csv"), std::ios::binary) << csv;
  if (!odds.empty()) std::ofstream(fs::path(temp).replace_extension(".odds_ratios.csv"), std::ios::binary) << odds;
  file.commit();
  const fs::path final_path(file.final_path());
  r.paths = {final_path.string(), fs::path(final_path).replace_extension(".csv").string()};
  if (!odds.empty()) r.paths.push_back(fs::path(final_path).replace_extension(".odds_ratios.csv").string());
  for (size_t i = 1; i < r.paths.size(); ++i) outputs.record(r.paths[i]);
}

std::optional<LogisticFit> fit_regression(const StopsRead& s, const Columns& c, const std::string& group_column,
                                          const std::string& reference) {
  std::vector<CategoricalTerm> terms{{group_column, s.stops.group, reference}};
  for (size_t k = 0; k < c.controls.size(); ++k) terms.push_back({c.controls[k].column, s.controls[k], ""});
  try {
    return fit_logistic(s.stops.outcome, terms);
  } catch (const LogisticError& e) {
    throw std::runtime_error(std::string("logistic regression: ") + e.what());
  }
}

}  // namespace

void DisparityStage::Options::declare(OptionTable& t) {
  Option& in = t.path("stops", "Stops table: CSV or tab-separated (.csv, .tsv, .txt), one row per stop", stops);
  in.value_name = "STOPS";
  in.positional = true;
  in.required = true;
  t.text("group", "Column of the driver's group, e.g. driver_race", group, "COLUMN");
  t.choice("group_rule", "hispanic-first: Hispanic ethnicity overrides race (NC SBI); race-only: the group column as is",
           group_rule, {{"race-only", GroupRule::kRaceOnly}, {"hispanic-first", GroupRule::kHispanicFirst}});
  t.text("ethnicity_column", "Ethnicity column read by hispanic-first", ethnicity_column, "COLUMN");
  t.text("hispanic_value", "The ethnicity value hispanic-first reads as Hispanic", hispanic_value, "VALUE");
  t.text("reference_group", "Group the others are compared with (default: the group with the most stops)",
         reference_group, "GROUP");
  t.text("outcome", "The outcome as COLUMN=VALUE, e.g. search_conducted=Yes or result=Arrest", outcome, "COLUMN=VALUE")
      .required = true;
  t.text("by", "Zone column of the stops, e.g. cmpd_division (rates per zone x group)", by, "COLUMN");
  t.path("zones", "Polygon layer of the zones: the rates as a choropleth layer (-o)", zones);
  t.text("zones_layer", "Layer of the zones source (default: the first)", zones_layer, "NAME");
  t.text("zone_key", "Field of the zones holding the --by values, e.g. DNAME (matched ignoring case and spaces)",
         zone_key, "FIELD");
  t.texts("controls", "Regression controls, comma-separated columns; COLUMN:age-band or COLUMN:experience-band bands "
          "a number", controls, "COLUMNS");
  t.text("reason_column", "Stop purpose column (tables per purpose, result mix); empty = none", reason_column, "COLUMN");
  t.text("result_column", "Stop result column (result mix); empty = none", result_column, "COLUMN");
  t.text("officer_column", "Officer race column (officer x driver table); empty = none", officer_column, "COLUMN");
  t.path("population", "Polygons with residents for a stops-per-1,000-residents benchmark (needs --zones)", population);
  t.text("population_id", "Id field of the population polygons, e.g. id", population_id, "FIELD");
  t.text("population_total", "Total population field, e.g. p1 (NPA 2010 population)", population_total, "FIELD");
  t.texts("population_groups", "GROUP=FIELD (residents) or GROUP=FIELD% (percent of the total), comma-separated, "
          "e.g. Black=p9%,White=p8%", population_groups, "GROUP=FIELD");
  t.integer("min_count", "Suppress published counts below this, with what they would reveal; 0 = none", min_count, 0,
            1000000);
  t.path("report", "Markdown report (.md); the tables as <stem>.csv and <stem>.odds_ratios.csv beside it", report)
      .config = false;
  Option& out = t.path("output", "Zone layer with the rates (.gpkg, .shp, .geojson; needs --zones), a .qml beside it",
                       output);
  out.short_flag = "o";
  out.config = false;
  t.flag("strict", "A --by value that matches no zone is an error, not a warning", unmatched,
         IngestOptions::Unmatched::warn, IngestOptions::Unmatched::error)
      .config = false;
}

void DisparityStage::validate(const Outputs& outputs) {
  if (o_.stops.empty()) throw UsageError("disparity: give the stops table (STOPS)");
  parse_outcome(o_.outcome);
  parse_controls(o_.controls);
  if (o_.report.empty()) throw UsageError("disparity: give the Markdown report with --report (.md)");
  if (fs::path(o_.report).extension() != ".md")
    throw UsageError("--report " + o_.report + ": the report is written as .md (with the tables as .csv beside it)");
  if (!o_.zones.empty() && (o_.by.empty() || o_.zone_key.empty() || o_.output.empty()))
    throw UsageError("--zones " + o_.zones + ": give --by (the stops' zone column), --zone-key (the zones' field) and -o");
  const bool any_population = !o_.population.empty() || !o_.population_id.empty() || !o_.population_total.empty() ||
                              !o_.population_groups.empty();
  if (any_population && (o_.population.empty() || o_.population_id.empty() || o_.population_total.empty() ||
                         o_.population_groups.empty() || o_.zones.empty()))
    throw UsageError("--population: give --population, --population-id, --population-total, --population-groups and "
                     "--zones together");
  parse_population_groups(o_.population_groups);
  if (!o_.output.empty() && o_.zones.empty())
    throw UsageError("--output " + o_.output + ": the zone layer needs --zones (and --by, --zone-key)");
  if (!o_.output.empty()) {
    try {
      vector_driver_for(o_.output);
    } catch (const std::runtime_error& e) {
      throw UsageError(std::string("--output: ") + e.what());
    }
    outputs.check_free(o_.output);
  }
  const fs::path report(o_.report);
  for (const char* ext : {".md", ".csv", ".odds_ratios.csv"})
    outputs.check_free(fs::path(report).replace_extension(ext).string());
}

void DisparityStage::run(Context& ctx, Outputs& outputs) {
  r_ = DisparityOutcome{};
  ctx.unmatched = o_.unmatched;
  const RawSource src = read_csv_records({o_.stops}, 0, ctx.progress);
  for (const std::string& w : src.warnings) ctx.note(w);
  const Columns c = resolve_columns(src, o_, ctx);
  const ZoneJoin z = load_zones(o_, ctx);
  const StopsRead s = read_stops(src, c, o_, z, r_.accounting);
  if (s.stops.group.empty())
    throw std::runtime_error(o_.stops + ": no stop has every value the analysis needs (" + r_.accounting.summary() + ")");
  check_outcome_value(s, c, o_);
  note_unmatched(s, z, o_, ctx);
  try {
    r_.tables = disparity_tables(s.stops, RateTableOptions{o_.reference_group, o_.min_count});
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--reference-group: ") + e.what());
  }
  r_.reference_group = r_.tables.reference;
  r_.tables.residents = residents(o_, z, ctx);
  r_.fit = fit_regression(s, c, o_.group, r_.reference_group);
  const DisparityReportLabels labels = report_labels(o_, r_, c.controls, ctx);
  write_report(disparity_markdown(r_.tables, r_.fit, labels), disparity_csv(r_.tables, labels),
               odds_ratio_csv(*r_.fit, o_.min_count), outputs, o_.report, r_);
  if (z.layer && r_.tables.by_zone) {
    VectorWriteOptions vo;
    vo.path = outputs.path(o_.output, o_.output);
    vo.overwrite = outputs.overwrite_allowed();
    vo.qml_style = ratio_qml();
    const ResidentTable* res = r_.tables.residents ? &*r_.tables.residents : nullptr;
    const VectorLayer layer = zone_layer(*z.layer, *r_.tables.by_zone, o_.zone_key, res);
    write_vector(layer, *z.crs, vo);
    record_layer_privacy(vo.path, ctx, outputs);  // public profile: its k and suppression with the layer
    r_.paths.push_back(vo.path);
    r_.paths.push_back(fs::path(vo.path).replace_extension(".qml").string());
    r_.zones = layer.features.size();
  }
  ctx.stage_line = std::to_string(r_.accounting.accepted()) + " stops, reference " + r_.reference_group;
}

}  // namespace hotspot::cli
