#include "cli/pipeline/run_config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "cli/pipeline/ingest_options.h"
#include "cli/pipeline/option_binding.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace hotspot::cli {

namespace {

using Obj = ConfigObject;

void read_zone_ref(Obj& parent, const std::string& key, ZoneRef& z, const std::string& base) {
  if (auto o = parent.object(key)) {
    o->path("path", z.path, base);
    o->str("id_field", z.id_field);
    o->str("name_field", z.name_field);
    o->finish();
    if (z.path.empty()) o->fail("needs a path");
  }
}

// A stage's section: "enabled" and the keys of the stage's option table. Returns the section (to check further
// and finish) or nothing when absent.
template <typename Section>
std::optional<Obj> read_stage_section(Obj& top, const std::string& key, Section& section, const std::string& base) {
  std::optional<Obj> o = top.object(key);
  if (!o) return o;
  o->boolean("enabled", section.enabled);
  OptionTable t(key);
  section.options.declare(t);
  fill_from_config(*o, t, base);
  return o;
}

void read_input(Obj& top, RunConfig& c) {
  auto in = top.object("input");
  if (!in) top.fail("needs an \"input\" section with the incident file's path");
  OptionTable t("input");
  declare_ingest_options(t, c.input);
  fill_from_config(*in, t, c.base_dir);
  in->finish();
  if (c.input.input_path.empty()) in->fail("needs a path", "path");
}

void read_output(Obj& top, RunConfig& c) {
  if (auto out = top.object("output")) {
    out->path("folder", c.output_folder, c.base_dir);
    out->boolean("overwrite", c.overwrite);
    out->finish();
  }
  if (c.output_folder.empty()) top.fail("needs \"output\": {\"folder\": ...}");
}

void read_priority_areas(Obj& top, RunConfig& c) {
  auto p = top.object("priority_areas");
  if (!p) return;
  p->path("file", c.priority_areas.file, c.base_dir);
  p->path("polygons", c.priority_areas.polygons, c.base_dir);
  p->str("polygons_id_field", c.priority_areas.polygons_id_field);
  p->str("polygons_name_field", c.priority_areas.polygons_name_field);
  OptionTable t("priority_areas");
  t.length("default_radius", "Radius of an area whose row gives none", c.priority_areas.default_radius);
  fill_from_config(*p, t, c.base_dir);
  p->finish();
  if (!c.priority_areas.file.empty() && !c.priority_areas.polygons.empty())
    p->fail("give either \"file\" (intersections) or \"polygons\", not both");
}

void read_report_and_context(Obj& top, RunConfig& c) {
  if (auto r = top.object("report")) {
    r->strings("violent_categories", c.report.violent_categories);
    r->integer("start_year", c.report.start_year, 0, 2200);
    r->integer("top_categories", c.report.top_categories, 1, 100);
    r->finish();
  }
  if (auto x = top.object("context")) {
    x->path("city_limits", c.context.city_limits, c.base_dir);
    read_zone_ref(*x, "divisions", c.context.divisions, c.base_dir);
    read_zone_ref(*x, "neighborhoods", c.context.neighborhoods, c.base_dir);
    x->finish();
  }
}

void read_privacy(Obj& top, RunConfig& c) {
  auto p = top.object("privacy");
  if (!p) return;
  OptionTable t("privacy");
  c.privacy.declare(t);
  fill_from_config(*p, t, c.base_dir);
  p->finish();
}

void read_stage_sections(Obj& top, RunConfig& c) {
  if (auto g = read_stage_section(top, "geocode", c.geocode, c.base_dir)) {
    for (ReferenceSource& r : c.geocode.options.references) r.path = resolve_config_path(r.path, c.base_dir);
    g->finish();
  }
  if (auto k = read_stage_section(top, "kde", c.kde, c.base_dir)) k->finish();
  if (auto g = read_stage_section(top, "gistar", c.gistar, c.base_dir)) g->finish();
  read_priority_areas(top, c);
  read_report_and_context(top, c);
  if (auto t = read_stage_section(top, "trends", c.trends, c.base_dir)) t->finish();
  if (top.get("emerging")) c.emerging.enabled = true;  // the section asks for the stage; "enabled": false not
  if (auto e = read_stage_section(top, "emerging", c.emerging, c.base_dir)) e->finish();
  if (auto m = read_stage_section(top, "map", c.map, c.base_dir)) {
    for (MapLayer& l : c.map.options.layers) l.path = resolve_config_path(l.path, c.base_dir);
    m->finish();
    if (c.map.options.min_zoom > c.map.options.max_zoom) m->fail("min_zoom is greater than max_zoom");
  }
}

}  // namespace

RunConfig parse_run_config(const std::string& text, const std::string& base_dir, const std::string& name) {
  json root;
  try {
    root = json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers beyond double
    throw ConfigError(name + ": not valid JSON: " + e.what());
  }
  RunConfig c;
  c.config_path = name;
  c.base_dir = base_dir;
  Obj top(root, "", name);
  top.str("title", c.title);
  top.integer("threads", c.threads, 0, 1024);
  read_input(top, c);
  read_output(top, c);
  read_stage_sections(top, c);
  read_privacy(top, c);
  bool strict = false;
  top.boolean("strict", strict);
  if (strict) c.input.unmatched = IngestOptions::Unmatched::error;
  top.finish();
  return c;
}

RunConfig load_run_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot open the config file");
  std::ostringstream os;
  os << in.rdbuf();
  fs::path base = fs::absolute(fs::path(path)).parent_path();
  return parse_run_config(os.str(), base.string(), path);
}

namespace {

// A stage's section as resolved: `enabled`, then every config key with its value as the option parser reads it.
template <typename StageOptions>
nlohmann::ordered_json section_json(bool enabled, const StageOptions& options) {
  StageOptions copy = options;
  OptionTable t;
  copy.declare(t);
  nlohmann::ordered_json j;
  j["enabled"] = enabled;
  for (const Option& o : t.options())
    if (o.config) j[o.key] = o.show();
  return j;
}

}  // namespace

std::string resolved_config_json(const RunConfig& c) {
  nlohmann::ordered_json j;
  j["title"] = c.title;
  j["threads"] = c.threads;
  {
    IngestOptions copy = c.input;
    OptionTable t("input");
    declare_ingest_options(t, copy);
    nlohmann::ordered_json in;
    for (const Option& o : t.options()) in[o.key] = o.show();
    j["input"] = in;
  }
  j["output"] = {{"folder", c.output_folder}, {"overwrite", c.overwrite}};
  j["geocode"] = section_json(c.geocode.enabled, c.geocode.options);
  j["kde"] = section_json(c.kde.enabled, c.kde.options);
  j["gistar"] = section_json(c.gistar.enabled, c.gistar.options);
  j["priority_areas"] = {{"file", c.priority_areas.file}, {"polygons", c.priority_areas.polygons},
                         {"polygons_id_field", c.priority_areas.polygons_id_field},
                         {"polygons_name_field", c.priority_areas.polygons_name_field},
                         {"default_radius", c.priority_areas.default_radius.to_string()}};
  j["report"] = {{"violent_categories", c.report.violent_categories}, {"start_year", c.report.start_year},
                 {"top_categories", c.report.top_categories}};
  j["trends"] = section_json(c.trends.enabled, c.trends.options);
  if (c.emerging.enabled) j["emerging"] = section_json(true, c.emerging.options);
  auto zr = [](const ZoneRef& z) { return json{{"path", z.path}, {"id_field", z.id_field}, {"name_field", z.name_field}}; };
  j["context"] = {{"city_limits", c.context.city_limits}, {"divisions", zr(c.context.divisions)},
                  {"neighborhoods", zr(c.context.neighborhoods)}};
  j["map"] = section_json(c.map.enabled, c.map.options);
  if (c.privacy.is_public()) {  // internal leaves the manifest as it was
    j["privacy"] = section_json(true, c.privacy);
    j["privacy"].erase("enabled");
  }
  return j.dump(2);
}

}  // namespace hotspot::cli
