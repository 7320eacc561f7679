#include "cli/pipeline/report_stage.h"

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "cli/pipeline/emerging_mix.h"
#include "cli/pipeline/privacy_report.h"
#include "cli/pipeline/references_stage.h"
#include "engine/core/timestamp.h"

namespace hotspot::cli {

namespace {

void write_text(Outputs& outputs, const std::string& name, const std::string& text) {
  const std::string path = outputs.path("", name);
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw std::runtime_error(name + ": write failed");
}

}  // namespace

std::string report_time_utc() {
  std::time_t t = std::time(nullptr);
  if (const char* s = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::atoll(s));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::vector<std::string> run_notes(const Context& ctx, const std::string& address_column) {
  std::vector<std::string> notes;
  if (ctx.resolver)
    if (const std::string n = placement_note(*ctx.resolver, address_column); !n.empty()) notes.push_back(n);
  notes.insert(notes.end(), ctx.notes.begin(), ctx.notes.end());
  return notes;
}

void ReportStage::validate(const Outputs& outputs) {
  if (!outputs.is_folder()) throw std::logic_error("the report stage writes into a run folder");
}

void ReportStage::run(Context& ctx, Outputs& outputs) {
  const IngestResult& in = ctx.records();
  RunReport& r = report_;
  r.title = o_.title;
  r.generated_utc = o_.generated_utc.empty() ? report_time_utc() : o_.generated_utc;
  r.input_path = o_.input_path;
  r.violent_categories = o_.violent_categories;
  r.start_year = o_.start_year;
  r.accounting = in.accounting;
  r.crs_unit_m = ctx.crs().linear_unit_m();
  r.crs_description = ctx.crs().describe();
  if (in.min_time_ms && in.max_time_ms) r.date_range = format_date(*in.min_time_ms) + " .. " + format_date(*in.max_time_ms);
  if (ctx.density) {
    r.density_unit_label = ctx.density->unit_label;
    r.kde_description = ctx.density->description;
  }
  if (ctx.gistar) r.gistar_description = ctx.gistar->description;
  if (ctx.areas) {
    r.city = ctx.areas->city;
    r.city_area_sq_mi = ctx.areas->city_area_sq_mi;
    r.areas = ctx.areas->info;
    r.area_figures = ctx.areas->figures;
  }
  if (ctx.clusters) r.clusters = *ctx.clusters;
  r.trends = ctx.trends;
  if (ctx.emerging) {
    r.emerging_mix = emerging_mix(*ctx.emerging, ctx.areas ? ctx.areas->areas : std::vector<PriorityArea>{});
    const TimeStepPlan& plan = ctx.emerging->cube.plan;
    r.emerging_description = std::to_string(ctx.emerging->cube.locations()) + " cells x " +
                             std::to_string(plan.steps()) + " time steps (" +
                             format_date(plan.edges_day.front() * 86400000LL) + " .. " +
                             format_date((plan.edges_day.back() - 1) * 86400000LL) + ")";
  }
  r.notes = run_notes(ctx, o_.address_column);
  if (!outputs.find("map_preview.png").empty()) r.preview_image = "map_preview.png";
  if (ctx.privacy && ctx.privacy->is_public()) {
    const int k = ctx.privacy->min_count;
    r.monthly_counts = false;
    write_text(outputs, "report.md", public_report_markdown(report_markdown(r), k));
    write_text(outputs, "report.csv", public_report_csv(report_csv(r), k));
    write_text(outputs, "report.json", public_report_json(report_json(r), k));
  } else {
    write_text(outputs, "report.md", report_markdown(r));
    write_text(outputs, "report.csv", report_csv(r));
    write_text(outputs, "report.json", report_json(r));
  }
  ctx.stage_line = "report.md, report.csv, report.json";
}

}  // namespace hotspot::cli
