#include "geo/read/input_source.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "engine/core/text.h"

namespace fs = std::filesystem;

namespace hotspot {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && lower(s.substr(s.size() - tail.size())) == tail;
}

std::string without_gz(const std::string& path) { return ends_with(path, ".gz") ? path.substr(0, path.size() - 3) : path; }

bool csv_extension(const std::string& path) {
  const std::string ext = lower(fs::path(without_gz(path)).extension().string());
  return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

// Extensions of the files inside a zip that can be an input: CSV text, or a vector dataset's main file.
bool readable_member(const std::string& member) {
  static const char* kVector[] = {".shp", ".geojson", ".json", ".gpkg", ".kml", ".gml", ".fgb", ".tab", ".mif"};
  if (member.find("__MACOSX") != std::string::npos || fs::path(member).filename().string().rfind("._", 0) == 0) return false;
  if (csv_extension(member)) return true;
  const std::string ext = lower(fs::path(member).extension().string());
  return std::any_of(std::begin(kVector), std::end(kVector), [&](const char* e) { return ext == e; });
}

std::string comma_list(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// The members of a zip archive (files only), in archive order.
std::vector<std::string> zip_members(const std::string& zip_path) {
  std::vector<std::string> out;
  char** list = VSIReadDirRecursive(("/vsizip/" + zip_path).c_str());
  for (char** p = list; p && *p; ++p) {
    VSIStatBufL st;
    const std::string m = *p;
    if (VSIStatL(("/vsizip/" + zip_path + "/" + m).c_str(), &st) == 0 && !VSI_ISDIR(st.st_mode)) out.push_back(m);
  }
  CSLDestroy(list);
  return out;
}

// The one readable member of a zip archive.
InputSource resolve_zip(const std::string& path) {
  const std::vector<std::string> members = zip_members(path);
  std::vector<std::string> inputs;
  std::copy_if(members.begin(), members.end(), std::back_inserter(inputs), readable_member);
  if (inputs.empty())
    throw std::runtime_error(path + ": the zip archive holds no CSV or vector file hotspot can read" +
                             (members.empty() ? std::string(" (it is empty or not a zip archive)") : " (it holds: " + comma_list(members) + ")"));
  if (inputs.size() > 1)
    throw std::runtime_error(path + ": the zip archive holds several inputs (" + comma_list(inputs) + "); name one as " + path +
                             "/" + inputs[0]);
  return {path, "/vsizip/" + path + "/" + inputs[0],
          csv_extension(inputs[0]) ? InputSource::Kind::csv_text : InputSource::Kind::vector_dataset, inputs[0]};
}

// "archive.zip/member": the member named inside the archive.
InputSource resolve_zip_member(const std::string& path, size_t zip_end) {
  const std::string zip = path.substr(0, zip_end), member = path.substr(zip_end + 1);
  if (!fs::is_regular_file(zip)) throw std::runtime_error(zip + ": no such file");
  VSIStatBufL st;
  if (VSIStatL(("/vsizip/" + path).c_str(), &st) != 0)
    throw std::runtime_error(path + ": the zip archive has no member " + member + " (it holds: " + comma_list(zip_members(zip)) + ")");
  return {path, "/vsizip/" + path, csv_extension(member) ? InputSource::Kind::csv_text : InputSource::Kind::vector_dataset, member};
}

}  // namespace

bool names_csv_text(const std::string& path) { return path == kStandardInput || csv_extension(path); }

InputSource resolve_input(const std::string& path) {
  using Kind = InputSource::Kind;
  if (path == kStandardInput) return {path, "/vsistdin/", Kind::csv_text, ""};
  const std::string lowered = lower(path);
  const size_t zip_end = lowered.find(".zip/");
  if (zip_end != std::string::npos) return resolve_zip_member(path, zip_end + 4);
  std::error_code ec;
  if (!fs::exists(path, ec)) throw std::runtime_error(path + ": no such file");
  if (ends_with(path, ".zip")) return resolve_zip(path);
  if (fs::is_directory(path, ec)) return {path, path, Kind::vector_dataset, ""};  // a File Geodatabase, say
  const Kind kind = csv_extension(path) ? Kind::csv_text : Kind::vector_dataset;
  return {path, ends_with(path, ".gz") ? "/vsigzip/" + path : path, kind, ""};
}

}  // namespace hotspot
