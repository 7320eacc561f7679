// The counts of an ingest summary (`hotspot info`): records in, accepted, rejected, by reason, by category, undated.
// Under the public profile each count from 1 to k - 1 is suppressed together with the counts that would give it
// away (engine/privacy/cell_suppression's lines: in = accepted + rejected, rejected = the sum over reasons,
// accepted = the sum over categories), and the extent is widened outwards to whole multiples of the generalisation
// distance, so that no edge of it is one incident's coordinate.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cli/pipeline/privacy_options.h"
#include "engine/core/extent.h"
#include "engine/privacy/cell_suppression.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

struct SummaryCount {
  int64_t value = 0;
  Suppressed status = Suppressed::no;
  bool shown() const { return status == Suppressed::no; }
};

struct SummaryCounts {
  SummaryCount in, accepted, rejected, undated;
  std::map<std::string, SummaryCount> by_reason, by_category;
  Extent extent;           // the accepted points' extent; public: widened to multiples of the generalisation
  int min_count = 0;       // k; 0 = the internal profile, nothing suppressed
  size_t suppressed = 0;   // how many counts are not shown
  std::string privacy;     // public: "public: k = 3, extent widened to multiples of 300m"; internal: empty
};

// REQUIRES (public): result.analysis_crs set when the extent is not empty.
SummaryCounts summary_counts(const IngestResult& result, const PrivacyOptions& privacy);

// "1234", "<3" (a count below k) or "suppressed" (a complement).
std::string to_text(const SummaryCount& count, int min_count);

}  // namespace hotspot::cli
