// The Ingest stage's options, declared once: the flags of every command (INPUT..., --x-column, --crs, --date-from,
// ...) and the keys of the run config's `input` section are the same names, filled by the same parsers.
#pragma once

#include "cli/pipeline/option_table.h"
#include "geo/read/ingest.h"

namespace hotspot::cli {

void declare_ingest_options(OptionTable& table, IngestOptions& options);

// The rejects file of a subcommand (command line only: `hotspot run` always writes rejects.csv in its folder).
void declare_rejects_option(OptionTable& table, std::string& path);

}  // namespace hotspot::cli
