#include "cli/pipeline/near_repeat_stage.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "cli/pipeline/context.h"
#include "cli/pipeline/errors.h"
#include "cli/pipeline/outputs.h"
#include "engine/privacy/cell_suppression.h"
#include "geo/write/atomic_output.h"

namespace hotspot::cli {

namespace {

constexpr double kMsPerDay = 86400000.0;

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  for (std::string p; std::getline(ss, p, ',');) parts.push_back(p);
  return parts;
}

// "0,400ft,800ft": lengths with units (a bare 0 allowed), as written and in CRS units.
std::vector<double> distance_edges(const std::string& text, double crs_unit_m, std::vector<std::string>& shown) {
  std::vector<double> edges;
  for (const std::string& p : split_commas(text)) {
    if (p == "0") {
      edges.push_back(0.0);
      shown.push_back("0");
      continue;
    }
    try {
      const Length l = Length::parse(p);
      edges.push_back(l.in_crs_units(crs_unit_m));
      shown.push_back(l.to_string());
    } catch (const std::invalid_argument& e) {
      throw UsageError("--distance-bands '" + text + "': " + e.what());
    }
  }
  return edges;
}

// "0,7d,14d" or "0,1w,2w": days.
std::vector<double> time_edges(const std::string& text, std::vector<std::string>& shown) {
  std::vector<double> edges;
  for (const std::string& p : split_commas(text)) {
    const char unit = p.empty() ? '\0' : p.back();
    const std::string number = (unit == 'd' || unit == 'w') ? p.substr(0, p.size() - 1) : p;
    size_t used = 0;
    double v = std::nan("");
    try {
      v = std::stod(number, &used);
    } catch (const std::exception&) {
    }
    if (number.empty() || used != number.size() || !std::isfinite(v) || ((unit != 'd' && unit != 'w') && v != 0.0))
      throw UsageError("--time-bands '" + text + "': '" + p + "' is not a time such as 7d or 2w (0 may be bare)");
    edges.push_back(unit == 'w' ? 7.0 * v : v);
    shown.push_back(p);
  }
  return edges;
}

std::vector<std::string> band_labels(const std::vector<std::string>& shown) {
  std::vector<std::string> labels;
  for (size_t k = 0; k + 1 < shown.size(); ++k) labels.push_back(shown[k] + "-" + shown[k + 1]);
  return labels;
}

std::string number_text(double v, int precision) {
  if (!std::isfinite(v)) return "";
  std::ostringstream s;
  s << std::fixed << std::setprecision(precision) << v;
  return s.str();
}

// `hidden` (public profile): per cell, suppressed or not (engine/privacy/cell_suppression.h); empty = none. A
// suppressed cell's count, ratio and p are written empty, its `suppressed` 1 (below k) or 2 (complementary).
std::string csv_table(const NearRepeatOutcome& r, const std::vector<Suppressed>& hidden) {
  std::ostringstream c;
  c << "distance_band,time_band,observed,expected,knox_ratio,pseudo_p" << (hidden.empty() ? "" : ",suppressed") << "\n";
  for (size_t d = 0; d < r.knox.distance_bands; ++d)
    for (size_t t = 0; t < r.knox.time_bands; ++t) {
      const size_t k = r.knox.cell(d, t);
      c << r.distance_labels[d] << "," << r.time_labels[t] << ",";
      if (!hidden.empty() && hidden[k] != Suppressed::no) {
        c << "," << number_text(r.knox.expected[k], 3) << ",,," << (hidden[k] == Suppressed::primary ? 1 : 2) << "\n";
        continue;
      }
      c << r.knox.observed[k] << "," << number_text(r.knox.expected[k], 3) << ","
        << number_text(r.knox.knox_ratio[k], 3) << "," << number_text(r.knox.pseudo_p[k], 4)
        << (hidden.empty() ? "" : ",0") << "\n";
    }
  return c.str();
}

// Rows: distance bands; columns: time bands; each cell "ratio (p)" with the observed count, as Ratcliffe's tables.
std::string markdown_table(const NearRepeatOutcome& r, const NearRepeatStage::Options& o,
                           const std::vector<Suppressed>& hidden, int min_count) {
  std::ostringstream m;
  m << "| distance \\ time |";
  for (const std::string& t : r.time_labels) m << " " << t << " |";
  m << "\n|---|";
  for (size_t t = 0; t < r.time_labels.size(); ++t) m << "---:|";
  m << "\n";
  for (size_t d = 0; d < r.knox.distance_bands; ++d) {
    m << "| " << r.distance_labels[d] << " |";
    for (size_t t = 0; t < r.knox.time_bands; ++t) {
      const size_t k = r.knox.cell(d, t);
      if (!hidden.empty() && hidden[k] != Suppressed::no) {
        m << (hidden[k] == Suppressed::primary ? " < " + std::to_string(min_count) + " obs" : " suppressed") << " |";
        continue;
      }
      m << " " << r.knox.observed[k] << " obs, " << number_text(r.knox.expected[k], 1) << " exp, ratio "
        << (std::isfinite(r.knox.knox_ratio[k]) ? number_text(r.knox.knox_ratio[k], 2) : "-") << ", p "
        << number_text(r.knox.pseudo_p[k], 3) << (r.knox.pseudo_p[k] <= 0.05 ? " **" : "") << " |";
    }
    m << "\n";
  }
  m << "\n" << r.incidents << " incidents, " << r.knox.spatial_pairs << " pairs within " << r.max_distance
    << "; expected from " << o.permutations << " shuffles of the dates (seed " << o.seed
    << "); p = (1 + shuffles with at least the observed count) / (R + 1); ** p <= 0.05\n";
  return m.str();
}

}  // namespace

void NearRepeatStage::Options::declare(OptionTable& t) {
  t.text("distance_bands", "Distance band edges with units, increasing, e.g. 0,400ft,800ft,1200ft", distance_bands,
         "EDGES");
  t.text("time_bands", "Time band edges in days or weeks, increasing, e.g. 0,7d,14d,21d", time_bands, "EDGES");
  t.integer("permutations", "Date shuffles for the expected counts and pseudo p-values", permutations, 1, 99999);
  t.seed("seed", "Random seed for the shuffles", seed);
  Option& out = t.path("output", "Output table (.csv); a Markdown copy (.md) goes beside it", output);
  out.short_flag = "o";
  out.config = false;
}

void NearRepeatStage::validate(const Outputs& outputs) {
  if (o_.output.empty()) throw UsageError("near-repeat: give the output table with -o (.csv)");
  if (std::filesystem::path(o_.output).extension() != ".csv")
    throw UsageError("--output " + o_.output + ": the table is written as .csv (with a .md beside it)");
  outputs.check_free(o_.output);
  std::vector<std::string> shown;
  time_edges(o_.time_bands, shown);
}

void NearRepeatStage::run(Context& ctx, Outputs& outputs) {
  const IngestResult& in = ctx.records();
  if (!ctx.crs().is_projected())
    throw UsageError(in.source_path + ": the Knox test needs a projected analysis CRS (distances in feet or metres)");
  std::vector<std::string> dshown, tshown;
  KnoxOptions ko;
  ko.distance_edges_crs = distance_edges(o_.distance_bands, ctx.crs().linear_unit_m(), dshown);
  ko.time_edges_days = time_edges(o_.time_bands, tshown);
  ko.permutations = o_.permutations;
  ko.seed = o_.seed;
  ko.threads = ctx.threads;
  std::vector<Point> points;
  std::vector<double> days;
  int64_t undated = 0, first_undated_row = -1;
  for (const IngestedRecord& rec : in.records) {
    if (!rec.time_ms) {
      if (undated++ == 0) first_undated_row = rec.source_row;
      continue;
    }
    points.push_back(rec.point);
    days.push_back(static_cast<double>(*rec.time_ms - *in.min_time_ms) / kMsPerDay);
  }
  if (undated > 0)
    throw std::runtime_error(in.source_path + ": " + std::to_string(undated) + " incident(s) have no date (first at row " +
                             std::to_string(first_undated_row) + "); the Knox test needs every date (--date-col)");
  r_ = NearRepeatOutcome{};
  r_.distance_labels = band_labels(dshown);
  r_.time_labels = band_labels(tshown);
  r_.max_distance = dshown.back();
  r_.incidents = points.size();
  try {
    r_.knox = knox_test(points, days, ko, ctx.progress);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(in.source_path + ": " + e.what());
  }
  std::vector<Suppressed> hidden;  // public profile: pair counts below k, with their complements
  const int k = ctx.privacy && ctx.privacy->is_public() ? ctx.privacy->min_count : 0;
  if (k > 0) {
    const CellCountTable t{r_.knox.distance_bands, r_.knox.time_bands, r_.knox.observed, RowTotals::not_published,
                           ColumnTotals::not_published};
    const SuppressionResult s = suppress_small_counts(t, k);
    for (size_t d = 0; d < t.rows; ++d)
      for (size_t c = 0; c < t.cols; ++c) hidden.push_back(s.cell(d, c));
  }
  r_.markdown = markdown_table(r_, o_, hidden, k);
  AtomicOutput file(outputs.path(o_.output, o_.output), outputs.overwrite_allowed());
  std::ofstream(file.temp_path(), std::ios::binary) << csv_table(r_, hidden);
  std::ofstream(std::filesystem::path(file.temp_path()).replace_extension(".md"), std::ios::binary) << r_.markdown;
  file.commit();
  r_.paths = {file.final_path(), std::filesystem::path(file.final_path()).replace_extension(".md").string()};
  ctx.stage_line = std::to_string(r_.incidents) + " incidents, " + std::to_string(r_.knox.spatial_pairs) + " close pairs";
}

}  // namespace hotspot::cli
