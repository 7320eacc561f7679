#include "cli/pipeline/ingest_options.h"

#include <stdexcept>

namespace hotspot::cli {

namespace {

Option& with_alias(Option& o, const char* alias) {
  o.aliases.push_back(alias);
  return o;
}

}  // namespace

void declare_rejects_option(OptionTable& t, std::string& path) {
  t.path("rejects", "Write every rejected record with its file, row, column and reason to this CSV", path).config = false;
}

void declare_ingest_options(OptionTable& t, IngestOptions& o) {
  Option& input = t.texts("path",
                          "Incident file: CSV, GeoJSON, shapefile, GeoPackage, Esri JSON, ..., also .gz, a .zip holding one "
                          "(or ARCHIVE.zip/MEMBER), or - for CSV on standard input; several CSV files of one export "
                          "(e.g. one per year) are read as one, columns matched by name",
                          o.additional_inputs, "INPUT");
  input.positional = true;
  input.required = true;
  input.clear = [&o]() {
    o.input_path.clear();
    o.additional_inputs.clear();
  };
  input.assign = [&o](const std::string& v) {
    if (o.input_path.empty()) o.input_path = v;
    else o.additional_inputs.push_back(v);
  };
  input.show = [&o]() {
    std::string s = o.input_path;
    for (const std::string& a : o.additional_inputs) s += "," + a;
    return s;
  };
  t.text("layer", "Layer name in a multi-layer source (default: the first)", o.layer, "NAME");
  with_alias(t.text("x_column", "Column holding x / longitude (default: detected, e.g. LONGITUDE_PUBLIC)", o.x_column, "COLUMN"), "x-col");
  with_alias(t.text("y_column", "Column holding y / latitude (default: detected, e.g. LATITUDE_PUBLIC)", o.y_column, "COLUMN"), "y-col");
  t.text("source_crs",
         "CRS of the input coordinates: EPSG:2264, ESRI:102719, WKT or PROJ string (default: the layer's, a .prj "
         "beside the file, or EPSG:4326 for lon/lat columns)",
         o.source_crs, "CRS");
  with_alias(t.text("analysis_crs", "Projected CRS for all distance work (default: the input's if projected, else its UTM zone)",
                    o.analysis_crs, "CRS"),
             "crs");
  with_alias(t.text("weight_column", "Column with a non-negative weight per incident", o.weight_column, "COLUMN"), "weight-col");
  with_alias(t.text("count_column",
                    "Signed counts: 1 is a record, -1 cancels an earlier record of the same incident (netted by --id-col)",
                    o.count_column, "COLUMN"),
             "count-col");
  with_alias(t.text("id_column", "Incident id the signed counts are netted by (needed with --count-col)", o.id_column, "COLUMN"),
             "id-col");
  with_alias(t.text("date_column", "Date column: ISO dates, YYYY-MM, M/D/YYYY [H:MM], M/D/YY, epoch seconds or ms (default: detected, e.g. DATE_REPORTED)", o.date_column, "COLUMN"),
             "date-col");
  t.text("date_from", "Keep incidents on or after this date (YYYY-MM-DD)", o.date_from, "DATE");
  t.text("date_to", "Keep incidents on or before this date (YYYY-MM-DD, the whole day)", o.date_to, "DATE");
  with_alias(t.text("category_column", "Category column (default: detected, e.g. HIGHEST_NIBRS_DESCRIPTION)", o.category_column, "COLUMN"),
             "category-col");
  with_alias(t.texts("categories", "Keep only this category (case-insensitive)", o.categories, "NAME"), "category");
  t.flag("strict",
         "A value given that matches nothing (a category, a violent category, an area name) is an error, not a "
         "warning; in a run config: top-level \"strict\": true",
         o.unmatched, IngestOptions::Unmatched::warn, IngestOptions::Unmatched::error)
      .config = false;
  t.path("study_area", "Polygon layer; incidents outside it are rejected", o.study_area_path);
  Option d;
  d.key = "delimiter";
  d.help = "CSV delimiter: one character or 'tab' (default: detected from , ; tab /)";
  d.value_name = "CHAR";
  d.assign = [&o](const std::string& v) {
    if (v == "tab" || v == "\\t") o.delimiter = '\t';
    else if (v.size() == 1) o.delimiter = v[0];
    else throw std::invalid_argument("'" + v + "' is not one character (or 'tab')");
  };
  d.show = [&o]() { return o.delimiter == 0 ? std::string() : o.delimiter == '\t' ? std::string("tab") : std::string(1, o.delimiter); };
  t.add(std::move(d));
}

}  // namespace hotspot::cli
