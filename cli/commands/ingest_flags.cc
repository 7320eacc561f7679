#include "cli/commands/ingest_flags.h"

#include <CLI/CLI.hpp>

namespace hotspot::cli {

void add_ingest_flags(CLI::App& app, IngestOptions& o) {
  app.add_option_function<std::vector<std::string>>(
         "input",
         [&o](const std::vector<std::string>& files) {
           o.input_path = files.front();
           o.additional_inputs.assign(files.begin() + 1, files.end());
         },
         "Incident file: CSV, GeoJSON, shapefile, GeoPackage, Esri JSON, ...; several CSV files of one export "
         "(e.g. one per year) are read as one, columns matched by name")
      ->required();
  app.add_option("--layer", o.layer, "Layer name in a multi-layer source (default: the first)");
  app.add_option("--x-col", o.x_column, "Column holding x / longitude (default: detected, e.g. LONGITUDE_PUBLIC)");
  app.add_option("--y-col", o.y_column, "Column holding y / latitude (default: detected, e.g. LATITUDE_PUBLIC)");
  app.add_option("--source-crs", o.source_crs,
                 "CRS of the input coordinates: EPSG:2264, ESRI:102719, WKT or PROJ string "
                 "(default: the layer's, a .prj beside the file, or EPSG:4326 for lon/lat columns)");
  app.add_option("--crs,--analysis-crs", o.analysis_crs,
                 "Projected CRS for all distance work (default: the input's if projected, else its UTM zone)");
  app.add_option("--weight-col", o.weight_column, "Column with a non-negative weight per incident");
  app.add_option("--date-col", o.date_column, "Date column: epoch ms or ISO dates (default: detected, e.g. DATE_REPORTED)");
  app.add_option("--date-from", o.date_from, "Keep incidents on or after this date (YYYY-MM-DD)");
  app.add_option("--date-to", o.date_to, "Keep incidents on or before this date (YYYY-MM-DD, the whole day)");
  app.add_option("--category-col", o.category_column,
                 "Category column (default: detected, e.g. HIGHEST_NIBRS_DESCRIPTION)");
  app.add_option("--category", o.categories, "Keep only this category (repeatable, case-insensitive)");
  app.add_option("--study-area", o.study_area_path, "Polygon layer; incidents outside it are rejected");
  app.add_option("--delimiter", o.delimiter, "CSV delimiter (default: detected from , ; tab |)");
}

}  // namespace hotspot::cli
