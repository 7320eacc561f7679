// The input flags every command that reads incidents shares (--x-col, --source-crs, --date-from, ...).
#pragma once

#include "geo/read/ingest.h"

namespace CLI {
class App;
}

namespace hotspot::cli {

// Adds INPUT (positional) and the ingest flags to `app`, writing into `options`.
void add_ingest_flags(CLI::App& app, IngestOptions& options);

}  // namespace hotspot::cli
