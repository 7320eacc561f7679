#include "cli/pipeline/run_config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace hotspot::cli {

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// A JSON object being read: every key must be read once, or it is reported as unknown.
class Obj {
 public:
  Obj(const json& j, std::string path, const std::string& file) : j_(j), path_(std::move(path)), file_(file) {
    if (!j_.is_object()) fail(path_.empty() ? "the config must be a JSON object" : "must be an object");
  }
  [[noreturn]] void fail(const std::string& msg, const std::string& key = "") const {
    std::string where = path_;
    if (!key.empty()) where += (where.empty() ? "" : ".") + key;
    throw ConfigError(file_ + ": " + (where.empty() ? "" : where + ": ") + msg);
  }
  const json* get(const std::string& key) {
    known_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }
  std::string key_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  void str(const std::string& key, std::string& out) {
    if (const json* v = get(key)) {
      if (!v->is_string()) fail("must be a string", key);
      out = v->get<std::string>();
    }
  }
  void path(const std::string& key, std::string& out, const std::string& base) {
    std::string s;
    str(key, s);
    if (!s.empty()) out = fs::path(s).is_absolute() ? s : (fs::path(base) / s).lexically_normal().string();
  }
  void boolean(const std::string& key, bool& out) {
    if (const json* v = get(key)) {
      if (!v->is_boolean()) fail("must be true or false", key);
      out = v->get<bool>();
    }
  }
  void integer(const std::string& key, int& out, int lo, int hi) {
    if (const json* v = get(key)) {
      if (!v->is_number_integer()) fail("must be a whole number", key);
      const auto x = v->get<int64_t>();
      if (x < lo || x > hi) fail("must be between " + std::to_string(lo) + " and " + std::to_string(hi), key);
      out = static_cast<int>(x);
    }
  }
  void length(const std::string& key, Length& out) {
    if (const json* v = get(key)) {
      if (!v->is_string())
        fail("must be a length with a unit in quotes, e.g. \"2000ft\", \"600m\", \"0.5mi\"", key);
      try {
        out = Length::parse(v->get<std::string>());
      } catch (const std::invalid_argument& e) {
        fail(e.what(), key);
      }
      if (!(out.value > 0)) fail("must be greater than zero", key);
      try {
        out = Length::parse_analysis(v->get<std::string>(), "length");
      } catch (const std::invalid_argument& e) {
        fail(e.what(), key);
      }
    }
  }
  void length(const std::string& key, std::optional<Length>& out) {
    if (const json* v = get(key)) {
      if (v->is_string() && v->get<std::string>() == "auto") return;
      Length l;
      length(key, l);
      out = l;
    }
  }
  void strings(const std::string& key, std::vector<std::string>& out) {
    if (const json* v = get(key)) {
      if (!v->is_array()) fail("must be a list of strings", key);
      out.clear();
      for (const json& e : *v) {
        if (!e.is_string()) fail("must be a list of strings", key);
        out.push_back(e.get<std::string>());
      }
    }
  }
  void choice(const std::string& key, std::string& out, const std::vector<std::string>& allowed) {
    std::string s = out;
    str(key, s);
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail("'" + s + "' is not one of " + list, key);
    }
    out = s;
  }
  std::optional<Obj> object(const std::string& key) {
    if (const json* v = get(key)) return Obj(*v, key_path(key), file_);
    return std::nullopt;
  }
  // Reports the first key that was never read.
  void finish() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (known_.count(it.key())) continue;
      std::string best;
      size_t best_d = 3;
      for (const std::string& k : known_) {
        const size_t d = edit_distance(it.key(), k);
        if (d < best_d) {
          best_d = d;
          best = k;
        }
      }
      fail(std::string("unknown key") + (best.empty() ? "" : " (did you mean '" + best + "'?)"), it.key());
    }
  }

 private:
  const json& j_;
  std::string path_;
  std::string file_;
  std::set<std::string> known_;
};

void read_zone_ref(Obj& parent, const std::string& key, ZoneRef& z, const std::string& base) {
  if (auto o = parent.object(key)) {
    o->path("path", z.path, base);
    o->str("id_field", z.id_field);
    o->str("name_field", z.name_field);
    o->finish();
    if (z.path.empty()) o->fail("needs a path");
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
  if (auto in = top.object("input")) {
    IngestOptions& i = c.input;
    in->path("path", i.input_path, base_dir);
    in->str("layer", i.layer);
    in->str("x_column", i.x_column);
    in->str("y_column", i.y_column);
    in->str("source_crs", i.source_crs);
    in->str("analysis_crs", i.analysis_crs);
    in->str("weight_column", i.weight_column);
    in->str("date_column", i.date_column);
    in->str("date_from", i.date_from);
    in->str("date_to", i.date_to);
    in->str("category_column", i.category_column);
    in->strings("categories", i.categories);
    in->path("study_area", i.study_area_path, base_dir);
    in->finish();
    if (i.input_path.empty()) in->fail("needs a path", "path");
  } else {
    top.fail("needs an \"input\" section with the incident file's path");
  }
  if (auto out = top.object("output")) {
    out->path("folder", c.output_folder, base_dir);
    out->boolean("overwrite", c.overwrite);
    out->finish();
  }
  if (c.output_folder.empty()) top.fail("needs \"output\": {\"folder\": ...}");
  if (auto g = top.object("geocode")) {
    g->boolean("enabled", c.geocode.enabled);
    g->str("address_column", c.geocode.address_column);
    g->path("intersections", c.geocode.intersections, base_dir);
    g->str("intersections_name_column", c.geocode.intersections_name_column);
    g->boolean("learn_blocks", c.geocode.learn_blocks);
    g->integer("min_score", c.geocode.min_score, 0, 100);
    g->finish();
  }
  if (auto k = top.object("kde")) {
    k->boolean("enabled", c.kde.enabled);
    k->choice("kernel", c.kde.kernel, {"quartic", "epanechnikov", "triweight", "triangular", "uniform", "gaussian"});
    k->length("radius", c.kde.radius);
    k->length("cell_size", c.kde.cell_size);
    k->choice("units", c.kde.units, {"per-sq-mile", "per-sq-km", "count-per-cell"});
    if (const json* v = k->get("hot_zone_percentiles")) {
      if (!v->is_array()) k->fail("must be a list of numbers between 0 and 100", "hot_zone_percentiles");
      c.kde.hot_zone_percentiles.clear();
      for (const json& e : *v) {
        if (!e.is_number() || e.get<double>() <= 0 || e.get<double>() >= 100)
          k->fail("must be a list of numbers between 0 and 100", "hot_zone_percentiles");
        c.kde.hot_zone_percentiles.push_back(e.get<double>());
      }
    }
    k->finish();
  }
  if (auto g = top.object("gistar")) {
    g->boolean("enabled", c.gistar.enabled);
    g->choice("units", c.gistar.units, {"fishnet", "hexagon"});
    g->length("cell_size", c.gistar.cell_size);
    g->length("band", c.gistar.band);
    g->integer("permutations", c.gistar.permutations, 0, 99999);
    int seed = static_cast<int>(c.gistar.seed);
    g->integer("seed", seed, 0, 2147483647);
    c.gistar.seed = static_cast<uint64_t>(seed);
    g->boolean("fdr", c.gistar.fdr);
    g->finish();
  }
  if (auto p = top.object("priority_areas")) {
    p->path("file", c.priority_areas.file, base_dir);
    p->path("polygons", c.priority_areas.polygons, base_dir);
    p->str("polygons_id_field", c.priority_areas.polygons_id_field);
    p->str("polygons_name_field", c.priority_areas.polygons_name_field);
    p->length("default_radius", c.priority_areas.default_radius);
    p->finish();
    if (!c.priority_areas.file.empty() && !c.priority_areas.polygons.empty())
      p->fail("give either \"file\" (intersections) or \"polygons\", not both");
  }
  if (auto r = top.object("report")) {
    r->strings("violent_categories", c.report.violent_categories);
    r->integer("start_year", c.report.start_year, 0, 2200);
    r->integer("top_categories", c.report.top_categories, 1, 100);
    r->finish();
  }
  if (auto x = top.object("context")) {
    x->path("city_limits", c.context.city_limits, base_dir);
    read_zone_ref(*x, "divisions", c.context.divisions, base_dir);
    read_zone_ref(*x, "neighborhoods", c.context.neighborhoods, base_dir);
    x->finish();
  }
  if (auto m = top.object("map")) {
    m->boolean("enabled", c.map.enabled);
    m->str("basemap_url", c.map.basemap_url);
    m->integer("min_zoom", c.map.min_zoom, 0, 22);
    m->integer("max_zoom", c.map.max_zoom, 0, 22);
    m->finish();
    if (c.map.min_zoom > c.map.max_zoom) m->fail("min_zoom is greater than max_zoom");
  }
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

std::string resolved_config_json(const RunConfig& c) {
  auto len = [](const std::optional<Length>& l) { return l ? json(l->to_string()) : json("auto"); };
  nlohmann::ordered_json j;
  j["title"] = c.title;
  j["threads"] = c.threads;
  j["input"] = {{"path", c.input.input_path}, {"layer", c.input.layer}, {"x_column", c.input.x_column},
                {"y_column", c.input.y_column}, {"source_crs", c.input.source_crs},
                {"analysis_crs", c.input.analysis_crs}, {"weight_column", c.input.weight_column},
                {"date_column", c.input.date_column}, {"date_from", c.input.date_from}, {"date_to", c.input.date_to},
                {"category_column", c.input.category_column}, {"categories", c.input.categories},
                {"study_area", c.input.study_area_path}};
  j["output"] = {{"folder", c.output_folder}, {"overwrite", c.overwrite}};
  j["geocode"] = {{"enabled", c.geocode.enabled}, {"address_column", c.geocode.address_column},
                  {"intersections", c.geocode.intersections},
                  {"intersections_name_column", c.geocode.intersections_name_column},
                  {"learn_blocks", c.geocode.learn_blocks}, {"min_score", c.geocode.min_score}};
  j["kde"] = {{"enabled", c.kde.enabled}, {"kernel", c.kde.kernel}, {"radius", len(c.kde.radius)},
              {"cell_size", len(c.kde.cell_size)}, {"units", c.kde.units},
              {"hot_zone_percentiles", c.kde.hot_zone_percentiles}};
  j["gistar"] = {{"enabled", c.gistar.enabled}, {"units", c.gistar.units}, {"cell_size", c.gistar.cell_size.to_string()},
                 {"band", len(c.gistar.band)}, {"permutations", c.gistar.permutations}, {"seed", c.gistar.seed},
                 {"fdr", c.gistar.fdr}};
  j["priority_areas"] = {{"file", c.priority_areas.file}, {"polygons", c.priority_areas.polygons},
                         {"polygons_id_field", c.priority_areas.polygons_id_field},
                         {"polygons_name_field", c.priority_areas.polygons_name_field},
                         {"default_radius", c.priority_areas.default_radius.to_string()}};
  j["report"] = {{"violent_categories", c.report.violent_categories}, {"start_year", c.report.start_year},
                 {"top_categories", c.report.top_categories}};
  auto zr = [](const ZoneRef& z) { return json{{"path", z.path}, {"id_field", z.id_field}, {"name_field", z.name_field}}; };
  j["context"] = {{"city_limits", c.context.city_limits}, {"divisions", zr(c.context.divisions)},
                  {"neighborhoods", zr(c.context.neighborhoods)}};
  j["map"] = {{"enabled", c.map.enabled}, {"basemap_url", c.map.basemap_url}, {"min_zoom", c.map.min_zoom},
              {"max_zoom", c.map.max_zoom}};
  return j.dump(2);
}

}  // namespace hotspot::cli
