#include "cli/pipeline/context.h"

#include <algorithm>
#include <stdexcept>

#include "cli/pipeline/errors.h"

namespace hotspot::cli {

const IngestResult& Context::records() const {
  if (!ingest) throw std::logic_error("a stage needs the records before the ingest stage ran");
  return *ingest;
}

const Crs& Context::crs() const {
  const IngestResult& in = records();
  if (!in.analysis_crs) throw std::logic_error("no analysis CRS after ingest");
  return *in.analysis_crs;
}

void Context::note_unmatched(const std::string& stage, const std::string& text) {
  if (unmatched == IngestOptions::Unmatched::error) throw StageError(stage, text + " (an error with --strict)");
  note(text);
}

void Context::note(const std::string& text) {
  if (std::find(notes.begin(), notes.end(), text) == notes.end()) notes.push_back(text);
}

}  // namespace hotspot::cli
