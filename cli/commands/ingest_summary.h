// What every command that reads incidents prints first: records in, accepted and rejected by reason, the columns
// used, the CRSs, the extent, the dates and the top categories (on stdout); and the run's warnings, each once (on
// stderr, so a summary written to a file still shows them on the terminal).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/pipeline/summary_counts.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

void print_ingest_summary(const IngestResult& result, std::ostream& out, int top_categories);
// The same with the counts and extent given (`hotspot info --profile public`: some suppressed, the extent widened).
void print_ingest_summary(const IngestResult& result, const SummaryCounts& counts, std::ostream& out,
                          int top_categories);
// "hotspot: warning: ..." lines, one per warning (the Context's notes: ingest and every stage).
void print_warnings(const std::vector<std::string>& warnings, std::ostream& out);

}  // namespace hotspot::cli
