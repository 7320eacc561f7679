// The ingest flags every command that reads incidents has (INPUT..., --x-column, --crs, --date-from, ...), bound from
// the Ingest stage's option declarations (cli/pipeline/ingest_options.h) so they match the run config's `input` keys.
#pragma once

#include "cli/pipeline/option_binding.h"
#include "geo/read/ingest.h"

namespace CLI {
class App;
}

namespace hotspot::cli {

// Binds the flags to `options` and `rejects` (the --rejects file) through `table` and `cli`; call cli.apply() after
// parsing. All must outlive the parse.
void add_ingest_flags(CLI::App& app, IngestOptions& options, std::string& rejects, OptionTable& table, CliOptions& cli);

// The ingest options with the incidents given as --incidents INPUT instead of a positional (for a command whose
// positional is something else, or that reads incidents only to audit its outputs).
void declare_incidents_options(OptionTable& table, IngestOptions& options);

}  // namespace hotspot::cli
