#include "cli/pipeline/check_public_stage.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "cli/pipeline/context.h"
#include "cli/pipeline/errors.h"
#include "engine/core/text.h"
#include "engine/privacy/count_fields.h"
#include "engine/privacy/proximity_index.h"
#include "geo/audit/published_values.h"

namespace hotspot::cli {

namespace {

std::vector<Point> incident_points(const IngestResult& in) {
  std::vector<Point> pts;
  pts.reserve(in.records.size());
  for (const IngestedRecord& r : in.records) pts.push_back(r.point);
  return pts;
}

// One finding per feature, row or line: the position closest to an incident.
void check_positions(const PublishedValues& v, const IngestResult& in, double distance_crs, double unit_m,
                     size_t shared_by, CheckPublicOutcome& r) {
  const ProximityIndex near(incident_points(in));
  std::map<std::pair<std::string, std::string>, std::pair<double, PublicFinding>> closest;
  std::vector<std::pair<std::string, std::string>> order;
  for (const PublishedPosition& p : v.positions) {
    const auto hit = near.nearest_within(p.x, p.y, distance_crs);
    if (!hit) continue;
    const size_t sharing = shared_by > 0 ? near.count_within(p.x, p.y, distance_crs) : 0;
    if (shared_by > 0 && sharing >= shared_by) continue;
    const auto key = std::make_pair(p.file, p.where);
    const auto seen = closest.find(key);
    if (seen != closest.end() && seen->second.first <= hit->distance) continue;
    if (seen == closest.end()) order.push_back(key);
    const IngestedRecord& rec = in.records[hit->index];
    closest[key] = {hit->distance,
                    {PublicFinding::Kind::position, p.file, p.where, p.value,
                     format_fixed(hit->distance * unit_m, 1) + " m from the incident at row " +
                         std::to_string(rec.source_row) + " of the input" +
                         (shared_by > 0 ? " (" + std::to_string(sharing) + " incident(s) within the distance, fewer "
                                          "than k = " + std::to_string(shared_by) + ")"
                                        : "")}};
  }
  for (const auto& key : order) r.findings.push_back(closest[key].second);
}

void check_counts(const PublishedValues& v, int k, CheckPublicOutcome& r) {
  for (const PublishedCount& c : v.counts)
    if (is_small_count(c.value, k))
      r.findings.push_back({PublicFinding::Kind::small_count, c.file, c.where, format_significant(c.value, 12),
                            c.field + " " + format_significant(c.value, 12) + " is below k = " + std::to_string(k)});
}

}  // namespace

std::string CheckPublicOutcome::summary() const {
  return std::string(findings.empty() ? "PASS" : "FAIL") + ": " + std::to_string(findings.size()) + " finding(s) in " +
         std::to_string(files_scanned) + " file(s); " + std::to_string(positions_checked) + " position(s) and " +
         std::to_string(counts_checked) + " count(s) checked against " + std::to_string(incidents) + " incident(s)";
}

void CheckPublicStage::Options::declare(OptionTable& t) {
  Option& dir = t.path("folder", "Output folder to audit (every file in it, recursively)", folder);
  dir.positional = true;
  dir.required = true;
  dir.value_name = "DIR";
  t.length("distance", "A published position this close to an input incident fails the audit", distance);
  t.integer("min_count", "k: a published count from 1 to k - 1 fails the audit", min_count, 1, 1000);
  t.flag("k_shared", "A position near at least k incidents passes (hundred-block points); otherwise any near one fails",
         shared, SharedPositions::finding, SharedPositions::k_shared);
}

std::vector<std::string> written_files(const Outputs& outputs, std::filesystem::file_time_type since) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& w : outputs.written()) {
    if (fs::is_regular_file(w)) files.push_back(w);
    const fs::path p(w);
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    const std::string prefix = p.stem().string() + ".";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file() && name.rfind(prefix, 0) == 0 && e.last_write_time() >= since)
        files.push_back((p.parent_path() / name).string());
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

CheckPublicStage::Options::SharedPositions audit_sharing(const PrivacyOptions& p) {
  return p.points == PrivacyOptions::Points::hundred_block ? CheckPublicStage::Options::SharedPositions::k_shared
                                                           : CheckPublicStage::Options::SharedPositions::finding;
}

void require_publishable(const CheckPublicStage& check) {
  const CheckPublicOutcome& r = check.outcome();
  if (r.findings.empty()) return;
  std::string first;
  for (size_t i = 0; i < r.findings.size() && i < 5; ++i)
    first += "\n  " + r.findings[i].file + ": " + r.findings[i].where + ": " + r.findings[i].value + ": " +
             r.findings[i].why;
  throw std::runtime_error("check-public: the public profile's outputs failed the audit (" + r.summary() +
                           "); nothing was written:" + first);
}

void CheckPublicStage::validate(const Outputs&) {
  if (o_.scope == Options::Scope::folder && o_.folder.empty())
    throw UsageError("check-public: give the output folder to audit");
}

void CheckPublicStage::run(Context& ctx, Outputs& outputs) {
  if (o_.scope == Options::Scope::folder && !std::filesystem::is_directory(o_.folder))
    throw std::runtime_error(o_.folder + ": not a folder");
  r_ = CheckPublicOutcome{};
  const bool incidents = ctx.ingest.has_value();  // none: a table without coordinates, audited for counts only
  if (incidents && !ctx.crs().is_projected())
    throw UsageError(ctx.records().source_path + ": the audit needs a projected analysis CRS (give --crs)");
  const Crs crs = incidents ? ctx.crs() : Crs::from_user_input("EPSG:4326");
  const double unit_m = incidents ? crs.linear_unit_m() : 1.0;
  const double distance_crs = o_.distance.in_crs_units(unit_m);
  const Extent window = incidents ? ctx.records().extent.grown(distance_crs) : Extent{};
  if (o_.scope == Options::Scope::written) files_ = written_files(outputs, o_.since);
  const PublishedValues v = o_.scope == Options::Scope::written ? scan_published_files(files_, crs, window)
                                                                : scan_published_folder(o_.folder, crs, window);
  r_.files_scanned = v.files_scanned.size();
  r_.positions_checked = v.positions.size();
  r_.counts_checked = v.counts.size();
  r_.incidents = incidents ? ctx.records().records.size() : 0;
  r_.skipped = v.files_skipped;
  const size_t shared_by = o_.shared == Options::SharedPositions::k_shared ? static_cast<size_t>(o_.min_count) : 0;
  if (incidents) check_positions(v, ctx.records(), distance_crs, unit_m, shared_by, r_);
  check_counts(v, o_.min_count, r_);
  std::stable_sort(r_.findings.begin(), r_.findings.end(),
                   [](const PublicFinding& a, const PublicFinding& b) { return a.file < b.file; });
  ctx.stage_line = r_.summary();
}

}  // namespace hotspot::cli
