// Where an input's bytes come from: a file, a gzip-compressed file (NAME.csv.gz, NAME.geojson.gz), one file inside
// a zip archive (NAME.zip holding one CSV or one vector dataset, or NAME.zip/MEMBER naming it), or standard input
// ("-", CSV text only). Everything is read through GDAL's virtual file systems (/vsigzip/, /vsizip/, /vsistdin/), so
// the CSV reader and the vector drivers see one path either way.
#pragma once

#include <string>

namespace hotspot {

struct InputSource {
  std::string name;      // as given, for messages and the rejects file
  std::string vsi_path;  // what GDAL opens
  // CSV text (read by the project's CSV reader) or a dataset for GDAL's vector drivers.
  enum class Kind { csv_text, vector_dataset } kind = Kind::csv_text;
  std::string member;    // inside a zip: the member chosen ("" otherwise)
};

// The name given on the command line for standard input.
inline constexpr const char* kStandardInput = "-";

// Resolves a path as given. Throws std::runtime_error naming it when the file does not exist, is a directory, or is
// a zip that holds no readable input or several (then the message lists them and says how to name one).
InputSource resolve_input(const std::string& path);

// True for the names read as CSV text (.csv, .tsv, .txt, also with .gz), and for standard input.
bool names_csv_text(const std::string& path);

}  // namespace hotspot
