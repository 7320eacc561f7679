#include "cli/commands/ingest_flags.h"

#include "cli/pipeline/ingest_options.h"

namespace hotspot::cli {

void add_ingest_flags(CLI::App& app, IngestOptions& o, std::string& rejects, OptionTable& table, CliOptions& cli) {
  declare_ingest_options(table, o);
  declare_rejects_option(table, rejects);
  cli.bind(app, table);
}

}  // namespace hotspot::cli
